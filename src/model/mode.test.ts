import { describe, expect, it } from 'vitest';
import { fleet } from '../../test/builders.js';
import noIntegration from '../checks/connector/no-integration.js';
import { runChecks } from '../engine/run.js';
import { emptyCollected } from './collected.js';
import { buildFleet } from './join.js';
import { isLegacyConfigured, jamfCompliancePartners, jamfLegacyPartners } from './mode.js';
import type { LegacyPartner } from './types.js';

/**
 * The migration classifier (research device-compliance.md §2.2), its boundaries and the unknown values it must
 * tolerate. The builder's clock is 2026-11-29T09:30:00Z. Partner shapes: Graph deviceManagementPartner
 * (https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner) and
 * complianceManagementPartner (https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-compliancemanagementpartner).
 */
const REMOVAL = '2027-01-12T10:00:00Z';
/** REMOVAL − 90 days: the termination as the classifier dates it. */
const STOPPED = '2026-10-14T10:00:00Z';
const terminated = (extra: Record<string, unknown> = {}) => ({
  partnerState: 'terminated',
  lastHeartbeatDateTime: '2026-10-14T09:58:00Z',
  whenPartnerDevicesWillBeRemovedDateTime: REMOVAL,
  ...extra,
});
const jamfRecord = (lastSyncDateTime: string | null, serialNumber = 'C02AAA000001') => ({
  serialNumber,
  deviceName: 'MAC-1',
  azureADDeviceId: 'dev-1',
  lastSyncDateTime,
});

describe('migration states', () => {
  it('E: Device Compliance on, no legacy entry, no jamf record', () => {
    const f = fleet().compliancePartner().build();
    expect(f.mode).toMatchObject({ detected: 'device-compliance', state: 'E' });
    expect(f.mode.leftovers).toBeUndefined();
  });

  it('L and B: an enabled or unresponsive legacy entry is active', () => {
    expect(fleet().legacyPartner().build().mode).toMatchObject({ detected: 'legacy', state: 'L' });
    expect(fleet().legacyPartner({ partnerState: 'unresponsive' }).compliancePartner().build().mode).toMatchObject({
      detected: 'both',
      state: 'B',
    });
  });

  it('a jamf record synced just before the termination is a leftover (C); just after, legacy evidence (B)', () => {
    const before = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune(jamfRecord('2026-10-14T09:59:59Z'))
      .build();
    expect(before.mode).toMatchObject({ detected: 'device-compliance', state: 'C', leftovers: 1 });
    expect(before.mode.legacyRemoval).toBe(Date.parse(REMOVAL));
    expect(before.index.intune.list.length).toBe(0);
    expect(before.legacyLeftovers.map((d) => d.serialNumber)).toEqual(['C02AAA000001']);
    expect(before.macs).toEqual([]);

    const atStop = fleet().legacyPartner(terminated()).compliancePartner().intune(jamfRecord(STOPPED)).build();
    expect(atStop.mode.state).toBe('C');

    const after = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune(jamfRecord('2026-10-14T10:00:01Z'))
      .build();
    expect(after.mode).toMatchObject({ detected: 'both', state: 'B' });
    expect(after.mode.why).toContain('synced after 2026-10-14T10:00:00');
    expect(after.index.intune.list.length).toBe(1);
    expect(after.legacyLeftovers).toEqual([]);
  });

  it('without Device Compliance: before the termination F, after it L', () => {
    const before = fleet().legacyPartner(terminated()).intune(jamfRecord('2026-10-14T09:59:59Z')).build();
    expect(before.mode).toMatchObject({ detected: 'none', state: 'F', leftovers: 1 });
    expect(before.index.intune.list.length).toBe(0);
    const after = fleet().legacyPartner(terminated()).intune(jamfRecord('2026-10-14T10:00:01Z')).build();
    expect(after.mode).toMatchObject({ detected: 'legacy', state: 'L' });
  });

  it('the removal date just in the future is C, just past (or now) is D', () => {
    const at = (removal: string) =>
      fleet()
        .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: removal }))
        .compliancePartner()
        .build().mode;
    expect(at('2026-11-29T09:30:01Z')).toMatchObject({ state: 'C', legacyRemoval: Date.parse('2026-11-29T09:30:01Z') });
    expect(at('2026-11-29T09:30:00Z').state).toBe('D');
    expect(at('2026-11-29T09:29:59Z')).toMatchObject({ detected: 'device-compliance', state: 'D' });
  });

  it('unavailable and rejected count as stopped; the terminated states give C or F', () => {
    expect(
      fleet()
        .legacyPartner(terminated({ partnerState: 'unavailable' }))
        .compliancePartner()
        .build().mode.state,
    ).toBe('C');
    expect(
      fleet()
        .legacyPartner(terminated({ partnerState: 'rejected' }))
        .build().mode,
    ).toMatchObject({
      detected: 'none',
      state: 'F',
    });
  });

  it('G: a Jamf compliance partner not onboarded for macOS, or whose onboarding is not reported', () => {
    expect(fleet().compliancePartner({ macOsOnboarded: false, partnerState: 'unknown' }).build().mode).toMatchObject({
      detected: 'device-compliance',
      state: 'G',
    });
    const absent = fleet().compliancePartner({ macOsOnboarded: undefined }).build().mode;
    expect(absent).toMatchObject({ detected: 'device-compliance', state: 'G' });
    expect(absent.why).toContain('onboarding not reported');
  });
});

