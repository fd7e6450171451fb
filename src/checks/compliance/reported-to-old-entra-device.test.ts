import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
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

const K2 = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const U2 = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

testCheck(check, {
  valid: [
    {
      name: 'the new registration at the very same instant as the old one is not newer (boundary)',
      fleet: tenant('11.8.2', { registrationDateTime: '2025-02-10T08:00:00Z' }).build(),
    },
    {
      name: 'Jamf Pro manages the Mac no longer',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf({ ...computer, general: { name: 'LON-MBP-0042', remoteManagement: { managed: false } } })
        .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true }))
        .entra(device(NEW, '2026-10-01T12:00:00Z'))
        .build(),
    },
    {
      name: 'two devices of the Mac’s name, neither named by Jamf Pro: which one Jamf reports to is not known',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf({ ...computer, localUserAccounts: [{ username: 'grace', computerAzureActiveDirectoryId: null }] })
        .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true }))
        .entra(device(NEW, '2026-10-01T12:00:00Z'))
        .build(),
    },
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
    {
      name: 'a device joined by its Intune record and one of the same name, neither named by Jamf Pro',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf({ ...computer, localUserAccounts: [{ username: 'grace', computerAzureActiveDirectoryId: null }] })
        .intune({ serialNumber: 'C02PS0000042', managementAgent: 'mdm', azureADDeviceId: OLD })
        .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true }))
        .entra(device(NEW, '2026-10-01T12:00:00Z'))
        .build(),
    },
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
      findings: [
        {
          messageId: 'old-device',
          subjects: ['C02PS0000042'],
          text: {
            en: 'LON-MBP-0042: Jamf Pro 10.48.0 (older than 11.9) reports compliance to Entra device 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d (registered 2025-02-10T08:00:00.000Z), but the Mac registered again as Entra device 7e6f5a4b-3c2d-4e1f-9a0b-8c7d6e5f4a3b (2026-10-01T12:00:00.000Z), whose compliance is false',
            it: 'LON-MBP-0042: Jamf Pro 10.48.0 (precedente alla 11.9) segnala la conformità al dispositivo Entra 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d (registrato 2025-02-10T08:00:00.000Z), ma il Mac si è registrato di nuovo come dispositivo Entra 7e6f5a4b-3c2d-4e1f-9a0b-8c7d6e5f4a3b (2026-10-01T12:00:00.000Z), la cui conformità è false',
          },
          evidence: [
            {
              source: 'graph/v1.0/devices',
              record: 'obj-0003',
              fields: {
                deviceId: OLD,
                displayName: 'LON-MBP-0042',
                registrationDateTime: '2025-02-10T08:00:00.000Z',
                isCompliant: true,
                isManaged: null,
                trustType: 'Workplace',
              },
            },
            {
              source: 'graph/v1.0/devices',
              record: 'obj-0004',
              fields: {
                deviceId: NEW,
                displayName: 'LON-MBP-0042',
                registrationDateTime: '2026-10-01T12:00:00.000Z',
                isCompliant: false,
                isManaged: null,
                trustType: 'Workplace',
              },
            },
            { source: 'jamf/api/v1/jamf-pro-version', record: 'version', fields: { version: '10.48.0' } },
          ],
        },
      ],
    },
    {
      name: 'the latest of the devices Jamf Pro names, and the latest of the others, whatever their order',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf({
          ...computer,
          localUserAccounts: [
            { username: 'grace', computerAzureActiveDirectoryId: OLD },
            { username: 'alan', computerAzureActiveDirectoryId: K2.toUpperCase() },
          ],
        })
        .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true }))
        .entra(device(NEW, '2026-10-01T12:00:00Z'))
        .entra(device(K2, '2025-06-10T08:00:00Z', { isCompliant: true }))
        .entra(device(U2, '2026-03-01T12:00:00Z'))
        .build(),
      findings: [
        {
          messageId: 'old-device',
          data: {
            name: 'LON-MBP-0042',
            version: '11.8.2',
            old: K2,
            oldRegistered: '2025-06-10T08:00:00.000Z',
            current: NEW,
            registered: '2026-10-01T12:00:00.000Z',
            isCompliant: null,
          },
        },
      ],
    },
    {
      name: 'the new device joined to the Mac by its Intune record, under another name',
      fleet: fleet()
        .jamfVersion('11.8.2')
        .compliancePartner()
        .jamf(computer)
        .intune({ serialNumber: 'C02PS0000042', managementAgent: 'mdm', azureADDeviceId: NEW })
        .entra(device(OLD, '2025-02-10T08:00:00Z', { isCompliant: true }))
        .entra(device(NEW, '2026-10-01T12:00:00Z', { displayName: 'Grace’s MacBook Pro' }))
        .build(),
      findings: [
        {
          messageId: 'old-device',
          data: {
            name: 'LON-MBP-0042',
            version: '11.8.2',
            old: OLD,
            oldRegistered: '2025-02-10T08:00:00.000Z',
            current: NEW,
            registered: '2026-10-01T12:00:00.000Z',
            isCompliant: null,
          },
        },
      ],
    },
    {
      name: 'an unmanaged Jamf record of the Mac naming the new device does not count as Jamf Pro knowing it',
      fleet: tenant('11.8.2')
        .jamf({
          ...computer,
          id: '43',
          general: { name: 'LON-MBP-0042', remoteManagement: { managed: false } },
          localUserAccounts: [{ username: 'grace', computerAzureActiveDirectoryId: NEW }],
        })
        .build(),
      findings: [
        {
          messageId: 'old-device',
          data: {
            name: 'LON-MBP-0042',
            version: '11.8.2',
            old: OLD,
            oldRegistered: '2025-02-10T08:00:00.000Z',
            current: NEW,
            registered: '2026-10-01T12:00:00.000Z',
            isCompliant: null,
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Jamf Pro version not read',
      fleet: tenant(null).build(),
      reason: { kind: 'incomplete-data', detail: 'the Jamf Pro version (not read) cannot be read' },
    },
    {
      name: 'a Jamf Pro version that is not a version',
      fleet: tenant('unknown-build').build(),
      reason: { kind: 'incomplete-data', detail: 'the Jamf Pro version (unknown-build) cannot be read' },
    },
    {
      name: 'Jamf Pro version dataset forbidden',
      fleet: tenant('11.8.2').status('jamf/api/v1/jamf-pro-version', 'failed').build(),
      reason: { kind: 'failed' },
    },
    {
      name: 'a device without registrationDateTime',
      fleet: tenant('11.8.2', { registrationDateTime: null }).build(),
      reason: { kind: 'incomplete-data', detail: 'an Entra device of LON-MBP-0042 has no registrationDateTime' },
    },
  ],
  notApplicable: [
    { name: 'Jamf Pro 11.9.0 follows the new device (boundary)', fleet: tenant('11.9.0').build() },
    { name: 'Jamf Pro 11.24.1', fleet: tenant('11.24.1').build() },
    { name: 'legacy integration', fleet: fleet().jamfVersion('11.8.2').legacyPartner().jamf(computer).build() },
  ],
});

describe('compliance/reported-to-old-entra-device from 11.9', () => {
  it('says why it does not apply, in both languages', () => {
    const r = runChecks(tenant('11.9.0').build(), [check]).checks[0]!;
    expect(r.outcome).toBe('notApplicable');
    expect(r.reason?.text).toEqual({
      en: 'Jamf Pro 11.9.0 is 11.9 or later, which follows a new Entra device of the Mac',
      it: 'Jamf Pro 11.9.0 è 11.9 o successivo, che segue un nuovo dispositivo Entra del Mac',
    });
  });
});
