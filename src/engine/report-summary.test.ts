import { describe, expect, it } from 'vitest';
import checkInOverdue from '../checks/jamf/check-in-overdue.js';
import { diagnoseCollected } from '../diagnose.js';
import { emptyCollected } from '../model/collected.js';
import { DATASETS } from '../model/datasets.js';
import type { Collected, JamfComputer } from '../model/types.js';

const asOf = Date.UTC(2026, 10, 29);

function computer(id: string, email: string): JamfComputer {
  return {
    id,
    udid: null,
    name: `MAC-${email}`,
    serialNumber: null,
    managed: true,
    lastCheckIn: asOf - 5 * 86_400_000,
    lastContact: null,
    reportDate: null,
    username: null,
    email,
    realname: null,
    localUserAccounts: [],
    osVersion: '15.1',
    apiVersion: 1,
  };
}

function collected(computers: JamfComputer[]): Collected {
  const c = emptyCollected({ asOf, computers });
  for (const d of Object.values(DATASETS))
    c.datasets.set(d.id, { id: d.id, path: d.id, status: 'complete', records: 1 });
  return c;
}

describe('report summary', () => {
  it('counts the users of every affected Mac, also of Macs that share a subject id', () => {
    // Two Macs without serial or UDID whose Jamf records carry the same id: both are `jamf:5`.
    const c = collected([computer('5', 'ada@contoso.com'), computer('5', 'bob@contoso.com')]);
    const { report, fleet } = diagnoseCollected(c, { kind: 'snapshot', path: null }, { checks: [checkInOverdue] });
    expect(fleet.index.macCount).toBe(2);
    expect(report.findings.length).toBe(2);
    expect(report.summary.users).toBe(2);
    expect(report.summary.affected).toEqual({ macs: 1, users: 2 });
  });
});
