import { describe, expect, it } from 'vitest';
import { fleet } from '../../test/builders.js';
import noIntegration from '../checks/connector/no-integration.js';
import { runChecks } from '../engine/run.js';

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
