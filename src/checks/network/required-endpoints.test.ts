import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { REQUIRED_ENDPOINTS } from '../../model/endpoints.js';
import check from './required-endpoints.js';

const ok = (host: string, port = 443) => ({ host, port, purpose: 'test', resolved: true, tls: true, error: null });

testCheck(check, {
  valid: [
    {
      name: 'every endpoint answered; the retired ports are a note',
      fleet: fleet()
        .network([ok('login.microsoftonline.com'), ok('graph.microsoft.com')])
        .build(),
      notes: [
        {
          messageId: 'retired',
          data: { ports: '2195, 2196' },
          text: {
            en: 'Ports 2195, 2196 are listed by Microsoft but Apple retired them on 2021-03-31; they were not probed',
            it: 'Le porte 2195, 2196 sono elencate da Microsoft ma Apple le ha ritirate il 31-03-2021; non sono state verificate',
          },
          evidence: [{ source: 'local/network-probe', fields: { probed: 2 } }],
        },
      ],
    },
    {
      name: 'a name that resolves with no TLS answer recorded is not a failure',
      fleet: fleet()
        .network([{ ...ok('graph.microsoft.com'), tls: null }])
        .build(),
      notes: [{ messageId: 'retired' }],
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
          subjects: ['api.manage.microsoft.com:443'],
          text: {
            en: 'api.manage.microsoft.com:443 (Intune partner API) resolves but the TLS handshake fails: ECONNRESET',
            it: "api.manage.microsoft.com:443 (Intune partner API) si risolve ma l'handshake TLS non riesce: ECONNRESET",
          },
          evidence: [
            {
              source: 'local/network-probe',
              record: 'api.manage.microsoft.com:443',
              fields: { resolved: true, tls: false, error: 'ECONNRESET' },
            },
          ],
        },
        {
          messageId: 'dns',
          data: { host: 'login.microsoftonline.com', port: 443, purpose: 'Entra ID sign-in', error: 'ENOTFOUND' },
          text: {
            en: 'login.microsoftonline.com (Entra ID sign-in) does not resolve from here: ENOTFOUND',
            it: 'login.microsoftonline.com (Entra ID sign-in) non si risolve da qui: ENOTFOUND',
          },
        },
        { messageId: 'retired' },
      ],
    },
    {
      name: 'failures without an error text',
      fleet: fleet()
        .network([
          { host: 'a.example', port: 443, purpose: 'A', resolved: false, tls: null, error: null },
          { host: 'b.example', port: 5223, purpose: 'B', resolved: true, tls: false, error: null },
        ])
        .build(),
      findings: [
        { messageId: 'dns', data: { host: 'a.example', port: 443, purpose: 'A', error: 'no address' } },
        { messageId: 'tls', data: { host: 'b.example', port: 5223, purpose: 'B', error: 'handshake failed' } },
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

describe('network/required-endpoints cause', () => {
  it('lists every endpoint to open, host:port (purpose), and not the ports Apple retired', () => {
    const open = REQUIRED_ENDPOINTS.filter((e) => !e.retired).map((e) => `${e.host}:${e.port} (${e.purpose})`);
    expect(open.length).toBeGreaterThan(2);
    for (const lang of ['en', 'it'] as const) {
      expect(check.cause[lang]).toContain(open.join('; '));
      expect(check.cause[lang]).not.toContain('gateway.push.apple.com:2195');
      expect(check.cause[lang]).not.toContain('feedback.push.apple.com:2196');
    }
  });
});
