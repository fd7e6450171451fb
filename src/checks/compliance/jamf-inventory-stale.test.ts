import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check from './jamf-inventory-stale.js';

// Jamf Pro shapes: computers-inventory general.reportDate (https://developer.jamf.com/jamf-pro/reference/get_v1-computers-inventory)
// and device-compliance-information (applicable, complianceState UNKNOWN | NON_COMPLIANT | COMPLIANT;
// https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid).
const NOW = '2026-11-29T09:30:00Z';
const ago = (hours: number) => new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
const computer = (reportHoursAgo: number | null) => ({
  id: '12',
  general: {
    name: 'MIL-MBA-0012',
    reportDate: reportHoursAgo === null ? null : ago(reportHoursAgo),
    lastContactTime: ago(0.2),
  },
  hardware: { serialNumber: 'C02IS0000012' },
});
const info = (complianceState: string, applicable: boolean | null = true) => ({
  deviceId: '12',
  applicable,
  complianceState,
  complianceVendor: 'Microsoft Intune',
  complianceVendorDeviceInformation: { deviceIds: ['5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a'] },
});
const mac = (reportHoursAgo: number | null, state: string, applicable: boolean | null = true) =>
  fleet(NOW).compliancePartner().jamf(computer(reportHoursAgo)).jamfCompliance('12', info(state, applicable));

