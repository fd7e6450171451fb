import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './required-endpoints.js';

const ok = (host: string, port = 443) => ({ host, port, purpose: 'test', resolved: true, tls: true, error: null });

testCheck(check, {
  valid: [
    {
      name: 'every endpoint answered; the retired ports are a note',
      fleet: fleet()
        .network([ok('login.microsoftonline.com'), ok('graph.microsoft.com')])
        .build(),
      notes: [{ messageId: 'retired', data: { ports: '2195, 2196' } }],
    },
  ],
  invalid: [
    {
      name: 'one name does not resolve, one handshake fails',
      fleet: fleet()
        .network([
          {
            host: 'login.microsoftonline.com',
            port: 443,
            purpose: 'Entra ID sign-in',
            resolved: false,
            tls: null,
            error: 'ENOTFOUND',
          },
          {
            host: 'api.manage.microsoft.com',
            port: 443,
            purpose: 'Intune partner API',
            resolved: true,
            tls: false,
            error: 'ECONNRESET',
          },
          ok('graph.microsoft.com'),
        ])
        .build(),
      findings: [
        {
          messageId: 'tls',
          data: { host: 'api.manage.microsoft.com', port: 443, purpose: 'Intune partner API', error: 'ECONNRESET' },
        },
        {
          messageId: 'dns',
          data: { host: 'login.microsoftonline.com', port: 443, purpose: 'Entra ID sign-in', error: 'ENOTFOUND' },
        },
        { messageId: 'retired' },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'not probed: the checklist is given',
      fleet: fleet().build(),
      reason: { kind: 'not-probed' },
    },
  ],
});
