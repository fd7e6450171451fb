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
        { messageId: 'unresponsive', data: { name: 'NYC-MBA-0032', accounts: ['bjones'] }, subjects: ['FVFXJ2ABQ6L4'] },
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
