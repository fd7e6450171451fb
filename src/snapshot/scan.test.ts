import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot, rng } from '../../bench/generate.js';
import { normDeviceId, normSerial, normUdid, normUser } from '../model/keys.js';
import { hashBytes, type KeyRef, type Page, transferList } from '../model/page.js';
import { FAST } from './fast.js';
import { parseJsonText } from './files.js';
import { KINDS, type KindName } from './kinds.js';
import { nativeAddon, scanPageFast, scanPageNative } from './native.js';
import { scanPage } from './scan.js';
import { ScanPool } from './scan-pool.js';

// ---------------------------------------------------------------------------------------------------------------
// The slow path, as the reader runs it on a page file: parseJsonText, the envelope, FAST then zod, reduce.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function slowRecords(bytes: Uint8Array, kind: KindName, apiVersion: number): unknown[] {
  const body = parseJsonText('p.json', Buffer.from(bytes).toString('utf8'));
  let records: unknown;
  if (KINDS[kind].envelope === 'jamf-page') {
    if (Array.isArray(body)) records = body;
    else if (isObject(body)) records = body.results;
  } else if (isObject(body)) {
    records = body.value;
  }
  if (!Array.isArray(records)) throw new Error('envelope');
  const k = KINDS[kind];
  return records.map((raw) => {
    if (FAST[kind](raw)) return k.reduce(raw as never, apiVersion);
    const r = k.schema.safeParse(raw);
    if (!r.success) throw new Error('schema');
    return k.reduce(r.data as never, apiVersion);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Columns back to records (and the keys checked against keys.ts)

function records(page: Page, apiVersion: number): unknown[] {
  const text = (ref: Int32Array, i: number): string | null => {
    const off = ref[2 * i]!;
    const len = ref[2 * i + 1]!;
    if (off < 0) {
      expect(len).toBe(-1);
      return null;
    }
    return Buffer.from(page.heap.buffer, page.heap.byteOffset + off, len).toString('utf8');
  };
  const en = (col: Int32Array, i: number): string | null => (col[i]! < 0 ? null : page.dict[col[i]!]!);
  const date = (col: Float64Array, i: number): number | null => (Number.isNaN(col[i]!) ? null : col[i]!);
  const bool = (col: Int8Array, i: number): boolean | null => (col[i] === -1 ? null : col[i] === 1);
  const key = (k: KeyRef, i: number, want: string | null): void => {
    const got = text(k.ref, i);
    expect(got).toBe(want);
    if (got === null) expect(k.hash[i]).toBe(0);
    else expect(k.hash[i]).toBe(hashBytes(page.heap, k.ref[2 * i]!, k.ref[2 * i + 1]!));
  };
  const out: unknown[] = [];
  for (let i = 0; i < page.n; i++) {
    switch (page.kind) {
      case 'managedDevices': {
        const r = {
          id: text(page.id, i)!,
          deviceName: text(page.deviceName, i),
          serialNumber: text(page.serialNumber, i),
          azureADDeviceId: text(page.azureADDeviceId, i),
          managementAgent: en(page.managementAgent, i),
          complianceState: en(page.complianceState, i),
          deviceRegistrationState: en(page.deviceRegistrationState, i),
          lastSyncDateTime: date(page.lastSyncDateTime, i),
          enrolledDateTime: date(page.enrolledDateTime, i),
          userPrincipalName: text(page.userPrincipalName, i),
          userId: text(page.userId, i),
          operatingSystem: en(page.operatingSystem, i),
          osVersion: en(page.osVersion, i),
          udid: text(page.udid, i),
        };
        key(page.serialKey, i, normSerial(r.serialNumber));
        key(page.deviceIdKey, i, normDeviceId(r.azureADDeviceId));
        key(page.udidKey, i, normUdid(r.udid));
        key(page.userKey, i, normUser(r.userPrincipalName));
        out.push(r);
        break;
      }
      case 'devices': {
        const r = {
          id: text(page.id, i)!,
          deviceId: text(page.deviceId, i),
          displayName: text(page.displayName, i),
          operatingSystem: en(page.operatingSystem, i),
          accountEnabled: bool(page.accountEnabled, i),
          isCompliant: bool(page.isCompliant, i),
          isManaged: bool(page.isManaged, i),
          managementType: en(page.managementType, i),
          trustType: en(page.trustType, i),
          approximateLastSignInDateTime: date(page.approximateLastSignInDateTime, i),
          registrationDateTime: date(page.registrationDateTime, i),
        };
        key(page.deviceIdKey, i, normDeviceId(r.deviceId));
        out.push(r);
        break;
      }
      case 'users': {
        const plans = page.dict[page.plans[i]!]!;
        const r = {
          id: text(page.id, i)!,
          userPrincipalName: text(page.userPrincipalName, i),
          mail: text(page.mail, i),
          displayName: text(page.displayName, i),
          accountEnabled: bool(page.accountEnabled, i),
          enabledPlans: plans === '' ? [] : plans.split(','),
          hasPlans: page.hasPlans[i] === 1,
        };
        key(page.idKey, i, r.id.toLowerCase());
        key(page.upnKey, i, normUser(r.userPrincipalName));
        key(page.mailKey, i, normUser(r.mail));
        out.push(r);
        break;
      }
      case 'computers': {
        const a = page.accounts;
        const accounts = [];
        for (let j = page.accountStart[i]!; j < page.accountStart[i + 1]!; j++) {
          const acc = {
            username: text(a.username, j),
            computerAzureActiveDirectoryId: text(a.computerAzureActiveDirectoryId, j),
            userAzureActiveDirectoryId: text(a.userAzureActiveDirectoryId, j),
            azureActiveDirectoryId: en(a.azureActiveDirectoryId, j),
          };
          key(a.deviceIdKey, j, normDeviceId(acc.computerAzureActiveDirectoryId));
          key(a.userIdKey, j, acc.userAzureActiveDirectoryId?.toLowerCase() ?? null);
          accounts.push(acc);
        }
        if (page.hasAccounts[i] === 0) expect(accounts).toEqual([]);
        const r = {
          id: text(page.id, i)!,
          udid: text(page.udid, i),
          name: text(page.name, i),
          serialNumber: text(page.serialNumber, i),
          managed: bool(page.managed, i),
          lastCheckIn: date(page.lastCheckIn, i),
          lastContact: date(page.lastContact, i),
          reportDate: date(page.reportDate, i),
          username: text(page.username, i),
          email: text(page.email, i),
          realname: text(page.realname, i),
          localUserAccounts: page.hasAccounts[i] === 1 ? accounts : null,
          osVersion: en(page.osVersion, i),
          apiVersion,
        };
        key(page.serialKey, i, normSerial(r.serialNumber));
        key(page.udidKey, i, normUdid(r.udid));
        key(page.userKey, i, normUser(r.email));
        out.push(r);
        break;
      }
    }
  }
  if (page.kind === 'computers') {
    expect(page.accountStart.length).toBe(page.n + 1);
    expect(page.accountStart[page.n]).toBe(page.accounts.n);
  }
  return out;
}

const enc = (v: unknown): Uint8Array => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

type ScanFn = (bytes: Uint8Array, kind: KindName, apiVersion: number) => Page | null;

/**
 * The scanners under test: the JavaScript scanner, and the native one (native/scan.cc) where it is built. Every
 * describe below runs once per scanner; `scan` is the one running.
 */
const SCANNERS: Array<[string, ScanFn]> = [
  ['javascript', scanPage],
  ...(nativeAddon() ? [['native', (b: Uint8Array, k: KindName) => scanPageNative(b, k)] as [string, ScanFn]] : []),
];
let scan: ScanFn = scanPage;
let scanName = 'javascript';

it('the native scanner is built where CI asks for it', () => {
  // .ci/run installs simdjson and sets JIDOCTOR_REQUIRE_NATIVE=1, so that its tests cannot be skipped silently.
  if (process.env.JIDOCTOR_REQUIRE_NATIVE === '1') expect(SCANNERS.map(([n]) => n)).toEqual(['javascript', 'native']);
  else expect(SCANNERS.length).toBeGreaterThanOrEqual(1);
});

/**
 * The scanner must accept the page and give the slow path's records. With `mayRefuse`, the native scanner may
 * instead refuse it (null), for pages it leaves to the JavaScript scanner by design (invalid UTF-8, say).
 */
function same(bytes: Uint8Array, kind: KindName, apiVersion = 1, mayRefuse = false): unknown[] {
  const page = scan(bytes, kind, apiVersion);
  if (page === null && mayRefuse && scanName === 'native') return slowRecords(bytes, kind, apiVersion);
  expect(page).not.toBeNull();
  expect(page!.kind).toBe(kind);
  // The heap has an exact-size buffer of its own (a reader may keep it without the other columns).
  expect(page!.heap.byteOffset).toBe(0);
  expect(page!.heap.buffer.byteLength).toBe(page!.heap.byteLength);
  expect(transferList(page!)).toHaveLength(2);
  const want = slowRecords(bytes, kind, apiVersion);
  expect(records(page!, apiVersion)).toEqual(want);
  return want;
}

const graph = (value: unknown[]) => ({ '@odata.context': 'x', value });

// ---------------------------------------------------------------------------------------------------------------

for (const [name, fn] of SCANNERS) {
  describe(`scanner: ${name}`, () => {
    beforeAll(() => {
      scan = fn;
      scanName = name;
    });
    afterAll(() => {
      scan = scanPage;
      scanName = 'javascript';
    });

    describe(' on generated snapshot pages', () => {
      let dir = '';
      beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'jidoctor-scan-'));
        await generateSnapshot(dir, 4500, 7, false);
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      const folders: Array<[KindName, string]> = [
        ['computers', 'jamf/api/v1/computers-inventory'],
        ['managedDevices', 'graph/v1.0/deviceManagement/managedDevices'],
        ['devices', 'graph/v1.0/devices'],
        ['users', 'graph/v1.0/users'],
      ];
      for (const [kind, rel] of folders) {
        it(`${kind}: every page equals the slow path`, () => {
          const names = readdirSync(join(dir, rel)).filter((n) => n.startsWith('page-'));
          expect(names.length).toBeGreaterThan(1);
          let n = 0;
          for (const name of names) n += same(readFileSync(join(dir, rel, name)), kind).length;
          expect(n).toBeGreaterThanOrEqual(4500 * (kind === 'users' ? 0.95 : 1) - 1);
        });
      }
    });

    const MD_FULL = {
      id: 'md-1',
      deviceName: 'LON-1',
      serialNumber: ' c02x ',
      azureADDeviceId: 'ABCDEF01-0000-4000-8000-000000000001',
      managementAgent: 'jamf',
      complianceState: 'compliant',
      deviceRegistrationState: 'registered',
      lastSyncDateTime: '2026-11-29T08:00:00Z',
      enrolledDateTime: '2025-01-01T00:00:00.1234567Z',
      userPrincipalName: 'A@B.C',
      emailAddress: 'e@b.c',
      userId: 'u-1',
      operatingSystem: 'macOS',
      osVersion: '15.6.1',
      udid: 'u-d',
      managementState: 'managed',
    };

    describe(': Intune managedDevices edge cases', () => {
      it('null vs absent vs empty for every field kind, and the e-mail fallback', () => {
        const recs = [
          MD_FULL,
          { id: '' },
          Object.fromEntries(Object.keys(MD_FULL).map((k) => [k, k === 'id' ? 'x' : null])),
          Object.fromEntries(
            Object.keys(MD_FULL).map((k) => [k, k.endsWith('DateTime') ? null : k === 'id' ? '' : '']),
          ),
          { ...MD_FULL, userPrincipalName: '', emailAddress: 'Mail@X.com' },
          { ...MD_FULL, userPrincipalName: null, emailAddress: '' },
          { ...MD_FULL, userPrincipalName: '  ', emailAddress: 'm@x' },
        ];
        same(enc(graph(recs)), 'managedDevices');
      });
      it('keys: spaces, case, 0, the zero GUID', () => {
        const recs = ['0', ' 0 ', '00000000-0000-0000-0000-000000000000', ' AbC ', '', '   '].map((v, i) => ({
          id: `m${i}`,
          serialNumber: v,
          azureADDeviceId: v,
          udid: v,
          userPrincipalName: v,
        }));
        same(enc(graph(recs)), 'managedDevices');
      });
      it('escapes, surrogate pairs, raw UTF-8 and unicode keys', () => {
        const text = `{"value":[{"id":"a\\"b\\\\c\\/\\n\\t\\u00e9\\ud83d\\ude00","deviceName":"Caf\u00e9 \u{1F600} \u0130stanbul","serialNumber":"\\u0063\\u0030\\u0032x","userPrincipalName":"\u0130NGE@X.COM","osVersion":"\u00e9t\u00e9","operatingSystem":"mac\\u004fS","udid":"\u00a0abc\u00a0","unknown\u00e9":1}]}`;
        // Unicode join keys are left to JavaScript by the native scanner (case mapping and trim).
        same(enc(text), 'managedDevices', 1, true);
        const asciiKeys = text.replace('\u0130NGE@X.COM', '\\u0041@X.COM').replace('\u00a0abc\u00a0', ' abc\\t');
        expect(asciiKeys).not.toBe(text);
        same(enc(asciiKeys), 'managedDevices');
      });
      it('pretty-printed JSON, duplicate keys, unknown nested values', () => {
        const text = `\r\n {
        "@odata.context" : "x", "extra": {"a": [1, -0.5, 1e5, 2E-3, true, false, null, {"b": "c"}], "d": {}},
        "value" : [ {
          "id" : "1", "deviceName": "first", "deviceName" : "second",
          "complianceState": "noncompliant", "complianceState": "compliant",
          "lastSyncDateTime": null, "lastSyncDateTime": "2026-01-02T03:04:05.6Z",
          "nested": {"x": [[], [{}], "\\u0041"]}, "n": -12.5e+3
        } , { "id": "2" } ]
      }  \n`;
        const recs = same(enc(text), 'managedDevices') as Array<{ deviceName: string }>;
        expect(recs[0]!.deviceName).toBe('second');
      });
      it('odd dates go through dateField', () => {
        const dates = [
          '2026-11-29T08:00:00+02:00',
          '2026-11-29',
          '2026-11-29 08:00',
          '0001-01-01T00:00:00Z',
          '2026-11-29T08:00:00.Z',
          '2026-11-29t08:00:00z',
          '2026-11-29T08:00:00.123456789Z',
        ];
        same(
          enc(graph(dates.map((d, i) => ({ id: `${i}`, lastSyncDateTime: d, enrolledDateTime: d })))),
          'managedDevices',
        );
      });
      it('an impossible date (rolled over by Date.UTC) is refused: the slow path names it', () => {
        for (const d of ['2026-13-45T99:99:99Z', '2026-02-30T08:00:00Z', '2026-11-29T08:00:00-99:99', '0001-02-30']) {
          const bytes = enc(graph([{ id: '1', lastSyncDateTime: d }]));
          expect(scan(bytes, 'managedDevices', 1), d).toBeNull();
          expect(() => slowRecords(bytes, 'managedDevices', 1), d).toThrow('schema');
        }
      });
      it('an empty page and an empty value array', () => {
        same(enc('{"value":[]}'), 'managedDevices');
        same(enc('{"@odata.nextLink":"x","value":[]}'), 'devices');
      });
    });

    describe(': Entra devices and users', () => {
      it('Entra booleans null/absent/true/false and enums', () => {
        const recs = [
          {
            id: 'e1',
            deviceId: ' ABC ',
            displayName: 'd',
            operatingSystem: 'MacMDM',
            operatingSystemVersion: '15',
            accountEnabled: true,
            isCompliant: false,
            isManaged: null,
            managementType: '',
            trustType: 'Workplace',
            approximateLastSignInDateTime: '2026-11-01T00:00:00Z',
            registrationDateTime: '2026-01-01T00:00:00+01:00',
          },
          { id: 'e2', accountEnabled: false },
          { id: 'e3', deviceId: '0', isCompliant: true },
        ];
        same(enc(graph(recs)), 'devices');
      });
      it('users: assignedPlans null/absent/empty, mixed-case Enabled, duplicates, sort', () => {
        const P = (id: string, st: unknown, extra = {}) => ({ servicePlanId: id, capabilityStatus: st, ...extra });
        const recs = [
          { id: 'U-1', userPrincipalName: 'A@B.C', mail: ' M@B.C ', displayName: 'A', accountEnabled: true },
          { id: 'u-2', assignedPlans: null },
          { id: 'u-3', assignedPlans: [] },
          {
            id: 'u-4',
            assignedPlans: [
              P('BBB', 'Enabled'),
              P('aaa', 'ENABLED', { service: 'x', other: [1] }),
              P('bbb', 'enabled'),
              P('ccc', 'Suspended'),
              P('ddd', null),
              { servicePlanId: 'eee' },
              P('AAA', 'eNaBlEd'),
              P('a', 'Enabled'),
            ],
          },
          { id: 'u-5', assignedPlans: [P('ccc', 'Enabled'), P('\u00c9t\u00e9', 'Enabled'), P('zz', 'Deleted')] },
          { id: 'u-6', assignedPlans: [P('x', 'Enabled ')] },
          // consecutive users with the same, nearly the same, and fewer raw ids (the last-set cache)
          { id: 'u-7', assignedPlans: [P('BBB', 'Enabled'), P('aaa', 'Enabled')] },
          { id: 'u-8', assignedPlans: [P('BBB', 'Enabled'), P('aaa', 'Enabled')] },
          { id: 'u-9', assignedPlans: [P('bbb', 'Enabled'), P('aaa', 'Enabled')] },
          { id: 'u-10', assignedPlans: [P('BBB', 'Enabled')] },
          { id: 'u-11', assignedPlans: [P('BBB', 'Disabled'), P('aaa', 'Enabled')] },
          { id: 'u-12', assignedPlans: [P('BB', 'Enabled'), P('Baaa', 'Enabled')] },
          { id: 'u-13', assignedPlans: [P('BBBa', 'Enabled'), P('aa', 'Enabled')] },
          { id: '', userPrincipalName: '', mail: null, accountEnabled: null },
        ];
        const got = same(enc(graph(recs)), 'users', 1, true) as Array<{ enabledPlans: string[] }>;
        expect(got[3]!.enabledPlans).toEqual(['a', 'aaa', 'bbb']);
        // Without the Unicode plan id (left to JavaScript by the native scanner), every scanner reads the page.
        same(enc(graph(recs.filter((r) => r.id !== 'u-5'))), 'users');
      });
      it('users: an enabled plan id that cannot be a dict entry gives null', () => {
        expect(
          scan(
            enc(graph([{ id: 'u', assignedPlans: [{ servicePlanId: '', capabilityStatus: 'Enabled' }] }])),
            'users',
            1,
          ),
        ).toBeNull();
        expect(
          scan(
            enc(graph([{ id: 'u', assignedPlans: [{ servicePlanId: 'a,b', capabilityStatus: 'Enabled' }] }])),
            'users',
            1,
          ),
        ).toBeNull();
        // not enabled: fine
        same(
          enc(graph([{ id: 'u', assignedPlans: [{ servicePlanId: 'a,b', capabilityStatus: 'Disabled' }] }])),
          'users',
        );
      });
    });

    const JC_FULL = {
      id: '101',
      udid: 'abcdef01-0000-4000-8000-000000000000',
      general: {
        name: 'LON-1',
        platform: 'Mac',
        lastContactTime: '2026-11-29T08:00:00.65Z',
        lastCheckIn: null,
        lastContact: '2026-11-29T08:00:00Z',
        reportDate: '2026-11-29T08:00:00Z',
        lastEnrolledDate: '2018-10-31',
        remoteManagement: { managed: true, managementUsername: 'x' },
        mdmCapable: { capable: true, capableUsers: ['a'] },
      },
      hardware: { serialNumber: 'c02x', model: 'MacBook Pro' },
      operatingSystem: { name: 'macOS', version: '15.6.1' },
      userAndLocation: { username: 'a', realname: 'A', email: 'A@B.C' },
      localUserAccounts: [
        {
          uid: 501,
          username: 'a',
          fullName: 'A',
          userAccountType: 'LOCAL',
          computerAzureActiveDirectoryId: 'D-1',
          userAzureActiveDirectoryId: 'U-1',
          azureActiveDirectoryId: 'ACTIVATED',
        },
        { uid: '502', username: '', azureActiveDirectoryId: '' },
        {},
      ],
      applications: [{ name: 'Safari', bundleId: 'com.apple.Safari', version: '18' }, {}],
    };

    describe(': Jamf computers', () => {
      it('the full record, numeric ids, v4 lastCheckIn, lastContactTime null, accounts null/[]/several', () => {
        const recs = [
          JC_FULL,
          { id: 7 },
          { id: 1e5, general: { lastContactTime: null, lastCheckIn: '2026-11-28T08:00:00Z' } },
          { id: -0.5, general: { lastCheckIn: '2026-11-28T08:00:00Z' }, localUserAccounts: null },
          { id: 123456789012345, general: null, hardware: null, localUserAccounts: [] },
          { id: '', general: { lastContactTime: '0001-01-01T00:00:00Z', lastCheckIn: '2026-11-28T08:00:00Z' } },
          { id: 'x', general: { remoteManagement: null, mdmCapable: null }, operatingSystem: { version: '' } },
          { id: 'y', general: { remoteManagement: { managed: false } }, userAndLocation: null, applications: null },
        ];
        same(enc({ totalCount: 8, results: recs }), 'computers', 4, true);
        // Without the ids that are not plain integers (left to JavaScript by the native scanner).
        const plain = recs.filter((r) => typeof r.id === 'string' || Number.isInteger(r.id));
        same(enc({ totalCount: plain.length, results: plain }), 'computers', 4);
        same(
          enc(
            `{"totalCount":1,"results":[{"id":12345678901234567890},{"id":1E400},{"id":1E2},{"id":0},{"id":-0},{"id":10.0},{"id":1.5e-7}]}`,
          ),
          'computers',
          1,
          true,
        );
        same(enc('[{"id":0},{"id":-0},{"id":-7},{"id":999999999999999},{"id":-999999999999999}]'), 'computers');
      });
      it('a bare-array page; duplicate nested objects and arrays (the last wins)', () => {
        same(enc(JSON.stringify([JC_FULL, { id: 2 }])), 'computers');
        const text = `[{"id":"1","general":{"name":"a","lastContactTime":"2026-11-29T08:00:00Z"},"general":{"name":"b"},
        "localUserAccounts":[{"username":"x"},{"username":"y"}],"localUserAccounts":[{"username":"z"}],
        "hardware":{"serialNumber":"s1"},"hardware":null},{"id":"2","localUserAccounts":[{"username":"w"}]}]`;
        const recs = same(enc(text), 'computers') as Array<{ name: string | null; lastCheckIn: number | null }>;
        expect(recs[0]!.name).toBe('b');
        expect(recs[0]!.lastCheckIn).toBeNull();
      });
    });

    describe(' returns null when it cannot be sure', () => {
      const cases: Array<[string, KindName, string | Uint8Array]> = [
        ['BOM', 'devices', '\ufeff{"value":[]}'],
        ['empty file', 'devices', ''],
        ['whitespace only', 'devices', ' \n'],
        ['no value', 'devices', '{"values":[]}'],
        ['value not an array', 'devices', '{"value":{}}'],
        ['bare array for Graph', 'devices', '[]'],
        ['results missing', 'computers', '{"totalCount":0}'],
        ['a record not an object', 'devices', '{"value":[null]}'],
        ['id missing', 'devices', '{"value":[{}]}'],
        ['id a number (Graph)', 'devices', '{"value":[{"id":1}]}'],
        ['string field a number', 'devices', '{"value":[{"id":"1","displayName":2}]}'],
        ['validate-only field a number', 'devices', '{"value":[{"id":"1","operatingSystemVersion":2}]}'],
        ['managementState an object', 'managedDevices', '{"value":[{"id":"1","managementState":{}}]}'],
        ['bool a string', 'devices', '{"value":[{"id":"1","isManaged":"true"}]}'],
        ['bad date', 'devices', '{"value":[{"id":"1","registrationDateTime":"yesterday"}]}'],
        ['empty date', 'devices', '{"value":[{"id":"1","registrationDateTime":""}]}'],
        ['general an array', 'computers', '[{"id":"1","general":[]}]'],
        ['platform a number', 'computers', '[{"id":"1","general":{"platform":1}}]'],
        ['lastEnrolledDate bad', 'computers', '[{"id":"1","general":{"lastEnrolledDate":"x"}}]'],
        ['capable a string', 'computers', '[{"id":"1","general":{"mdmCapable":{"capable":"yes"}}}]'],
        ['model a number', 'computers', '[{"id":"1","hardware":{"model":5}}]'],
        ['os name a bool', 'computers', '[{"id":"1","operatingSystem":{"name":true}}]'],
        ['fullName a number', 'computers', '[{"id":"1","localUserAccounts":[{"fullName":1}]}]'],
        ['uid a bool', 'computers', '[{"id":"1","localUserAccounts":[{"uid":true}]}]'],
        ['account null', 'computers', '[{"id":"1","localUserAccounts":[null]}]'],
        ['app bundleId a number', 'computers', '[{"id":"1","applications":[{"bundleId":1}]}]'],
        ['id null (Jamf)', 'computers', '[{"id":null}]'],
        [
          'plan service a number',
          'users',
          '{"value":[{"id":"1","assignedPlans":[{"servicePlanId":"a","service":1}]}]}',
        ],
        ['plan id missing', 'users', '{"value":[{"id":"1","assignedPlans":[{"capabilityStatus":"Enabled"}]}]}'],
        ['plans an object', 'users', '{"value":[{"id":"1","assignedPlans":{}}]}'],
        ['lone surrogate', 'devices', '{"value":[{"id":"\\ud800"}]}'],
        ['lone low surrogate', 'devices', '{"value":[{"id":"a\\udc00"}]}'],
        ['control char', 'devices', '{"value":[{"id":"a\u0001"}]}'],
        ['bad escape', 'devices', '{"value":[{"id":"a\\x"}]}'],
        ['short unicode escape', 'devices', '{"value":[{"id":"a\\u12"}]}'],
        ['trailing garbage', 'devices', '{"value":[]} x'],
        ['trailing comma', 'devices', '{"value":[],}'],
        ['trailing comma in array', 'devices', '{"value":[{"id":"1"},]}'],
        ['leading zero', 'devices', '{"value":[],"n":01}'],
        ['bad number', 'devices', '{"value":[],"n":1.}'],
        ['bad exponent', 'devices', '{"value":[],"n":1e}'],
        ['bad literal', 'devices', '{"value":[],"n":nul}'],
        ['single quotes', 'devices', "{'value':[]}"],
        ['truncated', 'devices', '{"value":[{"id":"1"}'],
        ['duplicate value key', 'devices', '{"value":[],"value":[]}'],
        ['escaped key', 'devices', '{"\\u0076alue":[]}'],
        ['deep nesting', 'devices', `{"value":[],"x":${'['.repeat(600)}${']'.repeat(600)}}`],
      ];
      for (const [name, kind, text] of cases) {
        it(name, () => {
          const bytes = typeof text === 'string' ? enc(text) : text;
          const page = scan(bytes, kind, 1);
          if (scanName === 'javascript') expect(page).toBeNull();
          else if (page !== null) expect(records(page, 1)).toEqual(slowRecords(bytes, kind, 1));
        });
      }
      it('invalid UTF-8 inside a value is decoded as the slow path decodes it (U+FFFD)', () => {
        const bytes = Buffer.concat([
          Buffer.from('{"value":[{"id":"a'),
          Buffer.from([0xc3, 0xff, 0xe2, 0x82]),
          Buffer.from('","displayName":"\xe9"}]}', 'latin1'),
        ]);
        same(bytes, 'devices', 1, true);
      });
    });

    // ---------------------------------------------------------------------------------------------------------------
    // Mutation test

    const BASES: Array<[KindName, string]> = [
      [
        'managedDevices',
        JSON.stringify(
          graph([MD_FULL, { id: 'm2', serialNumber: 'C02Y', userPrincipalName: null, emailAddress: 'x@y' }]),
        ),
      ],
      [
        'devices',
        JSON.stringify(
          graph([
            {
              id: 'e1',
              deviceId: 'D-1',
              accountEnabled: true,
              isCompliant: false,
              registrationDateTime: '2026-01-01T00:00:00Z',
            },
            { id: 'e2', displayName: 'Caf\u00e9', operatingSystemVersion: '1', isManaged: null },
          ]),
        ),
      ],
      [
        'users',
        JSON.stringify(
          graph([
            {
              id: 'u1',
              userPrincipalName: 'A@B',
              accountEnabled: true,
              assignedPlans: [
                { servicePlanId: 'P1', capabilityStatus: 'Enabled', service: 's' },
                { servicePlanId: 'p0', capabilityStatus: 'Enabled' },
              ],
            },
            { id: 'u2', mail: 'm', assignedPlans: null },
          ]),
        ),
      ],
      [
        'computers',
        JSON.stringify({
          totalCount: 2,
          results: [JC_FULL, { id: 5, general: { lastCheckIn: '2026-11-28T08:00:00Z' } }],
        }),
      ],
    ];

    const GARBAGE = [
      '"',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '0',
      '-',
      '1e5',
      '.',
      '\\',
      '\\u',
      'n',
      't',
      'f',
      'null',
      'true',
      ' ',
      '\n',
      '\u0001',
      '\u007f',
      '\u00e9',
      'x',
      '""',
      '{}',
      '[]',
      '"a"',
    ];
    const VALUES = [
      '1',
      '-0.5',
      'true',
      'false',
      'null',
      '{}',
      '[]',
      '""',
      '"x"',
      '"2026-11-29T08:00:00Z"',
      '[{}]',
      '{"a":1}',
      '"\\ud800"',
      '"A\\u00e9"',
    ];

    function mutate(text: Buffer, r: () => number): Buffer {
      const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
      const at = Math.floor(r() * text.length);
      switch (Math.floor(r() * 8)) {
        case 0: // delete a byte
          return Buffer.concat([text.subarray(0, at), text.subarray(at + 1)]);
        case 1: // insert garbage
          return Buffer.concat([text.subarray(0, at), Buffer.from(pick(GARBAGE)), text.subarray(at)]);
        case 2: // replace a byte
          return Buffer.concat([text.subarray(0, at), Buffer.from([Math.floor(r() * 256)]), text.subarray(at + 1)]);
        case 3: // truncate
          return text.subarray(0, at);
        case 4:
        case 5: {
          // replace a value (after a ':') with a value of another type
          const s = text.toString('latin1');
          const colons: number[] = [];
          for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) colons.push(i);
          if (colons.length === 0) return text;
          const c = pick(colons) + 1;
          let end = c;
          if (s[c] === '"') {
            end = c + 1;
            while (end < s.length && s[end] !== '"') end += s[end] === '\\' ? 2 : 1;
            end++;
          } else {
            while (end < s.length && !',}]'.includes(s[end]!)) end++;
          }
          return Buffer.concat([text.subarray(0, c), Buffer.from(pick(VALUES)), text.subarray(end)]);
        }
        case 6: {
          // a control character or a raw high byte inside a string
          const s = text.toString('latin1');
          const q = s.indexOf('"', at);
          if (q < 0) return text;
          return Buffer.concat([
            text.subarray(0, q + 1),
            Buffer.from([pick([0x00, 0x09, 0x0a, 0x1f, 0x80, 0xc3, 0xe9, 0xff])]),
            text.subarray(q + 1),
          ]);
        }
        default: {
          // duplicate a "key":value pair in place
          const s = text.toString('latin1');
          const k = s.indexOf(',"', at);
          if (k < 0) return text;
          const next = s.indexOf(',', k + 1);
          if (next < 0) return text;
          return Buffer.concat([text.subarray(0, next), text.subarray(k, next), text.subarray(next)]);
        }
      }
    }

    describe(' under random mutations', () => {
      it('either returns null or gives exactly the slow path records', () => {
        const r = rng(20261129);
        let accepted = 0;
        let rejected = 0;
        let slowOk = 0;
        for (let round = 0; round < 4000; round++) {
          const [kind, base] = BASES[round % BASES.length]!;
          let bytes: Buffer = Buffer.from(base);
          const times = 1 + Math.floor(r() * 2);
          for (let t = 0; t < times; t++) bytes = mutate(bytes, r);
          let want: unknown[] | null = null;
          try {
            want = slowRecords(bytes, kind, 3);
            slowOk++;
          } catch {
            want = null;
          }
          const page = scan(bytes, kind, 3);
          if (page === null) {
            rejected++;
            continue;
          }
          accepted++;
          if (want === null)
            throw new Error(`scanner accepted what the slow path rejects (${kind}): ${bytes.toString('utf8')}`);
          expect(records(page, 3), bytes.toString('utf8')).toEqual(want);
        }
        // The test is not vacuous: many mutants are accepted (and compared), many refused.
        expect(accepted).toBeGreaterThan(400);
        expect(rejected).toBeGreaterThan(400);
        // Where the slow path succeeds, the scanner is rarely more careful than needed.
        expect(accepted / slowOk).toBeGreaterThan(scanName === 'native' ? 0.6 : 0.8);
      });
    });
  });
}

