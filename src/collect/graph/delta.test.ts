import { describe, expect, it } from 'vitest';
import { GRAPH_FILTERS } from './collect.js';
import { applyDelta, checkTenant, DELTA_RESOURCES, deltaQuery, type PreviousSnapshot } from './delta.js';

type Json = Record<string, unknown>;

const SELECT = ['deviceId', 'displayName', 'operatingSystem', 'accountEnabled'];
const isMac = GRAPH_FILTERS.devices!.local;
const ids = (rs: Json[]) => rs.map((r) => r.id);

const mac = (id: string, extra: Json = {}): Json => ({
  id,
  deviceId: `d-${id}`,
  displayName: `MAC-${id}`,
  operatingSystem: 'macOS',
  accountEnabled: true,
  ...extra,
});

describe('applyDelta: the changes of a Graph delta round applied to the previous records', () => {
  it('an object created since comes whole; a selected property it never set is null, as a $select read gives it', () => {
    // The device of the device-delta example (https://learn.microsoft.com/graph/api/device-delta, "Response"),
    // with a Mac's operatingSystem; it has no displayName set here.
    const created: Json = {
      accountEnabled: false,
      createdDateTime: '2022-05-05T20:56:06Z',
      deviceId: '4c299165-6e8f-4b45-a5ba-c5d250a707ff',
      operatingSystem: 'MacMDM',
      operatingSystemVersion: '1',
      id: 'c9d9f9b3-0c91-4080-b392-78f775903b3a',
    };
    const r = applyDelta([mac('a')], [created], SELECT, isMac);
    expect(ids(r.records)).toEqual(['a', 'c9d9f9b3-0c91-4080-b392-78f775903b3a']);
    const got = r.records[1]!;
    expect(got.displayName).toBeNull();
    // Keys in the order of a read: id, then the $select order, then what else came.
    expect(Object.keys(got)).toEqual([
      'id',
      'deviceId',
      'displayName',
      'operatingSystem',
      'accountEnabled',
      'createdDateTime',
      'operatingSystemVersion',
    ]);
    expect(r).toMatchObject({ upserts: 1, removed: 0 });
  });

  it('an updated object with only its changed properties is merged onto the previous record', () => {
    // user-delta "Alternative: return only the changed properties" (Prefer: return=minimal): displayName changed,
    // jobTitle set to null, mobilePhone unchanged and absent (https://learn.microsoft.com/graph/api/user-delta).
    const prev = [{ id: 'u1', displayName: 'Old', jobTitle: 'Engineer', mobilePhone: '+39 02 1234' }];
    const r = applyDelta(
      prev,
      [{ id: 'u1', displayName: 'displayName-value', jobTitle: null }],
      ['displayName', 'jobTitle', 'mobilePhone'],
      null,
    );
    expect(r.records).toEqual([
      { id: 'u1', displayName: 'displayName-value', jobTitle: null, mobilePhone: '+39 02 1234' },
    ]);
  });

  it('@removed (reason changed or deleted) drops the record; an id never held is ignored', () => {
    // "@removed": {"reason": "changed"} as in https://learn.microsoft.com/graph/delta-query-overview.
    const r = applyDelta(
      [mac('a'), mac('b'), mac('c')],
      [
        { id: 'b', '@removed': { reason: 'changed' } },
        { id: 'c', '@removed': { reason: 'deleted' } },
        { id: 'zz', '@removed': { reason: 'deleted' } },
      ],
      SELECT,
      isMac,
    );
    expect(ids(r.records)).toEqual(['a']);
    expect(r.removed).toBe(2);
  });

  it('the Mac rule: a device that changes to a Mac spelling comes in, one that changes away goes', () => {
    const r = applyDelta(
      [mac('a'), mac('b')],
      [
        // A Windows device never held (not a Mac before) now spelled as a Mac: all its selected properties come.
        { id: 'w', deviceId: 'd-w', displayName: 'WIN-1', operatingSystem: 'Mac OS X', accountEnabled: true },
        // A Mac now spelled Windows, with only the changed property.
        { id: 'b', operatingSystem: 'Windows' },
        // A non-Mac that changed something else: not kept (it was not held, and it is not a Mac).
        { id: 'p', deviceId: 'd-p', displayName: 'IPH-1', operatingSystem: 'iPhone', accountEnabled: true },
        // A change of a device not held that carries no operatingSystem cannot be a Mac: not kept.
        { id: 'q', displayName: 'renamed' },
      ],
      SELECT,
      isMac,
    );
    expect(ids(r.records)).toEqual(['a', 'w']);
    // A near miss: the same changes without a rule keep everything.
    expect(
      ids(applyDelta([mac('a'), mac('b')], [{ id: 'b', operatingSystem: 'Windows' }], SELECT, null).records),
    ).toEqual(['a', 'b']);
  });

  it('an object listed twice: the later change wins; removed then created again is kept; ids compare in any case', () => {
    const r = applyDelta(
      [mac('A1')],
      [
        { id: 'a1', displayName: 'first' },
        { id: 'a1', displayName: 'second' },
        { id: 'n', '@removed': { reason: 'deleted' } },
        mac('n', { displayName: 'back' }),
      ],
      SELECT,
      isMac,
    );
    expect(r.records.map((x) => x.displayName)).toEqual(['second', 'back']);
    expect(r.records[0]!.id).toBe('a1');
  });

  it('keeps the previous order, and no annotation of the round (@removed, …@delta) reaches a record', () => {
    const r = applyDelta(
      [mac('a'), mac('b')],
      [{ id: 'a', displayName: 'x', 'members@delta': [] }, mac('c')],
      SELECT,
      isMac,
    );
    expect(ids(r.records)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(r.records[0]!).some((k) => k.includes('@'))).toBe(false);
  });
});

