import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check, { isCompanyPortal } from './company-portal-missing.js';

/*
 * Shapes: computers-inventory section APPLICATIONS (ComputerApplication: name, path, version, macAppStore,
 * sizeMegabytes, bundleId, updateAvailable, externalVersionId:
 * https://github.com/macadmins/jamf-pro-sdk-python/blob/main/src/jamf_pro_sdk/models/pro/computers.py) and
 * device-compliance-information `applicable`
 * (https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid).
 * Company Portal's bundle id com.microsoft.CompanyPortalMac (CP 2.6+; older com.microsoft.CompanyPortal), as Jamf's
 * and macbuddy's clean-up scripts name it (shared research jamf.md §5.3).
 */
const NOW = '2026-11-29T09:30:00Z';
const app = (name: string, bundleId: string | null, version = '1.0') => ({
  name,
  path: `/Applications/${name}`,
  version,
  macAppStore: false,
  sizeMegabytes: 120,
  bundleId,
  updateAvailable: false,
  externalVersionId: '0',
});
const CP = app('Company Portal.app', 'com.microsoft.CompanyPortalMac', '5.2504.0');
const OTHERS = [
  app('Safari.app', 'com.apple.Safari', '18.6'),
  app('Microsoft Teams.app', 'com.microsoft.teams2', '25163.3001.3729.7380'),
  app('Self Service.app', 'com.jamfsoftware.selfservice.mac', '11.12.0'),
];

interface Opts {
  applicable?: boolean | null | 'none' | 'both';
  apps?: Array<Record<string, unknown>> | null;
  legacy?: boolean;
  managed?: boolean;
}
function tenant(o: Opts = {}) {
  const b = fleet(NOW);
  if (o.legacy) b.legacyPartner();
  else b.compliancePartner();
  b.jamf({
    id: '31',
    general: {
      name: 'MIL-MBP-0031',
      remoteManagement: { managed: o.managed ?? true },
      reportDate: '2026-11-29T06:00:00Z',
    },
    hardware: { serialNumber: 'C02CPM000031' },
  });
  const applicable = o.applicable === undefined ? false : o.applicable;
  const info = (a: boolean | null) => ({
    deviceId: '31',
    applicable: a,
    complianceState: 'UNKNOWN',
    complianceVendor: 'Microsoft Intune',
    complianceVendorDeviceInformation: [{ deviceIds: [] }],
  });
  if (applicable === 'none')
    b.status('jamf/api/v1/conditional-access/device-compliance-information/computer/31', 'complete');
  else if (applicable === 'both') b.jamfCompliance('31', info(false)).jamfCompliance('31', info(true));
  else b.jamfCompliance('31', info(applicable));
  if (o.apps !== null) b.computerSection({ id: '31', applications: o.apps ?? OTHERS, configurationProfiles: null });
  return b;
}

const text = (apps: number) => ({
  en: `MIL-MBP-0031: Jamf Pro says Device Compliance does not apply to computer 31 (applicable: false), and Company Portal (com.microsoft.CompanyPortalMac) is not among its ${apps} applications: if the Applicable smart group requires it, as Microsoft's sample does, the Mac is never offered the registration`,
  it: `MIL-MBP-0031: Jamf Pro indica che Device Compliance non si applica al computer 31 (applicable: false), e Company Portal (com.microsoft.CompanyPortalMac) non è tra le sue ${apps} applicazioni: se il gruppo smart Applicable lo richiede, come quello di esempio di Microsoft, al Mac la registrazione non viene mai offerta`,
});

