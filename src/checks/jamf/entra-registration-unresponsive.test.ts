import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './entra-registration-unresponsive.js';

const acct = (username: string, state: string) => ({
  username,
  azureActiveDirectoryId: state,
  computerAzureActiveDirectoryId: `dev-${username}`,
});

testCheck(check, {
  valid: [
    {
      name: 'activated and deactivated accounts only',
      fleet: fleet()
        .jamf({
          hardware: { serialNumber: 'C1' },
          localUserAccounts: [acct('ada', 'ACTIVATED'), acct('admin', 'DEACTIVATED')],
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'one account unresponsive',
      fleet: fleet()
        .jamf({
          general: { name: 'NYC-MBA-0032' },
          hardware: { serialNumber: 'FVFXJ2ABQ6L4' },
          localUserAccounts: [acct('bjones', 'UNRESPONSIVE'), acct('admin', 'DEACTIVATED')],
        })
        .build(),
      findings: [
        {
          messageId: 'unresponsive',
          data: { name: 'NYC-MBA-0032', accounts: ['bjones'] },
          subjects: ['FVFXJ2ABQ6L4'],
          text: {
            en: 'NYC-MBA-0032: the Entra registration of bjones is UNRESPONSIVE in Jamf Pro',
            it: 'NYC-MBA-0032: la registrazione Entra di bjones è UNRESPONSIVE in Jamf Pro',
          },
        },
      ],
    },
    {
      name: 'unresponsive beside an activated account; several in any case; an unnamed computer; unmanaged left out',
      fleet: fleet()
        .jamf({
          general: { name: 'A' },
          hardware: { serialNumber: 'C1' },
          localUserAccounts: [acct('ada', 'ACTIVATED'), acct('bob', 'unresponsive')],
        })
        .jamf({
          general: { name: null },
          hardware: { serialNumber: 'C2' },
          localUserAccounts: [
            acct('x', 'Unresponsive'),
            { username: 'y', azureActiveDirectoryId: null },
            { azureActiveDirectoryId: 'UNRESPONSIVE' },
          ],
        })
        .jamf({
          general: { name: 'OLD', remoteManagement: { managed: false } },
          hardware: { serialNumber: 'C3' },
          localUserAccounts: [acct('ada', 'UNRESPONSIVE')],
        })
        .build(),
      findings: [
        { messageId: 'unresponsive', data: { name: 'A', accounts: ['bob'] }, subjects: ['C1'] },
        {
          messageId: 'unresponsive',
          data: { name: 'C2', accounts: ['x', '?'] },
          subjects: ['C2'],
          text: {
            en: 'C2: the Entra registration of x, ? is UNRESPONSIVE in Jamf Pro',
            it: 'C2: la registrazione Entra di x, ? è UNRESPONSIVE in Jamf Pro',
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'inventory read without LOCAL_USER_ACCOUNTS',
      fleet: fleet()
        .jamf({ hardware: { serialNumber: 'C1' }, localUserAccounts: null })
        .build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'inventory forbidden',
      fleet: fleet()
        .status('jamf/computers-inventory', 'forbidden', { needs: ['Read Computers'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Read Computers'] },
    },
  ],
});
