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
      findings: [
        {
          messageId: 'deactivated',
          data: { name: 'LAB-7', accounts: ['ada'] },
          subjects: ['C7'],
          text: {
            en: 'LAB-7: no account is registered with Entra; DEACTIVATED: ada',
            it: 'LAB-7: nessun account è registrato in Entra; DEACTIVATED: ada',
          },
        },
      ],
    },
    {
      name: 'several deactivated accounts in any case, an unnamed computer, Macs in serial order; unmanaged and registered ones left out',
      fleet: fleet()
        .jamf({
          general: { name: null },
          hardware: { serialNumber: 'C8' },
          localUserAccounts: [
            acct('ada', 'deactivated'),
            acct('x', null),
            { azureActiveDirectoryId: 'Deactivated' },
            acct('bob', 'DEACTIVATED'),
          ],
        })
        .jamf({
          general: { name: 'OLD', remoteManagement: { managed: false } },
          hardware: { serialNumber: 'C9' },
          localUserAccounts: [acct('ada', 'DEACTIVATED')],
        })
        .jamf({
          general: { name: 'OK' },
          hardware: { serialNumber: 'C10' },
          localUserAccounts: [acct('ada', 'DEACTIVATED'), acct('eve', 'activated')],
        })
        .jamf({
          general: { name: 'LAB-11' },
          hardware: { serialNumber: 'C11' },
          localUserAccounts: [
            acct('a', 'DEACTIVATED'),
            acct('b', 'DEACTIVATED'),
            acct('c', 'DEACTIVATED'),
            acct('d', 'DEACTIVATED'),
            acct('e', 'DEACTIVATED'),
            acct('f', 'DEACTIVATED'),
          ],
        })
        .build(),
      findings: [
        {
          messageId: 'deactivated',
          data: { name: 'LAB-11', accounts: ['a', 'b', 'c', 'd', 'e', 'f'] },
          subjects: ['C11'],
          text: {
            en: 'LAB-11: no account is registered with Entra; DEACTIVATED: a, b, c, d, e (+1)',
            it: 'LAB-11: nessun account è registrato in Entra; DEACTIVATED: a, b, c, d, e (+1)',
          },
        },
        {
          messageId: 'deactivated',
          data: { name: 'C8', accounts: ['ada', '?', 'bob'] },
          subjects: ['C8'],
          text: {
            en: 'C8: no account is registered with Entra; DEACTIVATED: ada, ?, bob',
            it: 'C8: nessun account è registrato in Entra; DEACTIVATED: ada, ?, bob',
          },
        },
      ],
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
    {
      name: 'inventory partial',
      fleet: fleet().status('jamf/computers-inventory', 'partial').build(),
      reason: { kind: 'partial' },
    },
  ],
});