describe('unknown values never give a confident wrong state', () => {
  it('a terminated entry without a removal date: every jamf record is a leftover, state D with no date', () => {
    const f = fleet()
      .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: null }))
      .compliancePartner()
      .intune(jamfRecord('2026-11-29T08:00:00Z'))
      .build();
    expect(f.mode).toMatchObject({ detected: 'device-compliance', state: 'D', legacyRemoval: null, leftovers: 1 });
    expect(f.mode.why).toContain('whenPartnerDevicesWillBeRemovedDateTime not reported');
  });

  it('a jamf record without lastSyncDateTime under a terminated connector is a leftover, not evidence', () => {
    const f = fleet().legacyPartner(terminated()).compliancePartner().intune(jamfRecord(null)).build();
    expect(f.mode).toMatchObject({ state: 'C', leftovers: 1 });
  });

  it('a legacy entry without partnerState is neither active nor stopped', () => {
    // With Device Compliance on, its jamf records are leftovers (D); without, they are legacy evidence (L).
    const dc = fleet()
      .legacyPartner({ partnerState: undefined })
      .compliancePartner()
      .intune(jamfRecord('2026-11-29T08:00:00Z'))
      .build();
    expect(dc.mode).toMatchObject({ detected: 'device-compliance', state: 'D', leftovers: 1 });
    expect(dc.mode.why).toContain('no stopped Jamf entry');
    const alone = fleet().legacyPartner({ partnerState: undefined }).intune(jamfRecord('2026-11-29T08:00:00Z')).build();
    expect(alone.mode).toMatchObject({ detected: 'legacy', state: 'L' });
    // And with nothing else: no integration, no state (a never-completed entry is not F).
    const nothing = fleet().legacyPartner({ partnerState: 'unknown', isConfigured: false }).build();
    expect(nothing.mode).toMatchObject({ detected: 'none', state: null });
    expect(runChecks(nothing, [noIntegration]).findings.map((x) => x.messageId)).toEqual(['none']);
  });

  it('partner lists not collected: no state, and unknown when the collected data cannot decide', () => {
    const noLegacy = fleet()
      .compliancePartner()
      .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden')
      .build();
    expect(noLegacy.mode).toMatchObject({ detected: 'device-compliance', state: null });
    const noDc = fleet()
      .legacyPartner(terminated())
      .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'failed')
      .build();
    expect(noDc.mode).toMatchObject({ detected: 'unknown', state: null });
    const legacyOnly = fleet()
      .legacyPartner()
      .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial')
      .build();
    expect(legacyOnly.mode).toMatchObject({ detected: 'legacy', state: null });
    // Jamf records while the legacy list is missing: evidence, as before (nothing proves the connector stopped).
    const recordsOnly = fleet()
      .compliancePartner()
      .intune(jamfRecord('2026-10-01T00:00:00Z'))
      .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'missing')
      .build();
    expect(recordsOnly.mode).toMatchObject({ detected: 'both', state: null });
    expect(recordsOnly.index.intune.list.length).toBe(1);
  });

  it('records of other agents are never leftovers', () => {
    const f = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune({ ...jamfRecord('2026-01-01T00:00:00Z'), managementAgent: 'mdm' })
      .build();
    expect(f.mode.state).toBe('C');
    expect(f.mode.leftovers).toBe(0);
    expect(f.index.intune.list.length).toBe(1);
  });
});

