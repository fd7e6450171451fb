import { describe, expect, it } from 'vitest';
import {
  type JamfCall,
  MARK,
  parseReport,
  planSync,
  readJamfState,
  type SyncReport,
} from '../../src/writeback/jamf-sync.js';

/**
 * The shapes of the Jamf Pro API as documented: a definition of GET /api/v1/computer-extension-attributes
 * (https://developer.jamf.com/jamf-pro/reference/get_v1-computer-extension-attributes; fields as in the
 * deploymenttheory/go-api-sdk-jamfpro model ResourceComputerExtensionAttribute) and an inventory record's
 * `extensionAttributes` item (ComputerExtensionAttribute: definitionId, name, values, …;
 * https://rubydoc.info/gems/ruby-jss/Jamf/OAPISchemas/ComputerExtensionAttribute).
 */
const definition = (id: string, name: string, description = `${MARK}: the ids…`, inputType = 'TEXT') => ({
  id,
  name,
  description,
  dataType: 'STRING',
  enabled: true,
  inventoryDisplayType: 'EXTENSION_ATTRIBUTES',
  inputType,
  popupMenuChoices: null,
  ldapAttributeMapping: null,
  ldapExtensionAttributeAllowed: null,
});
const computer = (id: string, serial: string | null, eas: Record<string, string> = {}) => ({
  id,
  udid: `0000-${id}`,
  general: { name: `LON-MBP-${id}`, platform: 'Mac' },
  hardware: { serialNumber: serial, model: 'MacBook Pro' },
  extensionAttributes: Object.entries(eas).map(([definitionId, v]) => ({
    definitionId,
    name: `ea ${definitionId}`,
    description: '',
    enabled: true,
    multiValue: false,
    values: [v],
    dataType: 'STRING',
    options: [],
    inputType: 'TEXT',
  })),
});

function fakeJamf(defs: unknown[], computers: unknown[], pageSize = 2): JamfCall {
  return async (method, path) => {
    expect(method).toBe('GET');
    const u = new URL(path, 'https://jamf.example');
    const page = Number(u.searchParams.get('page'));
    const list = u.pathname.endsWith('computer-extension-attributes') ? defs : computers;
    // A server that serves shorter pages than asked: the reader pages on until totalCount.
    const results = list.slice(page * pageSize, page * pageSize + pageSize);
    return new Response(JSON.stringify({ totalCount: list.length, results }), { status: 200 });
  };
}

const report = (findings: Array<[string, string]>, outcomes: Record<string, string> = {}): SyncReport => ({
  asOf: '2026-11-29T09:30:00.000Z',
  checks: [
    { id: 'jamf/check-in-overdue', outcome: outcomes['jamf/check-in-overdue'] ?? 'fail' },
    { id: 'intune/duplicate-device-records', outcome: outcomes['intune/duplicate-device-records'] ?? 'fail' },
    { id: 'jamf/entra-registration-deactivated', outcome: outcomes['jamf/entra-registration-deactivated'] ?? 'pass' },
  ],
  findings: findings.map(([checkId, mac]) => ({ checkId, subjects: [{ kind: 'mac', id: mac }] })),
});

