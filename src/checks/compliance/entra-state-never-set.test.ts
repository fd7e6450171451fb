import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check from './entra-state-never-set.js';

// Jamf's per-computer compliance information as developer.jamf.com documents the response of
// GET /api/v1/conditional-access/device-compliance-information/computer/{id}
// (https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid):
// [{ "deviceId": "1", "applicable": true, "complianceState": "COMPLIANT", "complianceVendor": "…",
//    "complianceVendorDeviceInformation": { "deviceIds": ["…"] } }]; complianceState UNKNOWN "usually means that the
// compliance state is being calculated". The Entra device in Graph's device shape (isCompliant, registrationDateTime;
// https://learn.microsoft.com/graph/api/resources/device).
const NOW = '2026-11-29T09:30:00Z';
const DEV = '6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OLD_DEV = '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f';
const PATH = 'jamf/api/v1/conditional-access/device-compliance-information/computer/{id}';

const computer = (id = '7') => ({
  id,
  general: { name: 'LON-MBP-0007' },
  hardware: { serialNumber: 'C02DC0000007' },
  localUserAccounts: [
    {
      username: 'ada',
      azureActiveDirectoryId: 'ACTIVATED',
      computerAzureActiveDirectoryId: DEV,
      userAzureActiveDirectoryId: '4f6a2b1c-0d9e-4c3b-8a7f-1e2d3c4b5a69',
    },
  ],
});
const info = (p: Record<string, unknown> = {}) => ({
  deviceId: '7',
  applicable: true,
  complianceState: 'NON_COMPLIANT',
  complianceVendor: 'Microsoft Intune',
  complianceVendorDeviceInformation: { deviceIds: [DEV] },
  ...p,
});
/** The Entra device, registered `hoursAgo` before the snapshot, without a compliance state. */
const entra = (hoursAgo: number, p: Record<string, unknown> = {}) => ({
  deviceId: DEV,
  displayName: 'LON-MBP-0007',
  operatingSystem: 'MacMDM',
  isCompliant: null,
  registrationDateTime: new Date(Date.parse(NOW) - hoursAgo * 3_600_000).toISOString(),
  ...p,
});
const base = (hoursAgo = 72, e: Record<string, unknown> = {}) =>
  fleet(NOW).compliancePartner().jamf(computer()).entra(entra(hoursAgo, e));