// The dataset ids of the partner lists and the Intune records, as `status()` and the `why` name them.
const LEGACY = 'graph/v1.0/deviceManagement/deviceManagementPartners';
const DC = 'graph/v1.0/deviceManagement/complianceManagementPartners';
const INTUNE = 'graph/v1.0/deviceManagement/managedDevices';
const DC_ON = 'complianceManagementPartners: Jamf Device Compliance enabled, macOS onboarded';
const NONE_WHY = 'no Jamf entry configured in deviceManagementPartners or complianceManagementPartners';
/** The leftover sentence of `why` for REMOVAL (STOPPED = REMOVAL − 90 days). */
const left = (n: string) =>
  `${n} with managementAgent jamf left by the stopped legacy connector (no sync after 2026-10-14T10:00:00.000Z, the removal date 2027-01-12T10:00:00.000Z − 90 days), kept out of the device checks`;

const legacyEntry = (p: Partial<LegacyPartner>): LegacyPartner => ({
  id: 'dmp-1',
  displayName: 'Jamf',
  isConfigured: false,
  partnerState: null,
  partnerAppType: null,
  singleTenantAppId: null,
  lastHeartbeatDateTime: null,
  whenPartnerDevicesWillBeRemovedDateTime: null,
  whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: null,
  ...p,
});

describe('isLegacyConfigured', () => {
  it('a configured entry counts, whatever its state', () => {
    expect(isLegacyConfigured(legacyEntry({ isConfigured: true }))).toBe(true);
    expect(isLegacyConfigured(legacyEntry({ isConfigured: true, partnerState: 'unknown' }))).toBe(true);
  });
  it('an entry that left the unknown state counts, configured or not', () => {
    for (const partnerState of ['enabled', 'unresponsive', 'terminated', 'unavailable', 'rejected']) {
      expect(isLegacyConfigured(legacyEntry({ partnerState })), partnerState).toBe(true);
    }
  });
  it('an unconfigured entry in the unknown state, or with no state, does not', () => {
    expect(isLegacyConfigured(legacyEntry({ partnerState: 'unknown' }))).toBe(false);
    // The other tests of the state lower-case it (stateOf); so does this one: 'Unknown' is not a state left.
    expect(isLegacyConfigured(legacyEntry({ partnerState: 'Unknown' }))).toBe(false);
    expect(isLegacyConfigured(legacyEntry({ partnerState: null }))).toBe(false);
    expect(isLegacyConfigured(legacyEntry({ isConfigured: null, partnerState: null }))).toBe(false);
  });
});