describe('the delta queries', () => {
  it('select what the full read selects, without $top (users delta refuses it) or $filter (only by id)', () => {
    expect(deltaQuery('devices')).toMatch(/^\$select=[\w,]+$/);
    expect(deltaQuery('devices')).toContain('operatingSystem');
    expect(deltaQuery('users')).toContain('assignedPlans');
    expect(Object.keys(DELTA_RESOURCES).sort()).toEqual(['devices', 'users']);
  });
});

describe('checkTenant: a delta starts only from a snapshot of the same tenant', () => {
  const prev = (id: string | null): PreviousSnapshot => ({
    dir: '/snap',
    manifest: {
      format: 'jidoctor-snapshot',
      version: 1,
      collectedAt: '2026-12-01T00:00:00Z',
      tenant: { id },
      datasets: {},
    },
  });
  const A = '0a1b2c3d-0000-4000-8000-000000000001';
  const B = '0a1b2c3d-0000-4000-8000-000000000002';
  it('the same id (in any case) is verified; another one is a one-line error', () => {
    expect(checkTenant(prev(A), A.toUpperCase(), 'configured')).toBe(true);
    expect(() => checkTenant(prev(A), B, 'configured')).toThrow(
      `--since /snap: the snapshot is of tenant ${A}, expected tenant ${B} (configured)`,
    );
    expect(checkTenant(prev('contoso.onmicrosoft.com'), 'CONTOSO.onmicrosoft.com', 'configured')).toBe(true);
    expect(() => checkTenant(prev('contoso.onmicrosoft.com'), 'fabrikam.onmicrosoft.com', 'configured')).toThrow();
  });
  it('ids of different kinds, or none, are not verified (and not refused): false', () => {
    expect(checkTenant(prev(A), 'contoso.onmicrosoft.com', 'configured')).toBe(false);
    expect(checkTenant(prev(null), A, 'configured')).toBe(false);
    expect(checkTenant(prev(A), null, 'configured')).toBe(false);
  });
});
