import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as G from '../../api/graph.js';
import { SnapshotWriter } from '../../snapshot/writer.js';
import { Http } from '../http.js';
import { Progress } from '../progress.js';
import type { GraphAuth } from './auth.js';
import { graphCollection, groupsToRead, selectOf, servicePrincipalsToRead } from './collect.js';

const auth = {
  token: async () => ({ accessToken: 'tok-123456', expiresOn: Date.now() + 3_600_000, roles: [] }),
} as unknown as GraphAuth;

describe('Graph collector', () => {
  it('follows the whole nextLink, writes each page as received, and never sends the token to another host', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jidoctor-gc-'));
    const seen: Array<{ url: string; auth: string | null }> = [];
    const pages: Record<string, string> = {
      'https://graph.example/v1.0/devices?$top=999':
        '{"@odata.nextLink":"https://graph.example/v1.0/devices?$top=999&$skiptoken=A%2FB","value":[{"id":"1"}]}',
      'https://graph.example/v1.0/devices?$top=999&$skiptoken=A%2FB':
        '{"@odata.nextLink":"https://evil.example/v1.0/devices?x","value":[{"id":"2"}]}',
    };
    const http = new Http({
      sleep: async () => undefined,
      fetch: async (url, init) => {
        seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
        return new Response(pages[url] ?? '{}', { headers: { 'content-type': 'application/json' } });
      },
    });
    try {
      const writer = new SnapshotWriter(dir);
      const r = await graphCollection(
        { http, auth, writer, progress: Progress.silent(), baseUrl: 'https://graph.example' },
        'graph/v1.0/devices',
        'devices',
        '$top=999',
      );
      expect(seen.map((s) => s.url)).toEqual(Object.keys(pages));
      expect(r.entry).toMatchObject({ status: 'partial', records: 2, pages: 2 });
      expect(r.entry.error).toMatch(/another host/);
      expect((await readdir(join(dir, 'graph/v1.0/devices'))).sort()).toEqual(['page-00001.json', 'page-00002.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('$select from the wire schemas; groups and service principals only where needed', () => {
    expect(selectOf(G.managedDevice).split(',')).toEqual(
      expect.arrayContaining(['serialNumber', 'azureADDeviceId', 'managementAgent']),
    );
    const g1 = '11111111-1111-4111-8111-111111111111';
    const g2 = '22222222-2222-4222-8222-222222222222';
    expect(
      groupsToRead(
        [
          {
            assignments: [
              { target: { groupId: g1 } },
              { target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } },
            ],
          },
        ],
        [{ groupsRequiringPartnerEnrollment: [{ target: { groupId: g2 } }] }],
        [{ macOsEnrollmentAssignments: [{ target: { groupId: g1 } }] }],
      ),
    ).toEqual([g1, g2]);
    const sp = (id: string, displayName: string, appId = id) => ({ id, displayName, appId });
    const a = '33333333-3333-4333-8333-333333333333';
    const b = '44444444-4444-4444-8444-444444444444';
    const c = '55555555-5555-4555-8555-555555555555';
    expect(
      servicePrincipalsToRead(
        [sp(a, 'Jamf Pro'), sp(b, 'Microsoft Graph'), sp(c, 'Contoso app', g2)],
        [{ singleTenantAppId: g2 }],
      ),
    ).toEqual([a, c].sort());
  });
});
