import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './jamf-mac-not-reported.js';

const registered = (serial: string, deviceId: string) => ({
  general: { name: `MAC-${serial}` },
  hardware: { serialNumber: serial },
  localUserAccounts: [
    { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: deviceId },
  ],
});

testCheck(check, {
  valid: [
    {
      name: 'joined to its Intune record by Entra device id, not serial',
      fleet: fleet()
        .legacyPartner()
        .jamf(registered('C1', 'AAAA-1'))
        .intune({ serialNumber: null, azureADDeviceId: 'aaaa-1' })
        .build(),
    },
    {
      name: 'a Mac that never registered is another check',
      fleet: fleet()
        .legacyPartner()
        .jamf({
          hardware: { serialNumber: 'C2' },
          localUserAccounts: [{ username: 'x', azureActiveDirectoryId: 'DEACTIVATED' }],
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'activated but missing from Intune',
      fleet: fleet().legacyPartner().jamf(registered('C3', 'dev-3')).intune({ serialNumber: 'OTHER' }).build(),
      findings: [
        { messageId: 'notReported', data: { name: 'MAC-C3', serial: 'C3', deviceId: 'dev-3' }, subjects: ['C3'] },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Intune devices partial: a missing Mac is never reported as missing',
      fleet: fleet()
        .legacyPartner()
        .jamf(registered('C3', 'dev-3'))
        .status('graph/v1.0/deviceManagement/managedDevices', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().jamf(registered('C3', 'dev-3')).build() },
  ],
});
