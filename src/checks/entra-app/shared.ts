import type { ConditionalAccessPolicy, ServicePrincipal } from '../../model/types.js';
import { IDS } from '../util.js';

const REGISTRATION_APP_NAME = /user registration app for device compliance/i;
/** The registration app's well-known appIds: commercial, then GCC High (Jamf's DeviceComplianceMigrator.sh). */
export const REGISTRATION_APP_IDS: readonly string[] = [
  IDS.deviceComplianceRegistrationApp,
  IDS.deviceComplianceRegistrationAppGccHigh,
];

/**
 * The tenant's "User registration app for Device Compliance": its service principal found by a well-known appId
 * first (a display name can be changed, an appId cannot), else by name. `alternatives`: the appIds whose
 * exclusion counts — the one found, or, when the tenant has no such service principal, either well-known appId.
 */
export function registrationApp(sps: readonly ServicePrincipal[]): {
  appId: string;
  app: string;
  alternatives: string[];
} {
  const byId = REGISTRATION_APP_IDS.map((id) => sps.find((s) => s.appId.toLowerCase() === id)).find(
    (s) => s !== undefined,
  );
  const sp = byId ?? sps.find((s) => REGISTRATION_APP_NAME.test(s.displayName ?? ''));
  if (sp) {
    return {
      appId: sp.appId,
      app: sp.displayName ?? 'User registration app for Device Compliance',
      alternatives: [sp.appId.toLowerCase()],
    };
  }
  return {
    appId: IDS.deviceComplianceRegistrationApp,
    app: 'User registration app for Device Compliance',
    alternatives: [...REGISTRATION_APP_IDS],
  };
}

/** Grant controls a Mac cannot satisfy before it has registered. */
const DEVICE_CONTROLS = ['compliantDevice', 'domainJoinedDevice'];
const CONTROL_NAMES: Record<string, { en: string; it: string }> = {
  compliantDevice: { en: 'a compliant device', it: 'un dispositivo conforme' },
  domainJoinedDevice: {
    en: 'a Microsoft Entra hybrid joined device',
    it: 'un dispositivo aggiunto ibrido a Microsoft Entra',
  },
};
export const controlNames = (controls: string[], lang: 'en' | 'it'): string =>
  controls.map((c) => `${CONTROL_NAMES[c]?.[lang] ?? c} (${c})`).join(lang === 'en' ? ' or ' : ' o ');

/**
 * The device grant controls by which an enabled policy for all resources blocks a Mac that has not registered
 * yet, or null when it cannot: another platform, no device control, or an OR with a control the user can meet.
 */
export function registrationBlockingControls(p: ConditionalAccessPolicy): string[] | null {
  if (p.state !== 'enabled') return null;
  if (!p.includeApplications.some((a) => a.toLowerCase() === 'all')) return null;
  // Only policies that reach Macs: no platform condition, or one that includes macOS and does not exclude it.
  const lower = (l: string[]) => l.map((x) => x.toLowerCase());
  const include = lower(p.includePlatforms);
  if (include.length && !include.includes('all') && !include.includes('macos')) return null;
  if (lower(p.excludePlatforms).includes('macos')) return null;
  const controls = p.builtInControls.filter((c) => DEVICE_CONTROLS.includes(c));
  if (!controls.length) return null;
  // With OR, another control (MFA, say) satisfies the policy: registration is not blocked.
  if ((p.grantOperator ?? 'OR').toUpperCase() === 'OR' && controls.length < p.builtInControls.length) return null;
  return controls;
}
