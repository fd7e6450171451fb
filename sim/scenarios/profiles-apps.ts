/**
 * The Jamf data of issue 13 rows 9 and 20, in Jamf Pro's public shapes: macOS configuration profiles (Classic API,
 * `general.payloads` an XML property list), the profiles installed on each computer (inventory section
 * CONFIGURATION_PROFILES) and its applications (section APPLICATIONS). A healthy Mac has the Microsoft Enterprise
 * SSO extension profile (or the Platform SSO one) and Company Portal. Two problems are injected on chosen Macs:
 *
 * - a new Mac that cannot register: Device Compliance applies, no Entra registration (no Entra device, no ids in
 *   Jamf Pro), and no profile with the SSO extension installed (other profiles are, a Kerberos SSO extension among
 *   them on some Macs). Jamf Pro then also knows no Entra device for a Mac Device Compliance applies to.
 * - a Mac whose Company Portal was removed: it left the Applicable smart group (Jamf Pro `applicable: false`).
 *
 * The generator calls `installProfilesApps` once, after the other scenarios; it never knows a check.
 */
import type { Rng } from '../rng.js';
import type { SimComputer, SimProfile, SimTenant, TruthEntry } from '../tenant.js';

type Json = Record<string, unknown>;

export const PROFILES_APPS_INJECTABLE: Record<
  string,
  { modes: ReadonlyArray<'legacy' | 'device-compliance'>; level: 'mac' }
> = {
  'jamf/sso-extension-profile-missing': { modes: ['device-compliance'], level: 'mac' },
  'jamf/company-portal-missing': { modes: ['device-compliance'], level: 'mac' },
};

const SSO_EXTENSION = 'com.microsoft.CompanyPortalMac.ssoextension';

