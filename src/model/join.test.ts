import { describe, expect, it } from 'vitest';
import { fleet } from '../../test/builders.js';

describe('the fleet model: one Mac per physical computer', () => {
  it('joins Jamf, Intune and Entra by serial, Entra device id and UDID', () => {
    const f = fleet()
      // Jamf ↔ Intune by serial (trimmed, upper-cased); Intune ↔ Entra by azureADDeviceId = deviceId.
      .jamf({ general: { name: 'LON-1' }, hardware: { serialNumber: ' c02aaa ' } })
      .intune({ id: 'i1', serialNumber: 'C02AAA', azureADDeviceId: 'D-1' })
      .entra({ deviceId: 'd-1', displayName: 'LON-1' })
      // Jamf ↔ Entra by the local account's computerAzureActiveDirectoryId; Jamf ↔ Intune by UDID.
      .jamf({
        general: { name: 'LON-2' },
        udid: 'abc-udid',
        hardware: { serialNumber: null },
        localUserAccounts: [
          { username: 'x', computerAzureActiveDirectoryId: 'D-2', azureActiveDirectoryId: 'ACTIVATED' },
        ],
      })
      .entra({ deviceId: 'd-2' })
      .intune({ id: 'i2', serialNumber: null, udid: 'ABC-UDID' })
      .build();
    expect(f.macs).toHaveLength(2);
    const [a, b] = [f.macs.find((m) => m.name === 'LON-1')!, f.macs.find((m) => m.name === 'LON-2')!];
    expect(a).toMatchObject({ key: 'C02AAA', serial: 'C02AAA', deviceIds: ['d-1'] });
    expect([a.jamf.length, a.intune.length, a.entra.length]).toEqual([1, 1, 1]);
    expect(b.key).toMatch(/^jamf:/);
    expect([b.jamf.length, b.intune.length, b.entra.length]).toEqual([1, 1, 1]);
  });

  it('an empty serial or 0 never joins anything', () => {
    const f = fleet()
      .intune({ id: 'x', serialNumber: '' })
      .intune({ id: 'y', serialNumber: '0' })
      .jamf({ hardware: { serialNumber: '0' } })
      .build();
    expect(f.macs).toHaveLength(3);
    const keys = f.macs.map((m) => m.key).sort();
    expect(keys.slice(0, 2)).toEqual(['intune:x', 'intune:y']);
    expect(keys[2]).toMatch(/^jamf:/);
  });

  it('records of other operating systems are left out', () => {
    const f = fleet()
      .intune({ serialNumber: 'W1', operatingSystem: 'Windows', managementAgent: 'mdm' })
      .intune({ serialNumber: 'P1', operatingSystem: 'iOS', managementAgent: 'mdm' })
      .entra({ deviceId: 'w', operatingSystem: 'Windows' })
      .entra({ deviceId: 'm', operatingSystem: 'macOS' })
      .build();
    expect(f.macs).toHaveLength(1);
    expect(f.ignoredNonMac).toEqual({ intune: 2, entra: 1 });
  });

  it('users are joined by UPN or e-mail, case-insensitively, and through the Jamf account’s Entra user id', () => {
    const f = fleet()
      .jamf({ hardware: { serialNumber: 'C1' }, userAndLocation: { email: 'ADA@contoso.com' } })
      .jamf({
        hardware: { serialNumber: 'C2' },
        localUserAccounts: [
          { username: 'g', userAzureActiveDirectoryId: 'U-GRACE', azureActiveDirectoryId: 'ACTIVATED' },
        ],
      })
      .intune({ serialNumber: 'C3', userPrincipalName: 'Alan@Contoso.com' })
      .user({ id: 'u-ada', userPrincipalName: 'ada.lovelace@contoso.com', mail: 'Ada@Contoso.com' })
      .user({ id: 'u-grace', userPrincipalName: 'grace@contoso.com' })
      .build();
    const keys = Object.fromEntries(f.macs.map((m) => [m.key, m.userKeys]));
    expect(keys).toEqual({ C1: ['ada.lovelace@contoso.com'], C2: ['grace@contoso.com'], C3: ['alan@contoso.com'] });
  });
});

describe('integration mode detection', () => {
  it('legacy, with the reason in words', () => {
    expect(fleet().legacyPartner().build().mode).toEqual({
      detected: 'legacy',
      why: 'deviceManagementPartners: Jamf enabled',
      state: 'L',
    });
  });
  it('legacy from managedDevices with managementAgent jamf alone', () => {
    const m = fleet().intune({ serialNumber: 'C1' }).build().mode;
    expect(m.detected).toBe('legacy');
    expect(m.why).toContain('1 managedDevices with managementAgent jamf');
  });
  it('device-compliance', () => {
    expect(fleet().compliancePartner().build().mode.detected).toBe('device-compliance');
  });
  it('both', () => {
    expect(fleet().legacyPartner().compliancePartner().build().mode.detected).toBe('both');
  });
  it('none, when both connector datasets are complete and hold no Jamf entry', () => {
    const m = fleet().legacyPartner({ displayName: 'MobileIron', partnerState: 'enabled' }).build().mode;
    expect(m.detected).toBe('none');
  });
  it('an unconfigured Jamf entry in the unknown state is not an integration', () => {
    expect(fleet().legacyPartner({ isConfigured: false, partnerState: 'unknown' }).build().mode.detected).toBe('none');
  });
  it('unknown when the connector data was not collected', () => {
    const m = fleet()
      .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden')
      .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'missing')
      .build().mode;
    expect(m.detected).toBe('unknown');
    expect(m.why).toContain('not collected');
  });
});
