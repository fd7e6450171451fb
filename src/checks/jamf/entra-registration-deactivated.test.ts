import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './entra-registration-deactivated.js';

const acct = (username: string, state: string | null) => ({ username, azureActiveDirectoryId: state });

testCheck(check, {
  valid: [
    {
      name: 'one account activated',
      fleet: fleet()
        .jamf({
          hardware: { serialNumber: 'C1' },
          localUserAccounts: [acct('ada', 'ACTIVATED'), acct('b', 'DEACTIVATED')],
        })
        .build(),
    },
    {
      name: 'unresponsive is registered (another check)',
      fleet: fleet()
        .jamf({
          hardware: { serialNumber: 'C1' },
          localUserAccounts: [acct('ada', 'UNRESPONSIVE'), acct('b', 'DEACTIVATED')],
        })
        .build(),
    },
    {
      name: 'unknown states only say nothing',
      fleet: fleet()
        .jamf({ hardware: { serialNumber: 'C1' }, localUserAccounts: [acct('ada', 'UNKNOWN'), acct('x', null)] })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'deactivated everywhere',
      fleet: fleet()
        .jamf({
          general: { name: 'LAB-7' },
          hardware: { serialNumber: 'C7' },
          localUserAccounts: [acct('ada', 'DEACTIVATED'), acct('x', 'UNKNOWN')],
        })
        .build(),
      findings: [{ messageId: 'deactivated', data: { name: 'LAB-7', accounts: ['ada'] }, subjects: ['C7'] }],
    },
  ],
  cannotCheck: [
    {
      name: 'no LOCAL_USER_ACCOUNTS section',
      fleet: fleet()
        .jamf({ hardware: { serialNumber: 'C1' }, localUserAccounts: null })
        .build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
});