/** A configuration profile as Jamf Pro stores it: one payload dictionary in an XML property list. */
function plist(name: string, uuid: string, payload: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
		<dict>
${payload}
			<key>PayloadUUID</key>
			<string>${uuid.slice(0, 30)}000001</string>
			<key>PayloadVersion</key>
			<integer>1</integer>
		</dict>
	</array>
	<key>PayloadDisplayName</key>
	<string>${name}</string>
	<key>PayloadIdentifier</key>
	<string>${uuid}</string>
	<key>PayloadScope</key>
	<string>System</string>
	<key>PayloadType</key>
	<string>Configuration</string>
	<key>PayloadUUID</key>
	<string>${uuid}</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
</dict>
</plist>
`;
}

const ssoPayload = (platformSso: boolean): string =>
  `			<key>ExtensionIdentifier</key>
			<string>${SSO_EXTENSION}</string>
			<key>PayloadType</key>
			<string>com.apple.extensiblesso</string>
${
  platformSso
    ? `			<key>PlatformSSO</key>
			<dict>
				<key>AuthenticationMethod</key>
				<string>UserSecureEnclaveKey</string>
				<key>UseSharedDeviceKeys</key>
				<true/>
			</dict>
`
    : ''
}			<key>TeamIdentifier</key>
			<string>UBF8T346G9</string>
			<key>Type</key>
			<string>Redirect</string>
			<key>URLs</key>
			<array>
				<string>https://login.microsoftonline.com</string>
				<string>https://login.microsoft.com</string>
				<string>https://sts.windows.net</string>
			</array>`;

const KERBEROS_PAYLOAD = `			<key>ExtensionIdentifier</key>
			<string>com.apple.AppSSOKerberos.KerberosExtension</string>
			<key>Hosts</key>
			<array>
				<string>contoso.example</string>
				<string>*.contoso.example</string>
			</array>
			<key>PayloadType</key>
			<string>com.apple.extensiblesso</string>
			<key>Realm</key>
			<string>CONTOSO.EXAMPLE</string>
			<key>TeamIdentifier</key>
			<string>apple</string>
			<key>Type</key>
			<string>Credential</string>`;

const FILEVAULT_PAYLOAD = `			<key>PayloadType</key>
			<string>com.apple.MCX.FileVault2</string>
			<key>Enable</key>
			<string>On</string>`;

const WIFI_PAYLOAD = `			<key>PayloadType</key>
			<string>com.apple.wifi.managed</string>
			<key>SSID_STR</key>
			<string>Contoso</string>`;

/** The healthy Company Portal and a few other applications (inventory APPLICATIONS records). */
const COMPANY_PORTAL: Json = {
  name: 'Company Portal.app',
  path: '/Applications/Company Portal.app',
  version: '5.2504.0',
  macAppStore: false,
  sizeMegabytes: 168,
  bundleId: 'com.microsoft.CompanyPortalMac',
  updateAvailable: false,
  externalVersionId: '0',
};
const OTHER_APPS: Json[] = [
  ['Safari.app', 'com.apple.Safari', '18.6'],
  ['Microsoft Teams.app', 'com.microsoft.teams2', '25163.3001.3729.7380'],
  ['Self Service.app', 'com.jamfsoftware.selfservice.mac', '11.12.0'],
  ['Microsoft Outlook.app', 'com.microsoft.Outlook', '16.99'],
].map(([name, bundleId, version]) => ({
  name,
  path: `/Applications/${name}`,
  version,
  macAppStore: false,
  sizeMegabytes: 200,
  bundleId,
  updateAvailable: false,
  externalVersionId: '0',
}));

export interface ProfilesAppsContext {
  tenant: SimTenant;
  rng: Rng;
  now: number;
  /** Mac-level problems chosen by the generator: Mac index → check id. */
  macProblems: ReadonlyMap<number, string>;
  plans: ReadonlyArray<{ serial: string; jamfId: string; deviceId: string }>;
  truth: TruthEntry[];
}

export function installProfilesApps(x: ProfilesAppsContext): void {
  const { tenant, rng, now } = x;
  const j = tenant.jamf;
  const profile = (id: string, name: string, payload: string): SimProfile => {
    const uuid = rng.guid().toUpperCase();
    return { id, name, uuid, payloads: plist(name, uuid, payload) };
  };
  const sso = profile('1', 'Microsoft Enterprise SSO', ssoPayload(false));
  const psso = profile('2', 'Platform SSO (Entra ID)', ssoPayload(true));
  const filevault = profile('3', 'FileVault', FILEVAULT_PAYLOAD);
  const wifi = profile('4', 'Wi-Fi Contoso', WIFI_PAYLOAD);
  const kerberos = profile('5', 'Kerberos SSO', KERBEROS_PAYLOAD);
  j.profiles = [sso, psso, filevault, wifi, kerberos];
  // Some fleets moved to Platform SSO: those Macs have the Platform SSO profile instead.
  const pssoShare = rng.pick([0, 0.3, 1]);
  const installed = (p: SimProfile): NonNullable<SimComputer['profiles']>[number] => ({
    id: p.id,
    displayName: p.name,
    profileIdentifier: p.uuid,
    lastInstalled: now - rng.int(1, 90) * 86_400_000,
  });
  for (const c of j.computers) {
    const list = [installed(rng.chance(pssoShare) ? psso : sso), installed(filevault)];
    if (rng.chance(0.7)) list.push(installed(wifi));
    if (rng.chance(0.3)) list.push(installed(kerberos));
    c.profiles = list;
    c.applications = [COMPANY_PORTAL, ...OTHER_APPS.filter(() => rng.chance(0.8))];
  }

  const computerOf = new Map<string, SimComputer>(j.computers.map((c) => [c.id, c]));
  for (const [idx, problem] of x.macProblems) {
    const p = x.plans[idx]!;
    const c = computerOf.get(p.jamfId);
    if (!c) continue;
    if (problem === 'jamf/sso-extension-profile-missing') {
      // A new Mac that never registered: no Entra device, nothing in Jamf Pro's accounts; Device Compliance applies.
      c.accounts = c.accounts.map((a) => ({
        ...a,
        computerAzureActiveDirectoryId: null,
        userAzureActiveDirectoryId: null,
        azureActiveDirectoryId: 'UNKNOWN',
      }));
      const g = tenant.graph;
      g.devices = g.devices.filter((d) => d.deviceId !== p.deviceId);
      c.compliance = [
        {
          deviceId: c.id,
          applicable: true,
          complianceState: 'NON_COMPLIANT',
          complianceVendor: 'Microsoft Intune',
          complianceVendorDeviceInformation: [{ deviceIds: [] }],
        },
      ];
      c.profiles = (c.profiles ?? []).filter((i) => i.id !== sso.id && i.id !== psso.id);
      x.truth.push({
        checkId: 'compliance/jamf-entra-mismatch',
        subject: { kind: 'mac', id: p.serial },
        note: 'Device Compliance applies to a Mac that could not register: Jamf Pro knows no Entra device',
      });
    } else if (problem === 'jamf/company-portal-missing') {
      // Company Portal was removed: the Mac left the Applicable smart group.
      c.applications = (c.applications ?? []).filter((a) => a.bundleId !== COMPANY_PORTAL.bundleId);
      c.compliance = [
        {
          deviceId: c.id,
          applicable: false,
          complianceState: 'UNKNOWN',
          complianceVendor: 'Microsoft Intune',
          complianceVendorDeviceInformation: [{ deviceIds: [p.deviceId] }],
        },
      ];
    }
  }
}