testCheck(check, {
  valid: [
    { name: 'NON_COMPLIANT on an inventory exactly 2 days old (boundary)', fleet: mac(48, 'NON_COMPLIANT').build() },
    { name: 'UNKNOWN on an inventory exactly a day old (boundary)', fleet: mac(24, 'UNKNOWN').build() },
    { name: 'COMPLIANT on an old inventory (near miss)', fleet: mac(24 * 9, 'COMPLIANT').build() },
    {
      name: 'not applicable: the Applicable group decides, not the inventory',
      fleet: mac(24 * 9, 'UNKNOWN', false).build(),
    },
    {
      name: 'no compliance information for the computer',
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf(computer(24 * 9))
        .build(),
    },
    {
      name: 'COMPLIANT without an inventory date: nothing to judge, not unknown',
      fleet: mac(null, 'COMPLIANT').build(),
    },
    {
      name: "an unmanaged old record of the same Mac: its answer is not the managed record's",
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf(computer(24 * 9))
        .jamf({
          ...computer(24 * 9),
          id: '15',
          general: { ...computer(24 * 9).general, remoteManagement: { managed: false } },
        })
        .jamfCompliance('15', { ...info('NON_COMPLIANT'), deviceId: '15' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'UNKNOWN on an inventory older than 2 days is still the UNKNOWN finding; evidence',
      fleet: mac(49, 'unknown').build(),
      findings: [
        {
          messageId: 'unknown-old-inventory',
          data: { name: 'MIL-MBA-0012', computer: '12', hours: 49, reportDate: ago(49) },
          evidence: [
            {
              source: 'jamf/api/v1/computers-inventory',
              record: '12',
              fields: {
                name: 'MIL-MBA-0012',
                serialNumber: 'C02IS0000012',
                reportDate: ago(49),
                lastCheckIn: ago(0.2),
              },
            },
            {
              source: 'jamf/api/v1/conditional-access/device-compliance-information/computer/12',
              record: '12',
              fields: { applicable: true, complianceState: 'unknown' },
            },
          ],
        },
      ],
    },
    {
      name: 'NON_COMPLIANT, inventory 2 days and a minute old (boundary)',
      fleet: mac(48 + 1 / 60, 'NON_COMPLIANT').build(),
      findings: [
        {
          messageId: 'noncompliant-old-inventory',
          text: {
            en: "MIL-MBA-0012: Jamf Pro says computer 12 is NON_COMPLIANT and its last inventory update is 2 days old (2026-11-27T09:29:00.000Z); a Compliance group that requires a recent inventory (Microsoft's sample: less than 2 days) excludes it for that alone",
            it: "MIL-MBA-0012: Jamf Pro indica il computer 12 come NON_COMPLIANT e il suo ultimo aggiornamento dell'inventario risale a 2 giorni fa (2026-11-27T09:29:00.000Z); un gruppo Compliance che richiede un inventario recente (nell'esempio di Microsoft: meno di 2 giorni) lo esclude solo per questo",
          },
          data: { name: 'MIL-MBA-0012', computer: '12', days: 2, reportDate: ago(48 + 1 / 60) },
          subjects: ['C02IS0000012'],
          severity: 'medium',
        },
      ],
    },
    {
      name: 'UNKNOWN on an inventory 25 h old',
      fleet: mac(25, 'UNKNOWN').build(),
      findings: [
        {
          messageId: 'unknown-old-inventory',
          text: {
            en: "MIL-MBA-0012: Jamf Pro's compliance state of computer 12 is still UNKNOWN although its inventory is 25 h old (2026-11-28T08:30:00.000Z)",
            it: 'MIL-MBA-0012: lo stato di conformità del computer 12 in Jamf Pro è ancora UNKNOWN anche se il suo inventario risale a 25 h fa (2026-11-28T08:30:00.000Z)',
          },
          data: { name: 'MIL-MBA-0012', computer: '12', hours: 25, reportDate: ago(25) },
          severity: 'low',
        },
      ],
    },
  ],
  cannotCheck: [
    { name: 'no inventory date', fleet: mac(null, 'NON_COMPLIANT').build(), reason: { kind: 'incomplete-data' } },
    {
      name: 'Read Device Compliance Information not granted',
      fleet: fleet(NOW)
        .compliancePartner()
        .jamf(computer(24 * 9))
        .status('jamf/api/v1/conditional-access/device-compliance-information/computer/{id}', 'forbidden', {
          needs: ['Read Device Compliance Information'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read Device Compliance Information'] },
    },
  ],
  notApplicable: [
    {
      name: 'legacy integration',
      fleet: fleet(NOW)
        .legacyPartner()
        .jamf(computer(24 * 9))
        .build(),
    },
  ],
});

describe('coverage (issue 14 item 5)', () => {
  it('a computer without an inventory date costs only itself: the others are checked, the report says which', () => {
    const b = mac(null, 'NON_COMPLIANT');
    b.jamf({ ...computer(24 * 5), id: '13', hardware: { serialNumber: 'C02IS0000013' } }).jamfCompliance('13', {
      ...info('NON_COMPLIANT'),
      deviceId: '13',
    });
    b.jamf({ ...computer(1), id: '14', hardware: { serialNumber: 'C02IS0000014' } }).jamfCompliance('14', {
      ...info('COMPLIANT'),
      deviceId: '14',
    });
    const { checks, findings } = runChecks(b.build(), [check]);
    expect(checks[0]!.outcome).toBe('fail');
    expect(findings.map((f) => f.data.computer)).toEqual(['13']);
    expect(checks[0]!.coverage).toEqual({
      unit: 'mac',
      checked: 2,
      unknown: 1,
      reasons: ['Jamf computer 12 has no inventory date (reportDate)'],
    });
  });
});

describe('coverage counts Macs, not Jamf computer records', () => {
  it('a Mac with two Jamf computer records (a re-enrolment under the same serial) is one Mac checked', () => {
    const b = mac(1, 'COMPLIANT');
    b.jamf({ ...computer(1), id: '15' }).jamfCompliance('15', { ...info('COMPLIANT'), deviceId: '15' });
    // Another Mac without an inventory date, so that the report gives the coverage.
    b.jamf({ ...computer(null), id: '16', hardware: { serialNumber: 'C02IS0000016' } }).jamfCompliance('16', {
      ...info('UNKNOWN'),
      deviceId: '16',
    });
    const { checks } = runChecks(b.build(), [check]);
    expect(checks[0]!.coverage).toMatchObject({ unit: 'mac', checked: 1, unknown: 1 });
  });
});