describe('the Jamf entries', () => {
  it('are told by their display name, in any case; a nameless or other vendor entry is not Jamf', () => {
    const list = [
      legacyEntry({ id: 'a', displayName: 'JAMF Pro' }),
      legacyEntry({ id: 'b', displayName: 'Kandji' }),
      legacyEntry({ id: 'c', displayName: null }),
      legacyEntry({ id: 'd', displayName: 'Contoso jamf' }),
    ];
    expect(jamfLegacyPartners(list).map((p) => p.id)).toEqual(['a', 'd']);
    const cmp = [
      { id: 'x', displayName: 'Jamf Device Compliance' },
      { id: 'y', displayName: null },
      { id: 'z', displayName: 'Other' },
    ] as Parameters<typeof jamfCompliancePartners>[0];
    expect(jamfCompliancePartners(cmp).map((p) => p.id)).toEqual(['x']);
  });

  it('another vendor in either partner list makes no mode and no state', () => {
    expect(fleet().legacyPartner({ displayName: 'Kandji' }).build().mode).toEqual({
      detected: 'none',
      why: `${NONE_WHY}; no managedDevices with managementAgent jamf`,
      state: null,
    });
    expect(fleet().compliancePartner({ displayName: 'Other MDM' }).build().mode.detected).toBe('none');
    // A stopped entry of another vendor is not a stopped Jamf connector: no F.
    expect(
      fleet()
        .legacyPartner(terminated({ displayName: 'Kandji' }))
        .build().mode.state,
    ).toBe(null);
  });
});

