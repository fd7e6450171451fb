import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check from './sso-extension-profile-missing.js';

/*
 * Shapes: computers-inventory localUserAccounts and section CONFIGURATION_PROFILES (id, username, lastInstalled,
 * removable, displayName, profileIdentifier: https://github.com/macadmins/jamf-pro-sdk-python/blob/main/src/jamf_pro_sdk/models/pro/computers.py),
 * device-compliance-information (https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid),
 * Classic osxconfigurationprofiles/id/{id} with Accept: application/json, general.payloads an XML property list
 * (https://github.com/deploymenttheory/go-api-sdk-jamfpro/blob/main/sdk/jamfpro/classicapi_macos_configuration_profiles.go).
 * The payloads: test/fixtures/profiles/*.plist (sources in each file).
 */
const NOW = '2026-11-29T09:30:00Z';
const plist = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/profiles/${name}.plist`, import.meta.url), 'utf8');
const SSOE = plist('sso-extension');
const PSSO = plist('platform-sso');
const KERBEROS = plist('kerberos-sso');
const WRONG_TEAM = SSOE.replace('<string>UBF8T346G9</string>', '<string>SGGM6D27TK</string>').replace(
  /6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77/g,
  'AB12CD34-0000-4000-8000-000000000012',
);
const OTHER_EXTENSION = SSOE.replace(
  '<string>com.microsoft.CompanyPortalMac.ssoextension</string>',
  '<string>com.microsoft.CompanyPortalMac.ssoextension.helper</string>',
).replace(/6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77/g, 'AB12CD34-0000-4000-8000-000000000013');

const profile = (id: number, name: string, uuid: string | null, payloads: string | null) => ({
  os_x_configuration_profile: {
    general: {
      id,
      name,
      description: '',
      site: { id: -1, name: 'None' },
      category: { id: -1, name: 'No category assigned' },
      distribution_method: 'Install Automatically',
      user_removable: false,
      level: 'System',
      uuid,
      redeploy_on_update: 'Newly Assigned',
      payloads,
    },
    scope: { all_computers: false },
  },
});
const installed = (id: string | null, displayName: string, profileIdentifier: string) => ({
  id,
  username: null,
  lastInstalled: '2026-11-20T10:00:00Z',
  removable: false,
  displayName,
  profileIdentifier,
});
const SSO_P = installed('7', 'Microsoft Enterprise SSO', '6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77');
const FILEVAULT_P = installed('3', 'FileVault', '9E8D7C6B-5A49-4382-9170-6F5E4D3C2B1A');
const KERBEROS_P = installed('9', 'Kerberos SSO', '2bbbbbb2-3cc3-4dd4-5ee5-6ffffffffff6');
const MDM_P = installed(null, 'MDM Profile', '00000000-0000-0000-A000-4A414D460003');

type Account = Record<string, unknown>;
const UNREGISTERED: Account[] = [
  {
    username: 'ada',
    userAccountType: 'LOCAL',
    computerAzureActiveDirectoryId: null,
    userAzureActiveDirectoryId: null,
    azureActiveDirectoryId: 'UNKNOWN',
  },
];
const REGISTERED: Account[] = [
  {
    username: 'ada',
    computerAzureActiveDirectoryId: '5b2f0e0c-8a8e-4a4e-9d0f-1c2a3b4c5d6e',
    userAzureActiveDirectoryId: '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
    azureActiveDirectoryId: 'ACTIVATED',
  },
];

interface Opts {
  accounts?: Account[] | null;
  applicable?: boolean | null | 'none';
  profiles?: Array<Record<string, unknown>> | null;
  legacy?: boolean;
  managed?: boolean;
}
function tenant(o: Opts = {}) {
  const b = fleet(NOW);
  if (o.legacy) b.legacyPartner();
  else b.compliancePartner();
  b.jamf({
    id: '21',
    general: { name: 'LON-MBA-0021', remoteManagement: { managed: o.managed ?? true } },
    hardware: { serialNumber: 'C02SSO000021' },
    localUserAccounts: o.accounts === undefined ? UNREGISTERED : o.accounts,
  });
  const applicable = o.applicable === undefined ? true : o.applicable;
  if (applicable === 'none')
    b.status('jamf/api/v1/conditional-access/device-compliance-information/computer/21', 'complete');
  else
    b.jamfCompliance('21', {
      deviceId: '21',
      applicable,
      complianceState: 'NON_COMPLIANT',
      complianceVendor: 'Microsoft Intune',
      complianceVendorDeviceInformation: [{ deviceIds: [] }],
    });
  if (o.profiles !== null) b.computerSection({ id: '21', configurationProfiles: o.profiles ?? [FILEVAULT_P, MDM_P] });
  b.macosProfile(profile(7, 'Microsoft Enterprise SSO', '6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77', SSOE), '7');
  b.macosProfile(profile(3, 'FileVault', '9E8D7C6B-5A49-4382-9170-6F5E4D3C2B1A', FILEVAULT_PLIST), '3');
  b.macosProfile(profile(9, 'Kerberos SSO', '2bbbbbb2-3cc3-4dd4-5ee5-6ffffffffff6', KERBEROS), '9');
  b.macosProfile(profile(11, 'Platform SSO', '0B9C8D7E-6F5A-4B3C-2D1E-0F9A8B7C6D5E', PSSO), '11');
  b.macosProfile(profile(12, 'SSO (typo in team)', 'AB12CD34-0000-4000-8000-000000000012', WRONG_TEAM), '12');
  b.macosProfile(profile(13, 'SSO helper', 'AB12CD34-0000-4000-8000-000000000013', OTHER_EXTENSION), '13');
  b.macosProfile(profile(14, 'Broken', 'AB12CD34-0000-4000-8000-000000000014', '<plist><dict><key>x</key>'), '14');
  b.macosProfile(
    profile(15, 'SSO 15', 'UUID-ONLY-15', SSOE.replace(/6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77/g, 'com.contoso.sso15')),
    '15',
  );
  b.macosProfile(
    profile(
      16,
      'SSO 16',
      null,
      SSOE.replace(/<key>PayloadIdentifier<\/key>\s*<string>6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77<\/string>/, ''),
    ),
    '16',
  );
  return b;
}
const FILEVAULT_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.MCX.FileVault2</string></dict></array><key>PayloadIdentifier</key><string>9E8D7C6B-5A49-4382-9170-6F5E4D3C2B1A</string></dict></plist>`;