testCheck(check, {
  valid: [
    {
      name: 'registered 24 h ago exactly: still within the grace (boundary)',
      fleet: base(24).jamfCompliance('7', info()).build(),
    },
    {
      name: 'a compliance state was set (false)',
      fleet: base(72, { isCompliant: false }).jamfCompliance('7', info()).build(),
    },
    {
      name: 'Jamf says COMPLIANT for this device: compliance/jamf-entra-mismatch reports it, not this check',
      fleet: base(72)
        .jamfCompliance('7', info({ complianceState: 'COMPLIANT' }))
        .build(),
    },
    {
      name: 'Jamf knows no Entra device: compliance/jamf-entra-mismatch reports it',
      fleet: base(72)
        .jamfCompliance('7', info({ complianceVendorDeviceInformation: { deviceIds: [] } }))
        .build(),
    },
    {
      name: 'an Entra device Jamf does not point to (a stale duplicate) is not judged here',
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf(computer())
        .entra(entra(2))
        .entra(entra(900, { deviceId: OLD_DEV, displayName: 'LON-MBP-0007' }))
        .jamfCompliance('7', info({ complianceState: 'COMPLIANT' }))
        .build(),
    },
    {
      name: 'Jamf knows only the all-zero device id (no Entra device): compliance/jamf-entra-mismatch reports it',
      fleet: base(72)
        .jamfCompliance(
          '7',
          info({ complianceVendorDeviceInformation: { deviceIds: ['00000000-0000-0000-0000-000000000000', ' '] } }),
        )
        .build(),
    },
  ],
  invalid: [
    {
      name: 'no complianceState from Jamf at all counts as not computed; evidence',
      fleet: base(72)
        .jamfCompliance('7', info({ complianceState: null }))
        .build(),
      findings: [
        {
          messageId: 'jamf-unknown',
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7' },
          evidence: [
            {
              source: 'graph/v1.0/devices',
              record: 'obj-0003',
              fields: {
                deviceId: DEV,
                displayName: 'LON-MBP-0007',
                isCompliant: null,
                registrationDateTime: '2026-11-26T09:30:00.000Z',
              },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/7',
              record: '7',
              fields: { applicable: true, complianceState: null, 'complianceVendorDeviceInformation.deviceIds': [DEV] },
            },
          ],
        },
      ],
    },
    {
      name: 'two answers for the computer, one not applicable and one applicable: the applicable one decides',
      fleet: base(72)
        .jamfCompliance('7', info({ applicable: false, complianceState: 'UNKNOWN', complianceVendor: 'Other' }))
        .jamfCompliance('7', info())
        .build(),
      findings: [
        {
          messageId: 'not-delivered',
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7', state: 'NON_COMPLIANT' },
          evidence: [
            {
              source: 'graph/v1.0/devices',
              record: 'obj-0003',
              fields: {
                deviceId: DEV,
                displayName: 'LON-MBP-0007',
                isCompliant: null,
                registrationDateTime: '2026-11-26T09:30:00.000Z',
              },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/7',
              record: '7',
              fields: {
                applicable: false,
                complianceState: 'UNKNOWN',
                'complianceVendorDeviceInformation.deviceIds': [DEV, DEV],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'two answers, one not applicable and one that does not say: not applicable',
      fleet: base(72)
        .jamfCompliance('7', info({ applicable: false }))
        .jamfCompliance('7', info({ applicable: null }))
        .build(),
      findings: [
        { messageId: 'not-applicable', data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7' } },
      ],
    },
    {
      name: '24 h and a minute after registration, Jamf computed NON_COMPLIANT (boundary)',
      fleet: base(24 + 1 / 60)
        .jamfCompliance('7', info())
        .build(),
      findings: [
        {
          messageId: 'not-delivered',
          text: {
            en: 'LON-MBP-0007: Entra device 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d was registered 24 h ago and still has no compliance state, although Jamf Pro computed NON_COMPLIANT for computer 7: the state never reached Entra',
            it: 'LON-MBP-0007: il dispositivo Entra 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d è stato registrato 24 h fa e non ha ancora uno stato di conformità, anche se Jamf Pro ha calcolato NON_COMPLIANT per il computer 7: lo stato non è mai arrivato a Entra',
          },
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 24, computer: '7', state: 'NON_COMPLIANT' },
          subjects: ['C02DC0000007'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'not in the Applicable group',
      fleet: base(72)
        .jamfCompliance('7', info({ applicable: false, complianceState: 'UNKNOWN' }))
        .build(),
      findings: [
        {
          messageId: 'not-applicable',
          text: {
            en: 'LON-MBP-0007: Entra device 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d was registered 72 h ago and still has no compliance state; Jamf Pro says Device Compliance does not apply to computer 7 (applicable false: not in the Applicable smart group), so it sends none',
            it: 'LON-MBP-0007: il dispositivo Entra 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d è stato registrato 72 h fa e non ha ancora uno stato di conformità; Jamf Pro indica che Device Compliance non si applica al computer 7 (applicable false: non è nel gruppo smart Applicable), quindi non ne invia',
          },
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7' },
        },
      ],
    },
    {
      name: 'Jamf returned [] for the computer: in no compliance integration',
      fleet: base(72).status(PATH.replace('{id}', '7'), 'complete', { instance: true }).build(),
      findings: [
        {
          messageId: 'no-integration',
          text: {
            en: 'LON-MBP-0007: Entra device 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d was registered 72 h ago and still has no compliance state; Jamf Pro returns no compliance information for computer 7 (it is in no compliance integration)',
            it: 'LON-MBP-0007: il dispositivo Entra 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d è stato registrato 72 h fa e non ha ancora uno stato di conformità; Jamf Pro non restituisce informazioni di conformità per il computer 7 (non è in alcuna integrazione di conformità)',
          },
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7' },
        },
      ],
    },
    {
      name: 'Jamf still says UNKNOWN',
      fleet: base(30)
        .jamfCompliance('7', info({ complianceState: 'UNKNOWN' }))
        .build(),
      findings: [
        {
          messageId: 'jamf-unknown',
          text: {
            en: "LON-MBP-0007: Entra device 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d was registered 30 h ago and still has no compliance state; Jamf Pro's compliance state of computer 7 is UNKNOWN (not computed)",
            it: 'LON-MBP-0007: il dispositivo Entra 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d è stato registrato 30 h fa e non ha ancora uno stato di conformità; lo stato di conformità del computer 7 in Jamf Pro è UNKNOWN (non calcolato)',
          },
          severity: 'medium',
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 30, computer: '7' },
        },
      ],
    },
    {
      name: 'Jamf sends the state to another Entra device',
      fleet: base(72)
        .jamfCompliance(
          '7',
          info({ complianceState: 'COMPLIANT', complianceVendorDeviceInformation: [{ deviceIds: [OLD_DEV] }] }),
        )
        .build(),
      findings: [
        {
          messageId: 'other-device',
          text: {
            en: 'LON-MBP-0007: Entra device 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d was registered 72 h ago and still has no compliance state; Jamf Pro sends the compliance of computer 7 to Entra device 0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f instead',
            it: 'LON-MBP-0007: il dispositivo Entra 6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d è stato registrato 72 h fa e non ha ancora uno stato di conformità; Jamf Pro invia la conformità del computer 7 invece al dispositivo Entra 0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f',
          },
          data: { name: 'LON-MBP-0007', deviceId: DEV, hours: 72, computer: '7', others: OLD_DEV },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Read Device Compliance Information not granted',
      fleet: base(72)
        .status(PATH, 'forbidden', { needs: ['Read Device Compliance Information'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read Device Compliance Information'] },
    },
    {
      name: "this computer's compliance information was not collected",
      fleet: base(72).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'Jamf does not say whether Device Compliance applies (applicable absent)',
      fleet: base(72)
        .jamfCompliance('7', info({ applicable: null }))
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'Jamf Pro does not say whether Device Compliance applies to computer 7',
      },
    },
    {
      name: 'no registrationDateTime: the age cannot be told',
      fleet: base(72, { registrationDateTime: null }).jamfCompliance('7', info()).build(),
      reason: { kind: 'incomplete-data', detail: `Entra device ${DEV} has no registrationDateTime` },
    },
  ],
  notApplicable: [
    {
      name: 'legacy integration',
      fleet: fleet(NOW).legacyPartner().jamf(computer()).entra(entra(72)).build(),
    },
  ],
});

describe('coverage (issue 14 item 5)', () => {
  it('a Mac whose Jamf compliance information was not read costs only itself', () => {
    const DEV2 = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const second = {
      ...computer('8'),
      general: { name: 'LON-MBP-0008' },
      hardware: { serialNumber: 'C02DC0000008' },
      localUserAccounts: [{ ...computer().localUserAccounts[0]!, computerAzureActiveDirectoryId: DEV2 }],
    };
    const f = base(72)
      .jamfCompliance('7', info({ complianceState: 'UNKNOWN' }))
      .jamf(second)
      .entra(entra(72, { deviceId: DEV2, displayName: 'LON-MBP-0008' }))
      .status(PATH.replace('{id}', '8'), 'failed')
      .build();
    const { checks, findings } = runChecks(f, [check]);
    expect(checks[0]!.outcome).toBe('fail');
    expect(findings.map((x) => x.messageId)).toEqual(['jamf-unknown']);
    expect(checks[0]!.coverage).toEqual({
      unit: 'mac',
      checked: 1,
      unknown: 1,
      reasons: ["Jamf Pro's compliance information of computer 8 was not collected"],
    });
  });
});

describe('which Macs and Jamf records are judged', () => {
  const DEV2 = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const DEV3 = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
  const other = (id: string, serial: string, dev: string | null, extra: Record<string, unknown> = {}) => ({
    ...computer(id),
    general: { name: `LON-MBP-${id}` },
    hardware: { serialNumber: serial },
    localUserAccounts: [{ ...computer().localUserAccounts[0]!, computerAzureActiveDirectoryId: dev }],
    ...extra,
  });

  it('an unmanaged Jamf record of the same Mac is not judged, nor is its compliance information used', () => {
    const f = base(72)
      .status(PATH.replace('{id}', '7'), 'complete', { instance: true })
      // The same Mac's old Jamf record, no longer managed, with Jamf's answer for it.
      .jamf(other('9', 'C02DC0000007', DEV, { general: { name: 'old', remoteManagement: { managed: false } } }))
      .jamfCompliance('9', info({ deviceId: '9' }))
      .build();
    const { checks, findings } = runChecks(f, [check]);
    expect(findings.map((x) => [x.messageId, x.data.computer])).toEqual([['no-integration', '7']]);
    expect(checks[0]!.unknown).toBeUndefined();
  });

  it('Macs Jamf does not manage, and Macs without an Entra device, are not counted as checked', () => {
    const f = base(72)
      .jamfCompliance('7', info({ complianceState: 'UNKNOWN' }))
      .jamf(other('8', 'C02DC0000008', DEV2, { general: { name: 'x', remoteManagement: { managed: false } } }))
      .entra(entra(72, { deviceId: DEV2, displayName: 'LON-MBP-0008' }))
      .jamf(other('10', 'C02DC0000010', null))
      .jamf(other('11', 'C02DC0000011', DEV3))
      .entra(entra(72, { deviceId: DEV3, displayName: 'LON-MBP-0011' }))
      .build();
    const { checks, findings } = runChecks(f, [check]);
    expect(findings.map((x) => x.messageId)).toEqual(['jamf-unknown']);
    expect(checks[0]!.coverage).toEqual({
      unit: 'mac',
      checked: 1,
      unknown: 1,
      reasons: ["Jamf Pro's compliance information of computer 11 was not collected"],
    });
  });
});