describe('what the mode line says (why), per state', () => {
  it('L: the partner by its name and state; B: both partners', () => {
    expect(fleet().legacyPartner({ displayName: 'Jamf Pro' }).build().mode).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf Pro enabled',
      state: 'L',
    });
    expect(fleet().legacyPartner({ partnerState: 'unresponsive' }).compliancePartner().build().mode).toEqual({
      detected: 'both',
      why: `deviceManagementPartners: Jamf unresponsive; ${DC_ON}`,
      state: 'B',
    });
  });

  it('L from jamf records alone (no legacy entry, no Device Compliance): they are counted, other agents are not', () => {
    expect(
      fleet()
        .intune(jamfRecord('2026-11-29T08:00:00Z', 'C1'))
        .intune(jamfRecord('2026-11-29T08:00:00Z', 'C2'))
        .intune({ ...jamfRecord('2026-11-29T08:00:00Z', 'C3'), managementAgent: 'mdm' })
        .build().mode,
    ).toEqual({ detected: 'legacy', why: '2 managedDevices with managementAgent jamf', state: 'L' });
  });

  it('an active entry next to a stopped one: every jamf record is the active connector’s, whatever its sync date', () => {
    const f = fleet().legacyPartner().legacyPartner(terminated()).intune(jamfRecord('2026-10-01T00:00:00Z')).build();
    expect(f.mode).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf enabled; deviceManagementPartners: Jamf terminated; 1 managedDevices with managementAgent jamf',
      state: 'L',
    });
    expect(f.index.intune.list.length).toBe(1);
  });

  it('B after the termination names the date the records synced after', () => {
    expect(
      fleet().legacyPartner(terminated()).compliancePartner().intune(jamfRecord('2026-10-14T10:00:00.001Z')).build()
        .mode,
    ).toEqual({
      detected: 'both',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}; 1 managedDevices with managementAgent jamf synced after 2026-10-14T10:00:00.000Z (the legacy connector's removal date 2027-01-12T10:00:00.000Z − 90 days)`,
      state: 'B',
    });
  });

  it('C: one leftover, then two (and a fresh one among old ones turns the tenant B, keeping all of them)', () => {
    const one = fleet().legacyPartner(terminated()).compliancePartner().intune(jamfRecord(STOPPED)).build();
    expect(one.mode).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}; ${left('1 Intune Mac record')}`,
      state: 'C',
      legacyRemoval: Date.parse(REMOVAL),
      leftovers: 1,
    });
    const two = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune(jamfRecord('2026-10-14T09:59:59.999Z', 'C1'))
      .intune({ ...jamfRecord('2026-01-01T00:00:00Z', 'C2'), managementAgent: 'mdm' })
      .intune(jamfRecord('2026-09-01T00:00:00Z', 'C3'))
      .build();
    expect(two.mode).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}; ${left('2 Intune Mac records')}`,
      state: 'C',
      legacyRemoval: Date.parse(REMOVAL),
      leftovers: 2,
    });
    expect(two.legacyLeftovers.map((d) => d.serialNumber)).toEqual(['C1', 'C3']);
    expect(two.index.intune.list.length).toBe(1);
    const mixed = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune(jamfRecord('2026-09-01T00:00:00Z', 'C1'))
      .intune(jamfRecord('2026-11-29T08:00:00Z', 'C2'))
      .build();
    expect(mixed.mode).toMatchObject({ detected: 'both', state: 'B' });
    expect(mixed.mode.leftovers).toBeUndefined();
    expect(mixed.legacyLeftovers).toEqual([]);
    expect(mixed.index.intune.list.length).toBe(2);
  });

  it('C and D with no record left: the removal date and 0 leftovers; E has neither', () => {
    expect(fleet().legacyPartner(terminated()).compliancePartner().build().mode).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}`,
      state: 'C',
      legacyRemoval: Date.parse(REMOVAL),
      leftovers: 0,
    });
    expect(
      fleet()
        .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: '2026-11-01T00:00:00Z' }))
        .compliancePartner()
        .build().mode,
    ).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}`,
      state: 'D',
      legacyRemoval: Date.parse('2026-11-01T00:00:00Z'),
      leftovers: 0,
    });
    expect(fleet().compliancePartner().build().mode).toEqual({ detected: 'device-compliance', why: DC_ON, state: 'E' });
  });

  it('D without a removal date: the leftovers are not dated, and the why says the date is not reported', () => {
    expect(
      fleet()
        .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: null }))
        .compliancePartner()
        .intune(jamfRecord('2026-11-29T08:00:00Z'))
        .build().mode,
    ).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}; 1 Intune Mac record with managementAgent jamf left by the stopped legacy connector, kept out of the device checks; whenPartnerDevicesWillBeRemovedDateTime not reported`,
      state: 'D',
      legacyRemoval: null,
      leftovers: 1,
    });
  });

  it('D with no legacy entry at all: jamf records under Device Compliance are leftovers nothing dates', () => {
    expect(fleet().compliancePartner().intune(jamfRecord('2026-11-29T08:00:00Z')).build().mode).toEqual({
      detected: 'device-compliance',
      why: `${DC_ON}; 1 Intune Mac record with managementAgent jamf left by the stopped legacy connector, kept out of the device checks; no stopped Jamf entry in deviceManagementPartners dates these records`,
      state: 'D',
      legacyRemoval: null,
      leftovers: 1,
    });
  });

  it('F: a stopped entry, nothing replacing it', () => {
    expect(
      fleet()
        .legacyPartner(terminated({ partnerState: 'unavailable', whenPartnerDevicesWillBeRemovedDateTime: null }))
        .build().mode,
    ).toEqual({
      detected: 'none',
      why: 'deviceManagementPartners: Jamf unavailable; no Jamf entry in complianceManagementPartners replaces it',
      state: 'F',
    });
  });

  it('G: the compliance partner is named with its state and onboarding, and with several, one onboarded is enough', () => {
    expect(
      fleet().compliancePartner({ displayName: 'jamf', partnerState: null, macOsOnboarded: false }).build().mode,
    ).toEqual({
      detected: 'device-compliance',
      why: 'complianceManagementPartners: jamf state unknown, macOS not onboarded',
      state: 'G',
    });
    const two = fleet()
      .compliancePartner({ displayName: 'Jamf Pro', partnerState: 'unknown', macOsOnboarded: null })
      .compliancePartner()
      .build().mode;
    expect(two).toEqual({
      detected: 'device-compliance',
      why: `complianceManagementPartners: Jamf Pro unknown, macOS onboarding not reported; ${DC_ON}`,
      state: 'E',
    });
  });

  it('the latest removal date among several stopped entries dates the termination, in either order', () => {
    const LATER = '2027-02-01T00:00:00Z';
    for (const order of [
      [REMOVAL, LATER],
      [LATER, REMOVAL],
    ]) {
      const f = fleet()
        .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: order[0] }))
        .legacyPartner(terminated({ partnerState: 'rejected', whenPartnerDevicesWillBeRemovedDateTime: order[1] }))
        .legacyPartner(terminated({ whenPartnerDevicesWillBeRemovedDateTime: null }))
        .compliancePartner()
        // Synced after REMOVAL − 90 days but before LATER − 90 days (2026-11-03): a leftover of the later stop.
        .intune(jamfRecord('2026-10-20T00:00:00Z'))
        .build();
      expect(f.mode, order.join(' ')).toMatchObject({ state: 'C', legacyRemoval: Date.parse(LATER), leftovers: 1 });
    }
  });

  it('a legacy entry set up but in no reported state: legacy, with no state', () => {
    // isConfigured with an unknown state, next to a never-configured one: one set-up entry is enough.
    const f = fleet()
      .legacyPartner({ displayName: 'Jamf', isConfigured: true, partnerState: 'unknown' })
      .legacyPartner({ displayName: 'Jamf', isConfigured: false, partnerState: 'unknown' })
      .build();
    expect(f.mode).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf unknown; the Jamf legacy entry reports no active state',
      state: null,
    });
    expect(fleet().legacyPartner({ displayName: 'jamf', isConfigured: true, partnerState: null }).build().mode).toEqual(
      {
        detected: 'legacy',
        why: 'deviceManagementPartners: jamf state unknown; the Jamf legacy entry reports no active state',
        state: null,
      },
    );
    // Never configured and no state: not set up.
    expect(fleet().legacyPartner({ isConfigured: false, partnerState: null }).build().mode).toEqual({
      detected: 'none',
      why: `${NONE_WHY}; no managedDevices with managementAgent jamf`,
      state: null,
    });
  });

  it('none, with and without the Intune records collected', () => {
    expect(fleet().build().mode).toEqual({
      detected: 'none',
      why: `${NONE_WHY}; no managedDevices with managementAgent jamf`,
      state: null,
    });
    expect(fleet().status(INTUNE, 'forbidden').build().mode).toEqual({ detected: 'none', why: NONE_WHY, state: null });
  });
});

describe('which Intune records are the legacy connector’s', () => {
  const base = () => fleet().legacyPartner(terminated()).compliancePartner();

  it('a jamf record of a Mac with no operating system reported counts; one of another platform does not', () => {
    const noOs = base()
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z'), operatingSystem: null })
      .build();
    expect(noOs.mode).toMatchObject({ state: 'C', leftovers: 1 });
    const ios = base()
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z'), operatingSystem: 'iOS' })
      .build();
    expect(ios.mode).toMatchObject({ state: 'C', leftovers: 0 });
    // Either order of first appearance of the platforms (their enum codes differ).
    const both = fleet()
      .legacyPartner(terminated())
      .compliancePartner()
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z', 'I1'), operatingSystem: 'iOS' })
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z', 'M1') })
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z', 'W1'), operatingSystem: 'Windows' })
      .build();
    expect(both.legacyLeftovers.map((d) => d.serialNumber)).toEqual(['M1']);
  });

  it('another platform is not a Mac even when it is the first value the fleet meets', () => {
    // The first record interns 'iOS' before anything else (its other enum fields are null): code 0.
    const f = fleet()
      .intune({ id: 'md-ios-0', operatingSystem: 'iOS', managementAgent: null, complianceState: null })
      .intune({ ...jamfRecord('2026-09-01T00:00:00Z', 'I1'), operatingSystem: 'iOS' })
      .legacyPartner(terminated())
      .compliancePartner()
      .build();
    expect(f.mode).toMatchObject({ state: 'C', leftovers: 0 });
  });

  it('a record with no management agent is not a jamf record, even where no record is jamf', () => {
    expect(
      fleet()
        .intune({ ...jamfRecord('2026-11-29T08:00:00Z'), managementAgent: null })
        .build().mode,
    ).toEqual({
      detected: 'none',
      why: `${NONE_WHY}; no managedDevices with managementAgent jamf`,
      state: null,
    });
  });
});

describe('partner lists not collected completely', () => {
  it('unknown names what is missing, one or both', () => {
    expect(fleet().status(LEGACY, 'missing').build().mode).toEqual({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} not collected completely`,
      state: null,
    });
    expect(fleet().legacyPartner().status(LEGACY, 'partial').build().mode.detected).toBe('unknown');
    expect(fleet().status(DC, 'forbidden').build().mode).toEqual({
      detected: 'unknown',
      why: `cannot tell: ${DC} not collected completely`,
      state: null,
    });
    expect(fleet().compliancePartner().status(DC, 'partial').build().mode.detected).toBe('unknown');
    expect(fleet().status(LEGACY, 'missing').status(DC, 'partial').build().mode).toEqual({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} and ${DC} not collected completely`,
      state: null,
    });
  });

  it('unknown when nothing says what was collected (no dataset states at all)', () => {
    expect(buildFleet(emptyCollected({ asOf: Date.parse('2026-11-29T09:30:00Z') })).mode).toEqual({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} and ${DC} not collected completely`,
      state: null,
    });
  });

  it('what the collected data proves, with the list that was not collected named', () => {
    expect(
      fleet().legacyPartner().intune(jamfRecord('2026-11-29T08:00:00Z')).status(DC, 'forbidden').build().mode,
    ).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf enabled; 1 managedDevices with managementAgent jamf; complianceManagementPartners not collected',
      state: null,
    });
    expect(fleet().intune(jamfRecord('2026-11-29T08:00:00Z')).status(LEGACY, 'missing').build().mode).toEqual({
      detected: 'legacy',
      why: '1 managedDevices with managementAgent jamf; deviceManagementPartners not collected',
      state: null,
    });
    expect(fleet().compliancePartner().status(LEGACY, 'missing').build().mode).toEqual({
      detected: 'device-compliance',
      why: `${DC_ON}; deviceManagementPartners not collected`,
      state: null,
    });
    expect(
      fleet().legacyPartner().compliancePartner().status(INTUNE, 'partial').status(DC, 'partial').build().mode,
    ).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf enabled; complianceManagementPartners not collected',
      state: null,
    });
  });
});

describe('a removal date that is not a date', () => {
  it('is not reported: the termination cannot be dated (D, no date, every jamf record a leftover)', () => {
    // Records hold null for a missing date; a NaN (a collector's bug) must not date the termination either.
    const c = emptyCollected({ asOf: Date.parse('2026-11-29T09:30:00Z') });
    for (const id of [LEGACY, DC, INTUNE]) c.datasets.set(id, { id, path: id, status: 'complete', records: 0 });
    c.legacyPartners.push(
      legacyEntry({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: Number.NaN }),
    );
    c.compliancePartners.push({
      id: 'cmp-1',
      displayName: 'Jamf Device Compliance',
      partnerState: 'enabled',
      lastHeartbeatDateTime: null,
      macOsOnboarded: true,
      macOsEnrollmentAssignments: [],
    });
    expect(buildFleet(c).mode).toEqual({
      detected: 'device-compliance',
      why: `deviceManagementPartners: Jamf terminated; ${DC_ON}; whenPartnerDevicesWillBeRemovedDateTime not reported`,
      state: 'D',
      legacyRemoval: null,
      leftovers: 0,
    });
  });
});