describe('what jamf-sync writes', () => {
  it('each Mac its checks sorted and comma-separated, the date where they change; healthy Macs emptied', async () => {
    const state = await readJamfState(
      fakeJamf(
        [
          definition('7', 'jidoctor findings'),
          definition('8', 'jidoctor date'),
          definition('3', 'Battery', '', 'SCRIPT'),
        ],
        [
          computer('1', 'C02AAA', { '7': '', '8': '' }),
          computer('2', ' c02bbb ', { '7': 'jamf/check-in-overdue', '8': '2026-11-20T09:30:00.000Z' }),
          computer('3', 'C02CCC', { '7': 'intune/duplicate-device-records', '8': '2026-11-20T09:30:00.000Z' }),
          computer('4', null),
          computer('5', 'C02EEE'),
        ],
      ),
    );
    expect(state.computers.map((c) => c.serial)).toEqual(['C02AAA', 'C02BBB', 'C02CCC', null, 'C02EEE']);
    const plan = planSync(
      report([
        ['jamf/check-in-overdue', 'C02AAA'],
        ['intune/duplicate-device-records', 'C02AAA'],
        ['jamf/check-in-overdue', 'C02BBB'],
        ['jamf/check-in-overdue', 'jamf:4'],
        ['jamf/check-in-overdue', 'C02ZZZ'],
      ]),
      state,
    );
    expect(plan.findingsAttribute).toEqual({ name: 'jidoctor findings', id: '7' });
    expect(plan.changes.map((c) => [c.computerId, c.to.findings, c.to.date])).toEqual([
      ['1', 'intune/duplicate-device-records, jamf/check-in-overdue', '2026-11-29T09:30:00.000Z'],
      ['3', '', '2026-11-29T09:30:00.000Z'],
      ['4', 'jamf/check-in-overdue', '2026-11-29T09:30:00.000Z'],
    ]);
    // C02BBB holds exactly its findings: not written again (its date stays the run that set them).
    expect(plan.unchanged).toBe(2);
    expect(plan.notInJamf).toEqual(['C02ZZZ']);
  });

  it('a check the report could not evaluate keeps its id on every Mac (missing data is not healthy)', async () => {
    const state = await readJamfState(
      fakeJamf(
        [definition('7', 'jidoctor findings'), definition('8', 'jidoctor date')],
        [computer('1', 'C02AAA', { '7': 'intune/duplicate-device-records, jamf/check-in-overdue', '8': 'x' })],
      ),
    );
    const kept = planSync(report([], { 'intune/duplicate-device-records': 'cannotCheck' }), state);
    expect(kept.keptChecks).toEqual(['intune/duplicate-device-records']);
    expect(kept.changes.map((c) => c.to.findings)).toEqual(['intune/duplicate-device-records']);
    const evaluated = planSync(report([]), state);
    expect(evaluated.changes.map((c) => c.to.findings)).toEqual(['']);
  });

  it('creates the attributes only when missing, and never takes over one that jidoctor did not create', async () => {
    const none = await readJamfState(fakeJamf([], [computer('1', 'C02AAA')]));
    const plan = planSync(report([['jamf/check-in-overdue', 'C02AAA']]), none);
    expect(plan.findingsAttribute.id).toBeNull();
    expect(plan.changes[0]!.from).toEqual({ findings: '', date: '' });
    const theirs = await readJamfState(
      fakeJamf([definition('9', 'jidoctor findings', 'Our own EA')], [computer('1', 'C02AAA')]),
    );
    expect(() => planSync(report([]), theirs)).toThrow(
      '--attribute jidoctor findings: a computer extension attribute of that name exists in Jamf Pro (id 9) and jidoctor did not create it; expected one jidoctor created, or another name',
    );
    const script = await readJamfState(
      fakeJamf([definition('9', 'jidoctor findings', `${MARK}`, 'SCRIPT')], [computer('1', 'C02AAA')]),
    );
    expect(() => planSync(report([]), script)).toThrow(/did not create it/);
    // Another name is another attribute.
    expect(planSync(report([]), theirs, { findings: 'jidoctor open findings' }).findingsAttribute.id).toBeNull();
  });

  it('--clear empties every value and leaves empty ones alone', async () => {
    const state = await readJamfState(
      fakeJamf(
        [definition('7', 'jidoctor findings'), definition('8', 'jidoctor date')],
        [
          computer('1', 'C02AAA', { '7': 'jamf/check-in-overdue', '8': 'x' }),
          computer('2', 'C02BBB', { '7': '', '8': '' }),
        ],
      ),
    );
    const plan = planSync({ asOf: '2026-11-29T09:30:00.000Z', checks: [], findings: [] }, state, { clear: true });
    expect(plan.changes.map((c) => [c.computerId, c.to])).toEqual([['1', { findings: '', date: '' }]]);
    expect(plan.unchanged).toBe(1);
  });
});

describe('the report jamf-sync reads', () => {
  it('is refused in one line naming the file and the field', () => {
    expect(() => parseReport('{', 'r.json')).toThrow(
      'r.json: expected a JSON report of jidoctor diagnose --format json, found text that is not JSON',
    );
    expect(() => parseReport('{"format":"sarif"}', 'r.json')).toThrow('r.json: format: expected "jidoctor-report"');
    expect(() => parseReport('{"format":"jidoctor-report","asOf":"2026-02-31x"}', 'r.json')).toThrow(
      'r.json: asOf: expected an ISO 8601 date',
    );
    expect(() =>
      parseReport(
        '{"format":"jidoctor-report","asOf":"2026-11-29T09:30:00Z","checks":[],"findings":[{"checkId":1}]}',
        'r.json',
      ),
    ).toThrow('r.json: findings[0]: expected checkId and subjects');
    expect(
      parseReport('{"format":"jidoctor-report","asOf":"2026-11-29T09:30:00Z","checks":[],"findings":[]}', 'r.json')
        .asOf,
    ).toBe('2026-11-29T09:30:00Z');
  });
});