describe('ScanPool', () => {
  it('starts its workers when node runs with a V8 flag a worker refuses (--max-old-space-size)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-scanflags-'));
    process.execArgv.push('--max-old-space-size=8192');
    const pool = new ScanPool(1);
    try {
      await generateSnapshot(dir, 1200, 5, false);
      const page = await pool.scan(join(dir, 'graph/v1.0/devices/page-00001.json'), 'devices', 1);
      expect(page?.kind).toBe('devices');
      expect(page?.n).toBe(999);
    } finally {
      process.execArgv.pop();
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives the same pages as the in-thread scan, and a one-line error for a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jidoctor-scanpool-'));
    try {
      await generateSnapshot(dir, 2500, 3, false);
      const pool = new ScanPool(2);
      try {
        const rel = 'graph/v1.0/deviceManagement/managedDevices';
        const jobs = [
          ['managedDevices', `${rel}/page-00001.json`],
          ['managedDevices', `${rel}/page-00002.json`],
          ['devices', 'graph/v1.0/devices/page-00001.json'],
          ['users', 'graph/v1.0/users/page-00002.json'],
          ['computers', 'jamf/api/v1/computers-inventory/page-00002.json'],
        ] as const;
        const pages = await Promise.all(jobs.map(([kind, f]) => pool.scan(join(dir, f), kind, 1)));
        jobs.forEach(([kind, f], i) => {
          const local = scanPageFast(readFileSync(join(dir, f)), kind, 1)!;
          expect(pages[i]).not.toBeNull();
          expect(records(pages[i]!, 1)).toEqual(records(local, 1));
          expect(pages[i]!.dict).toEqual(local.dict);
        });
        expect(await pool.scan(join(dir, 'x.json'), 'devices', 1).catch((e: Error) => `${e.name}: ${e.message}`)).toBe(
          `InputError: ${join(dir, 'x.json')}: cannot be read (ENOENT)`,
        );
        await expect(pool.scan(join(dir, 'y.json'), 'devices', 1, 'graph/y.json')).rejects.toThrow(
          'graph/y.json: cannot be read (ENOENT)',
        );
        expect(await pool.scan(join(dir, 'manifest.json'), 'devices', 1)).toBeNull();
      } finally {
        await pool.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
