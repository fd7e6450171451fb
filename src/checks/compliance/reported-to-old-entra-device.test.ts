import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './reported-to-old-entra-device.js';

// A Mac re-registered (e.g. by Platform SSO) as a second Entra device of the same name, Graph's device shape
// (deviceId, displayName, registrationDateTime, isCompliant; https://learn.microsoft.com/graph/api/resources/device),
// while Jamf Pro's local account still names the first one (computerAzureActiveDirectoryId;
// https://developer.jamf.com/jamf-pro/reference/get_v1-computers-inventory). Jamf Pro 11.9 follows the new device
// (https://www.jamf.com/blog/entra-id-platform-sso-device-compliance/).
const OLD = '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const NEW = '7e6f5a4b-3c2d-4e1f-9a0b-8c7d6e5f4a3b';
const computer = {
  id: '42',
  general: { name: 'LON-MBP-0042' },
  hardware: { serialNumber: 'C02PS0000042' },
  localUserAccounts: [{ username: 'grace', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: OLD }],
};
const device = (deviceId: string, registered: string, p: Record<string, unknown> = {}) => ({
  deviceId,
  displayName: 'LON-MBP-0042',
  operatingSystem: 'MacMDM',
  isCompliant: null,
  registrationDateTime: registered,
  ...p,
});
const tenant = (version: string | null, newer: Record<string, unknown> = {}, older: Record<string, unknown> = {}) =>
  fleet()
    .jamfVersion(version)
    .compliancePartner()
    .jamf(computer)
    .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true, ...older }))
    .entra(device(NEW, '2026-10-01T12:00:00Z', newer));

testCheck(check, {
  valid: [
    {
      name: 'one Entra device only',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf(computer)
        .entra(device(OLD, '2025-02-10T08:00:00Z'))
        .build(),
    },
    {
      name: 'the device Jamf Pro knows is the newer one: an ordinary stale duplicate (near miss)',
      fleet: tenant('11.8.2', { registrationDateTime: '2024-01-01T00:00:00Z' }).build(),
    },
    { name: 'the newer device is compliant', fleet: tenant('11.8.2', { isCompliant: true }).build() },
    { name: 'the newer device is disabled', fleet: tenant('11.8.2', { accountEnabled: false }).build() },
  ],
  invalid: [
    {
      name: 'Jamf Pro 11.8.2 reports to the old device; the new registration has no state',
      fleet: tenant('11.8.2-t1717000000').build(),
      findings: [
        {
          messageId: 'old-device',
          text: {
            en: 'LON-MBP-0042: Jamf Pro 11.8.2-t1717000000 (older than 11.9) reports compliance to Entra device 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d (registered 2025-02-10T08:00:00.000Z), but the Mac registered again as Entra device 7e6f5a4b-3c2d-4e1f-9a0b-8c7d6e5f4a3b (2026-10-01T12:00:00.000Z), whose compliance is not set',
            it: 'LON-MBP-0042: Jamf Pro 11.8.2-t1717000000 (precedente alla 11.9) segnala la conformità al dispositivo Entra 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d (registrato 2025-02-10T08:00:00.000Z), ma il Mac si è registrato di nuovo come dispositivo Entra 7e6f5a4b-3c2d-4e1f-9a0b-8c7d6e5f4a3b (2026-10-01T12:00:00.000Z), la cui conformità è non impostata',
          },
          data: {
            name: 'LON-MBP-0042',
            version: '11.8.2-t1717000000',
            old: OLD,
            oldRegistered: '2025-02-10T08:00:00.000Z',
            current: NEW,
            registered: '2026-10-01T12:00:00.000Z',
            isCompliant: null,
          },
          subjects: ['C02PS0000042'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'Jamf Pro 10.48, the new device not compliant',
      fleet: tenant('10.48.0', { isCompliant: false }).build(),
      findings: [{ messageId: 'old-device', subjects: ['C02PS0000042'] }],
    },
  ],
  cannotCheck: [
    { name: 'Jamf Pro version not read', fleet: tenant(null).build(), reason: { kind: 'incomplete-data' } },
    {
      name: 'Jamf Pro version dataset forbidden',
      fleet: tenant('11.8.2').status('jamf/api/v1/jamf-pro-version', 'failed').build(),
      reason: { kind: 'failed' },
    },
    {
      name: 'a device without registrationDateTime',
      fleet: tenant('11.8.2', { registrationDateTime: null }).build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [
    { name: 'Jamf Pro 11.9.0 follows the new device (boundary)', fleet: tenant('11.9.0').build() },
    { name: 'Jamf Pro 11.24.1', fleet: tenant('11.24.1').build() },
    { name: 'legacy integration', fleet: fleet().jamfVersion('11.8.2').legacyPartner().jamf(computer).build() },
  ],
});
