import { describe, expect, it } from 'vitest';
import { fleet } from '../../test/builders.js';
import { emptyCollected } from './collected.js';
import { buildFleet } from './join.js';

// Every fleet is built inside its test, so that what the mode detection decides is covered by the test that pins it
// (a fleet built while the file loads would make mutation testing count the mode's code as "static").
const LEGACY = 'graph/v1.0/deviceManagement/deviceManagementPartners';
const DC = 'graph/v1.0/deviceManagement/complianceManagementPartners';
const INTUNE = 'graph/v1.0/deviceManagement/managedDevices';

// isLegacyConfigured and the Jamf entries by name: mode.test.ts.
describe('the integration mode of a fleet', () => {
  it('legacy: a configured Jamf entry in deviceManagementPartners', () => {
    expect(fleet().legacyPartner({ displayName: 'Jamf Pro', partnerState: 'enabled' }).build().mode).toMatchObject({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf Pro enabled',
    });
  });

  it('a legacy entry with no state and not configured does not count', () => {
    expect(
      fleet().legacyPartner({ isConfigured: false, partnerState: null, lastHeartbeatDateTime: null }).build().mode,
    ).toMatchObject({
      detected: 'none',
      why: 'no Jamf entry configured in deviceManagementPartners or complianceManagementPartners; no managedDevices with managementAgent jamf',
    });
  });

  it('a legacy entry in the unknown state does not count; a configured one without a state or name does', () => {
    expect(fleet().legacyPartner({ isConfigured: false, partnerState: 'unknown' }).build().mode.detected).toBe('none');
    expect(
      fleet().legacyPartner({ displayName: 'jamf', isConfigured: true, partnerState: null }).build().mode,
    ).toMatchObject({
      detected: 'legacy',
      why: 'deviceManagementPartners: jamf state unknown; the Jamf legacy entry reports no active state',
    });
  });

  it('a non-Jamf legacy partner does not count', () => {
    expect(fleet().legacyPartner({ displayName: 'Kandji' }).build().mode.detected).toBe('none');
  });

  it('legacy: Intune Mac records with managementAgent jamf', () => {
    expect(
      fleet()
        .intune({ serialNumber: 'C1' })
        .intune({ serialNumber: 'C2' })
        .intune({ serialNumber: 'C3', managementAgent: 'mdm' })
        .build().mode,
    ).toMatchObject({ detected: 'legacy', why: '2 managedDevices with managementAgent jamf' });
  });

  it('legacy, naming the partner and the Intune records, and the device-compliance data not collected', () => {
    expect(
      fleet()
        .legacyPartner({ displayName: 'Jamf', partnerState: 'enabled' })
        .intune({ serialNumber: 'C1' })
        .status(DC, 'forbidden')
        .build().mode,
    ).toMatchObject({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf enabled; 1 managedDevices with managementAgent jamf; complianceManagementPartners not collected',
    });
  });

  it('a legacy entry is not read from a dataset that was not collected completely', () => {
    expect(fleet().legacyPartner().status(LEGACY, 'partial').build().mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} not collected completely`,
    });
  });

  it('device-compliance: a Jamf entry in complianceManagementPartners', () => {
    expect(fleet().compliancePartner().build().mode).toMatchObject({
      detected: 'device-compliance',
      why: 'complianceManagementPartners: Jamf Device Compliance enabled, macOS onboarded',
    });
    expect(
      fleet().compliancePartner({ displayName: 'jamf', partnerState: null, macOsOnboarded: false }).build().mode,
    ).toMatchObject({
      detected: 'device-compliance',
      why: 'complianceManagementPartners: jamf state unknown, macOS not onboarded',
    });
  });

  it('device-compliance while the legacy partners were not collected', () => {
    expect(fleet().compliancePartner().status(LEGACY, 'missing').build().mode).toMatchObject({
      detected: 'device-compliance',
      why: 'complianceManagementPartners: Jamf Device Compliance enabled, macOS onboarded; deviceManagementPartners not collected',
    });
  });

  it('a device-compliance entry is not read from a dataset that was not collected completely', () => {
    expect(fleet().compliancePartner().status(DC, 'partial').build().mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${DC} not collected completely`,
    });
  });

  it('a non-Jamf compliance partner does not count', () => {
    expect(fleet().compliancePartner({ displayName: 'Other MDM' }).build().mode.detected).toBe('none');
  });

  it('both', () => {
    expect(fleet().legacyPartner({ partnerState: 'enabled' }).compliancePartner().build().mode).toMatchObject({
      detected: 'both',
      why: 'deviceManagementPartners: Jamf enabled; complianceManagementPartners: Jamf Device Compliance enabled, macOS onboarded',
    });
    // A jamf Intune record beside an onboarded Device Compliance partner, with no legacy entry, is no legacy
    // evidence (research §2.2: it counts only when no Jamf compliance partner exists or it synced after the stop).
    expect(fleet().intune({ serialNumber: 'C1' }).compliancePartner().build().mode.detected).toBe('device-compliance');
  });

  it('none, with and without the Intune records collected', () => {
    expect(fleet().build().mode).toMatchObject({
      detected: 'none',
      why: 'no Jamf entry configured in deviceManagementPartners or complianceManagementPartners; no managedDevices with managementAgent jamf',
    });
    expect(fleet().status(INTUNE, 'forbidden').build().mode).toMatchObject({
      detected: 'none',
      why: 'no Jamf entry configured in deviceManagementPartners or complianceManagementPartners',
    });
  });

  it('unknown when nothing says what was collected (no dataset states at all)', () => {
    expect(buildFleet(emptyCollected()).mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} and ${DC} not collected completely`,
    });
  });

  it('unknown: one or both partner datasets not collected', () => {
    expect(fleet().status(LEGACY, 'missing').build().mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} not collected completely`,
    });
    expect(fleet().status(DC, 'forbidden').build().mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${DC} not collected completely`,
    });
    expect(fleet().status(LEGACY, 'missing').status(DC, 'partial').build().mode).toMatchObject({
      detected: 'unknown',
      why: `cannot tell: ${LEGACY} and ${DC} not collected completely`,
    });
  });
});
