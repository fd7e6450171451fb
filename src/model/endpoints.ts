/**
 * The endpoints and ports the integration needs (shared/research/graph.md §7; Microsoft's "Network ports" list
 * for Jamf Pro integration, Jamf's "Network Ports Used by Jamf Pro", Apple HT202944).
 */
export interface Endpoint {
  host: string;
  port: number;
  /** Who must reach it. */
  from: 'jamf-pro' | 'macs' | 'both';
  purpose: string;
  /** Listed by Microsoft but retired by Apple: reported, never probed as a requirement. */
  retired?: string;
}

export const REQUIRED_ENDPOINTS: readonly Endpoint[] = [
  { host: 'login.microsoftonline.com', port: 443, from: 'both', purpose: 'Entra ID sign-in and tokens' },
  { host: 'graph.microsoft.com', port: 443, from: 'jamf-pro', purpose: 'Microsoft Graph' },
  { host: 'api.manage.microsoft.com', port: 443, from: 'jamf-pro', purpose: 'Intune partner API' },
  { host: 'portal.manage.microsoft.com', port: 443, from: 'macs', purpose: 'Intune Company Portal' },
  { host: 'enrollment.manage.microsoft.com', port: 443, from: 'macs', purpose: 'Intune enrolment' },
  { host: 'enterpriseregistration.windows.net', port: 443, from: 'macs', purpose: 'Entra device registration' },
  { host: 'device.login.microsoftonline.com', port: 443, from: 'macs', purpose: 'Entra device authentication' },
  // Apple's associated-domain hosts: the Enterprise SSO extension and Platform SSO fetch the apple-app-site-association
  // files through them; TLS inspection of them gives 1012/1000/1001 errors at registration
  // (https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md).
  {
    host: 'app-site-association.cdn-apple.com',
    port: 443,
    from: 'macs',
    purpose: 'Apple associated domains (Enterprise SSO extension, Platform SSO)',
  },
  {
    host: 'app-site-association.networking.apple',
    port: 443,
    from: 'macs',
    purpose: 'Apple associated domains (Enterprise SSO extension, Platform SSO)',
  },
  { host: 'api.push.apple.com', port: 443, from: 'jamf-pro', purpose: 'Apple push notifications (HTTP/2 APNs)' },
  {
    host: 'api.push.apple.com',
    port: 2197,
    from: 'jamf-pro',
    purpose: 'Apple push notifications (HTTP/2 APNs, alternative port)',
  },
  {
    host: 'courier.push.apple.com',
    port: 5223,
    from: 'macs',
    purpose: 'Apple push notifications to Macs (17.0.0.0/8)',
  },
  {
    host: 'gateway.push.apple.com',
    port: 2195,
    from: 'jamf-pro',
    purpose: 'legacy binary APNs provider',
    retired: 'listed by Microsoft, but Apple retired the binary APNs interface on 2021-03-31; use 443 or 2197',
  },
  {
    host: 'feedback.push.apple.com',
    port: 2196,
    from: 'jamf-pro',
    purpose: 'legacy binary APNs feedback',
    retired: 'listed by Microsoft, but Apple retired the binary APNs interface on 2021-03-31',
  },
];

export function endpointChecklist(): string {
  return REQUIRED_ENDPOINTS.filter((e) => !e.retired)
    .map((e) => `${e.host}:${e.port}`)
    .join(', ');
}