testCheck(check, {
  valid: [
    { name: 'not applicable, but Company Portal is installed', fleet: tenant({ apps: [...OTHERS, CP] }).build() },
    {
      name: 'an older Company Portal (com.microsoft.CompanyPortal)',
      fleet: tenant({ apps: [app('Company Portal.app', 'com.microsoft.CompanyPortal', '2.5')] }).build(),
    },
    {
      name: 'the bundle id in another case',
      fleet: tenant({ apps: [app('Company Portal.app', 'COM.MICROSOFT.COMPANYPORTALMAC')] }).build(),
    },
    {
      name: 'the inventory gives no bundle id: the name decides',
      fleet: tenant({ apps: [app('Company Portal.app', null)] }).build(),
    },
    { name: 'applicable: no question of the Applicable group', fleet: tenant({ applicable: true }).build() },
    { name: 'applicable in one entry', fleet: tenant({ applicable: 'both' }).build() },
    { name: 'in no compliance integration (empty answer)', fleet: tenant({ applicable: 'none' }).build() },
    { name: 'applicable not said', fleet: tenant({ applicable: null }).build() },
    { name: 'not managed', fleet: tenant({ managed: false }).build() },
  ],
  invalid: [
    {
      name: 'not applicable and no Company Portal',
      fleet: tenant().build(),
      findings: [
        {
          messageId: 'missing',
          data: { name: 'MIL-MBP-0031', computer: '31', apps: 3 },
          subjects: ['C02CPM000031'],
          severity: 'medium',
          text: text(3),
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '31',
              fields: { name: 'MIL-MBP-0031', serialNumber: 'C02CPM000031', reportDate: '2026-11-29T06:00:00.000Z' },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/31',
              record: '31',
              fields: { applicable: false },
            },
            { source: 'jamf/computers-inventory-sections/APPLICATIONS', record: '31', fields: { applications: 3 } },
          ],
        },
      ],
    },
    {
      name: 'near miss: a "Company Portal.app" of another vendor (bundle id decides)',
      fleet: tenant({ apps: [...OTHERS, app('Company Portal.app', 'com.example.CompanyPortal')] }).build(),
      findings: [{ messageId: 'missing', text: text(4) }],
    },
    {
      name: 'near miss: a Company Portal-like bundle id',
      fleet: tenant({ apps: [app('Company Portal Helper.app', 'com.microsoft.CompanyPortalMac.helper')] }).build(),
      findings: [{ messageId: 'missing', data: { name: 'MIL-MBP-0031', computer: '31', apps: 1 } }],
    },
    {
      name: 'no application at all',
      fleet: tenant({ apps: [] }).build(),
      findings: [{ messageId: 'missing', data: { name: 'MIL-MBP-0031', computer: '31', apps: 0 } }],
    },
  ],
  cannotCheck: [
    {
      name: 'the applications of the Mac were not collected',
      fleet: tenant({ apps: null }).build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer 31: its applications were not collected' },
    },
    {
      name: 'compliance information of the computer not collected',
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf({ id: '31', hardware: { serialNumber: 'C02CPM000031' } })
        .computerSection({ id: '31', applications: [] })
        .build(),
      reason: { kind: 'incomplete-data', detail: 'Jamf computer 31: its compliance information was not collected' },
    },
    {
      name: 'Read Computers refused for the section read',
      fleet: tenant()
        .status('jamf/computers-inventory-sections/APPLICATIONS', 'forbidden', { needs: ['Read Computers'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read Computers'] },
    },
    {
      name: 'Read Device Compliance Information not granted',
      fleet: tenant()
        .status('jamf/api/v1/conditional-access/device-compliance-information/computer/{id}', 'forbidden', {
          needs: ['Read Device Compliance Information'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read Device Compliance Information'] },
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

describe('Company Portal', () => {
  it('is found by bundle id, or by name only without one', () => {
    expect(
      isCompanyPortal({ name: 'Company Portal.app', bundleId: 'com.microsoft.CompanyPortalMac', version: null }),
    ).toBe(true);
    expect(isCompanyPortal({ name: 'Company Portal.app', bundleId: 'com.example.portal', version: null })).toBe(false);
    expect(isCompanyPortal({ name: 'company portal.app', bundleId: null, version: null })).toBe(true);
    expect(isCompanyPortal({ name: 'Company Portal 2.app', bundleId: null, version: null })).toBe(false);
    expect(isCompanyPortal({ name: null, bundleId: null, version: null })).toBe(false);
  });
  it('runs in states C and B, and counts the Macs it checked', () => {
    const c = tenant().legacyPartner({
      partnerState: 'terminated',
      whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z',
    });
    c.jamf({ id: '32', hardware: { serialNumber: 'C02CPM000032' } }).jamfCompliance('32', {
      deviceId: '32',
      applicable: false,
    });
    const { checks } = runChecks(c.build(), [check]);
    expect(checks[0]!.outcome).toBe('fail');
    expect(checks[0]!.coverage).toEqual({
      unit: 'mac',
      checked: 1,
      unknown: 1,
      reasons: ['Jamf computer 32: its applications were not collected'],
    });
    expect(runChecks(tenant().legacyPartner().build(), [check]).checks[0]!.outcome).toBe('fail');
  });
});