const missingText = {
  en: 'LON-MBA-0021: Device Compliance applies to computer 21, which is not registered with Entra, and none of the 2 configuration profiles installed on it configures the Microsoft Enterprise SSO extension (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) or Platform SSO with it',
  it: 'LON-MBA-0021: Device Compliance si applica al computer 21, che non è registrato con Entra, e nessuno dei 2 profili di configurazione installati configura l’estensione Microsoft Enterprise SSO (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) o Platform SSO con essa',
};

testCheck(check, {
  valid: [
    { name: 'the SSO extension profile is installed', fleet: tenant({ profiles: [FILEVAULT_P, SSO_P] }).build() },
    {
      name: 'matched by profileIdentifier when the inventory gives no id',
      fleet: tenant({ profiles: [{ ...SSO_P, id: null }] }).build(),
    },
    {
      name: 'matched by profileIdentifier in another case',
      fleet: tenant({
        profiles: [{ ...SSO_P, id: '999', profileIdentifier: SSO_P.profileIdentifier.toLowerCase() }],
      }).build(),
    },
    {
      name: 'matched by id when the inventory gives no identifier',
      fleet: tenant({ profiles: [{ ...SSO_P, profileIdentifier: null }] }).build(),
    },
    {
      name: 'a wrong id, the right identifier: the identifier decides',
      fleet: tenant({ profiles: [{ ...SSO_P, id: '3' }] }).build(),
    },
    {
      name: 'matched by the profile’s uuid alone, in another case',
      fleet: tenant({ profiles: [installed(null, 'SSO', 'uuid-only-15')] }).build(),
    },
    {
      name: 'matched by the payload identifier alone',
      fleet: tenant({ profiles: [installed(null, 'SSO', 'com.contoso.sso15')] }).build(),
    },
    {
      name: 'matched by id when the Jamf profile names no identifier',
      fleet: tenant({ profiles: [installed('16', 'SSO', 'WHATEVER')] }).build(),
    },
    {
      name: 'a Platform SSO profile (extensiblesso with PlatformSSO) counts',
      fleet: tenant({ profiles: [installed('11', 'Platform SSO', '0B9C8D7E-6F5A-4B3C-2D1E-0F9A8B7C6D5E')] }).build(),
    },
    {
      name: 'registered (ACTIVATED with a device id): not in question',
      fleet: tenant({ accounts: REGISTERED }).build(),
    },
    {
      name: 'UNRESPONSIVE without a device id is a registration',
      fleet: tenant({ accounts: [{ ...UNREGISTERED[0], azureActiveDirectoryId: 'UNRESPONSIVE' }] }).build(),
    },
    {
      name: 'a device id with state UNKNOWN is a registration',
      fleet: tenant({
        accounts: [{ ...UNREGISTERED[0], computerAzureActiveDirectoryId: '5b2f0e0c-8a8e-4a4e-9d0f-1c2a3b4c5d6e' }],
      }).build(),
    },
    { name: 'Device Compliance does not apply to it', fleet: tenant({ applicable: false }).build() },
    { name: 'in no compliance integration (empty answer)', fleet: tenant({ applicable: 'none' }).build() },
    { name: 'not managed', fleet: tenant({ managed: false }).build() },
    { name: 'no Mac at all', fleet: fleet(NOW).compliancePartner().build() },
  ],
  invalid: [
    {
      name: 'not registered, applicable, only FileVault and the MDM profile',
      fleet: tenant().build(),
      findings: [
        {
          messageId: 'missing-unread',
          data: { name: 'LON-MBA-0021', computer: '21', installed: 2, unread: 1 },
          subjects: ['C02SSO000021'],
          severity: 'medium',
          text: {
            en: 'LON-MBA-0021: Device Compliance applies to computer 21, which is not registered with Entra, and none of the Jamf Pro configuration profiles installed on it configures the Microsoft Enterprise SSO extension (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) or Platform SSO with it; 1 of its 2 installed profiles could not be read (not Jamf Pro configuration profiles; the Mac-side check mac/sso-extension-profile-missing reads them all)',
            it: 'LON-MBA-0021: Device Compliance si applica al computer 21, che non è registrato con Entra, e nessuno dei profili di configurazione di Jamf Pro installati configura l’estensione Microsoft Enterprise SSO (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) o Platform SSO con essa; non è stato possibile leggere 1 dei suoi 2 profili installati (non sono profili di configurazione di Jamf Pro; il controllo sul Mac mac/sso-extension-profile-missing li legge tutti)',
          },
        },
      ],
    },
    {
      name: 'near miss: another vendor’s extensiblesso payload (Apple Kerberos SSO) does not count',
      fleet: tenant({ profiles: [FILEVAULT_P, KERBEROS_P] }).build(),
      findings: [
        {
          messageId: 'missing',
          data: { name: 'LON-MBA-0021', computer: '21', installed: 2 },
          text: missingText,
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '21',
              fields: { name: 'LON-MBA-0021', serialNumber: 'C02SSO000021' },
            },
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '21',
              fields: {
                'localUserAccounts[].username': ['ada'],
                'localUserAccounts[].azureActiveDirectoryId': ['UNKNOWN'],
                'localUserAccounts[].computerAzureActiveDirectoryId': [''],
              },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/21',
              record: '21',
              fields: { applicable: true },
            },
            {
              source: 'jamf/computers-inventory-sections/CONFIGURATION_PROFILES',
              record: '21',
              fields: {
                'configurationProfiles[].id': ['3', '9'],
                'configurationProfiles[].displayName': ['FileVault', 'Kerberos SSO'],
                'configurationProfiles[].profileIdentifier': [
                  '9E8D7C6B-5A49-4382-9170-6F5E4D3C2B1A',
                  '2bbbbbb2-3cc3-4dd4-5ee5-6ffffffffff6',
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'near miss: an extension id that only starts like Microsoft’s',
      fleet: tenant({
        profiles: [FILEVAULT_P, installed('13', 'SSO helper', 'AB12CD34-0000-4000-8000-000000000013')],
      }).build(),
      findings: [{ messageId: 'missing', text: missingText }],
    },
    {
      name: 'DEACTIVATED without a device id is not a registration',
      fleet: tenant({
        accounts: [{ ...UNREGISTERED[0], azureActiveDirectoryId: 'DEACTIVATED' }],
        profiles: [FILEVAULT_P],
      }).build(),
      findings: [{ messageId: 'missing', data: { name: 'LON-MBA-0021', computer: '21', installed: 1 } }],
    },
    {
      name: 'no profile installed at all',
      fleet: tenant({ profiles: [] }).build(),
      findings: [{ messageId: 'missing', data: { name: 'LON-MBA-0021', computer: '21', installed: 0 } }],
    },
    {
      name: 'the Microsoft extension with another team identifier',
      fleet: tenant({
        profiles: [FILEVAULT_P, installed('12', 'SSO (typo in team)', 'AB12CD34-0000-4000-8000-000000000012')],
      }).build(),
      findings: [
        {
          messageId: 'wrong-team',
          data: { name: 'LON-MBA-0021', computer: '21', installed: 2, profile: 'SSO (typo in team)' },
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '21',
              fields: { name: 'LON-MBA-0021', serialNumber: 'C02SSO000021' },
            },
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '21',
              fields: {
                'localUserAccounts[].username': ['ada'],
                'localUserAccounts[].azureActiveDirectoryId': ['UNKNOWN'],
                'localUserAccounts[].computerAzureActiveDirectoryId': [''],
              },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/21',
              record: '21',
              fields: { applicable: true },
            },
            {
              source: 'jamf/computers-inventory-sections/CONFIGURATION_PROFILES',
              record: '21',
              fields: {
                'configurationProfiles[].id': ['3', '12'],
                'configurationProfiles[].displayName': ['FileVault', 'SSO (typo in team)'],
                'configurationProfiles[].profileIdentifier': [
                  '9E8D7C6B-5A49-4382-9170-6F5E4D3C2B1A',
                  'AB12CD34-0000-4000-8000-000000000012',
                ],
              },
            },
            {
              source: 'jamf/JSSResource/osxconfigurationprofiles/id/12',
              record: '12',
              fields: {
                name: 'SSO (typo in team)',
                ExtensionIdentifier: 'com.microsoft.CompanyPortalMac.ssoextension',
                TeamIdentifier: 'SGGM6D27TK',
              },
            },
          ],
          text: {
            en: 'LON-MBA-0021: Device Compliance applies to computer 21, which is not registered with Entra; profile "SSO (typo in team)" names the Microsoft Enterprise SSO extension (com.microsoft.CompanyPortalMac.ssoextension) without team identifier UBF8T346G9, so macOS does not load it, and no other installed profile configures it',
            it: 'LON-MBA-0021: Device Compliance si applica al computer 21, che non è registrato con Entra; il profilo "SSO (typo in team)" indica l’estensione Microsoft Enterprise SSO (com.microsoft.CompanyPortalMac.ssoextension) senza l’identificatore del team UBF8T346G9, quindi macOS non la carica, e nessun altro profilo installato la configura',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'the installed profiles of the Mac were not collected',
      fleet: tenant({ profiles: null }).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'Jamf computer 21: its installed configuration profiles were not collected',
      },
    },
    {
      name: 'an installed Jamf profile whose payloads are not a property list',
      fleet: tenant({ profiles: [installed('14', 'Broken', 'AB12CD34-0000-4000-8000-000000000014')] }).build(),
      reason: {
        kind: 'incomplete-data',
        detail: expect.stringMatching(
          /^Jamf Pro configuration profile 14 installed on computer 21: general\.payloads: /,
        ),
      },
    },
    {
      name: 'only profiles Jamf Pro does not have (the MDM profile): nothing known about the SSO extension',
      fleet: tenant({ profiles: [MDM_P] }).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'Jamf computer 21: none of its 1 installed profiles is among the Jamf Pro configuration profiles read',
      },
    },
    {
      name: 'an inventory id whose Jamf profile names another identifier is not taken for it',
      fleet: tenant({ profiles: [{ ...SSO_P, profileIdentifier: 'F0F0F0F0-0000-4000-8000-00000000F0F0' }] }).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'the local accounts were not read',
      fleet: tenant({ accounts: null }).build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer 21: its local user accounts were not read' },
    },
    {
      name: 'compliance information that does not say whether it applies',
      fleet: tenant({ applicable: null }).build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'Jamf computer 21: whether Device Compliance applies to it is not known (its compliance information was read without applicable)',
      },
    },
    {
      name: 'compliance information of the computer not collected',
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf({ id: '21', hardware: { serialNumber: 'C02SSO000021' }, localUserAccounts: UNREGISTERED })
        .computerSection({ id: '21', configurationProfiles: [] })
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail:
          'Jamf computer 21: whether Device Compliance applies to it is not known (its compliance information was not collected)',
      },
    },
    {
      name: 'Read macOS Configuration Profiles not granted',
      fleet: tenant()
        .status('jamf/JSSResource/osxconfigurationprofiles/id/{id}', 'forbidden', {
          needs: ['Read macOS Configuration Profiles'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read macOS Configuration Profiles'] },
    },
    {
      name: 'installed profiles not collected (missing dataset)',
      fleet: tenant().status('jamf/computers-inventory-sections/CONFIGURATION_PROFILES', 'missing').build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [
    { name: 'legacy integration only (state L)', fleet: tenant({ legacy: true }).build() },
    {
      name: 'state F: legacy terminated, nothing replaces it',
      fleet: fleet(NOW).legacyPartner({ partnerState: 'terminated' }).intune({ serialNumber: 'C02X1' }).build(),
    },
    { name: 'no integration at all', fleet: fleet(NOW).build() },
  ],
});

describe('migration states', () => {
  const outcome = (b: ReturnType<typeof tenant>) => runChecks(b.build(), [check]).checks[0]!.outcome;
  it('runs in state C (migrated, draining) and B (both on), and fails the Mac there', () => {
    const c = tenant().legacyPartner({
      partnerState: 'terminated',
      whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z',
    });
    expect(outcome(c)).toBe('fail');
    const both = tenant().legacyPartner();
    expect(outcome(both)).toBe('fail');
  });
  it('runs in state G (Device Compliance half set up)', () => {
    const g = fleet(NOW).compliancePartner({ macOsOnboarded: false });
    expect(runChecks(g.build(), [check]).checks[0]!.outcome).toBe('pass');
  });
  it('counts the Macs it checked: one without installed profiles costs only itself', () => {
    const b = tenant({ profiles: [SSO_P] });
    b.jamf({ id: '22', hardware: { serialNumber: 'C02SSO000022' }, localUserAccounts: UNREGISTERED }).jamfCompliance(
      '22',
      { deviceId: '22', applicable: true, complianceState: 'UNKNOWN' },
    );
    const { checks } = runChecks(b.build(), [check]);
    expect(checks[0]!.outcome).toBe('pass');
    expect(checks[0]!.coverage).toEqual({
      unit: 'mac',
      checked: 1,
      unknown: 1,
      reasons: ['Jamf computer 22: its installed configuration profiles were not collected'],
    });
  });
});
