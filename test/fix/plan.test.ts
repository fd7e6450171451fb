import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/checks/define.js';
import { CHECKS } from '../../src/checks/index.js';
import { diagnoseSnapshot } from '../../src/diagnose.js';
import { buildReport, fingerprint, runChecks } from '../../src/engine/run.js';
import { actionsOf, buildPlan } from '../../src/fix/plan.js';
import { PLANNERS, SCRIPT_CHECKS } from '../../src/fix/planners/index.js';
import { renderPlanText } from '../../src/fix/render.js';
import type { Plan } from '../../src/fix/types.js';
import type { Fleet } from '../../src/model/types.js';
import type { Report } from '../../src/report/types.js';
import { fleet } from '../builders.js';
import { EXAMPLE, runCli } from '../cli.js';

const BAD = /undefined|NaN|\{\{|\[object Object\]/;

function planOf(f: Fleet, checkId: string, lang: Lang = 'en'): Plan {
  const result = runChecks(f, CHECKS, { lang });
  const report = buildReport(f, result, { kind: 'snapshot', path: null, asOfSource: 'manifest' }, lang, 0);
  return buildPlan(checkId, f, report, { lang });
}

describe('the planner registry', () => {
  it('has a planner for every check of the catalogue, and nothing else', () => {
    const missing = CHECKS.map((c) => c.id).filter((id) => !PLANNERS[id]);
    expect(missing, `checks without a plan: ${missing.join(', ')}`).toEqual([]);
    const extra = Object.keys(PLANNERS).filter((id) => !CHECKS.some((c) => c.id === id));
    expect(extra).toEqual([]);
  });

  it('plans the mechanical checks with real planners and offers the script where the resolution needs it', () => {
    for (const id of ['intune/duplicate-device-records', 'entra/duplicate-device-records'])
      expect(PLANNERS[id]!.kind).toBe('mechanical');
    expect([...SCRIPT_CHECKS].sort()).toEqual(
      [
        'compliance/intune-entra-mismatch',
        'compliance/jamf-entra-mismatch',
        'entra/duplicate-device-records',
        'intune/duplicate-device-records',
        'intune/enrolled-outside-jamf',
        'logs/company-portal-opened-directly',
        'logs/keychain-access-prompt',
      ].sort(),
    );
  });

  it('every check gets a plan in English and Italian for a finding of each of its messages', () => {
    const f = fleet().legacyPartner().build();
    for (const check of CHECKS) {
      for (const messageId of Object.keys(check.messages)) {
        const texts: Record<string, string> = {};
        for (const lang of ['en', 'it'] as const) {
          const finding = {
            checkId: check.id,
            messageId,
            severity: check.severity,
            message: `finding of ${check.id}`,
            subjects: [{ kind: 'tenant' as const, id: 't' }],
            evidence: [],
            fingerprint: fingerprint(check.id, messageId, []),
            data: {},
          };
          const report = {
            asOf: '2026-11-29T09:30:00.000Z',
            source: { kind: 'snapshot', path: null },
            checks: [{ id: check.id, outcome: 'fail', severity: check.severity, findings: 1 }],
            findings: [finding],
          } as unknown as Report;
          const plan = buildPlan(check.id, f, report, { lang });
          expect(plan.findings).toHaveLength(1);
          expect(plan.findings[0]!.steps.length, `${check.id} ${messageId}`).toBeGreaterThan(0);
          const text = renderPlanText(plan);
          expect(text).not.toMatch(BAD);
          texts[lang] = plan.findings[0]!.steps.map((s) => s.text).join('\n');
        }
        expect(texts.it, `${check.id} ${messageId}: Italian equals English`).not.toBe(texts.en);
      }
    }
  });
});

describe('plans of the example snapshot', () => {
  it('every check with findings has a plan whose automatic steps carry an action, in both languages', async () => {
    for (const lang of ['en', 'it'] as const) {
      const { fleet: f, report } = await diagnoseSnapshot(EXAMPLE, { lang });
      for (const id of new Set(report.findings.map((x) => x.checkId))) {
        const plan = buildPlan(id, f, report, { lang });
        expect(plan.findings.length).toBe(report.findings.filter((x) => x.checkId === id).length);
        for (const fp of plan.findings)
          for (const s of fp.steps) {
            expect(s.text).not.toMatch(BAD);
            if (s.automatic) expect(s.action, s.text).toBeDefined();
            if (s.action) expect(s.automatic).toBe(true);
          }
        expect(renderPlanText(plan)).not.toMatch(BAD);
      }
    }
  });

  it('names the findings of other checks on the same Mac', async () => {
    const { fleet: f, report } = await diagnoseSnapshot(EXAMPLE);
    const plan = buildPlan('compliance/intune-entra-mismatch', f, report, { lang: 'en', macs: ['C02DB0FFAE63'] });
    expect(plan.findings[0]!.related.map((r) => r.checkId)).toEqual(['licenses/entra-p1-missing']);
    expect(renderPlanText(plan)).toMatch(/also on this Mac: licenses\/entra-p1-missing/);
  });

  it('--mac narrows the plan to one Mac', async () => {
    const { fleet: f, report } = await diagnoseSnapshot(EXAMPLE);
    const all = buildPlan('intune/duplicate-device-records', f, report, { lang: 'en' });
    expect(all.findings.map((x) => x.mac).sort()).toEqual(['C024A05F2F20', 'C02D48DFD4E7']);
    const one = buildPlan('intune/duplicate-device-records', f, report, { lang: 'en', macs: ['c02d48dfd4e7'] });
    expect(one.findings.map((x) => x.mac)).toEqual(['C02D48DFD4E7']);
  });
});

describe('keep / remove decisions', () => {
  it('Entra duplicates on Jamf Pro older than 11.9: a newer device (Platform SSO) is left to a person, not removed', () => {
    const mac = (version: string) =>
      fleet()
        .jamfVersion(version)
        .compliancePartner()
        .jamf({
          hardware: { serialNumber: 'C02PS1' },
          general: { name: 'Mac-P' },
          localUserAccounts: [
            { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: 'dev-old' },
          ],
        })
        .entra({
          id: 'obj-old',
          deviceId: 'dev-old',
          displayName: 'Mac-P',
          registrationDateTime: '2025-01-01T00:00:00Z',
        })
        .entra({
          id: 'obj-new',
          deviceId: 'dev-new',
          displayName: 'Mac-P',
          isCompliant: null,
          registrationDateTime: '2026-10-01T00:00:00Z',
        })
        .build();
    const old = planOf(mac('11.8.2'), 'entra/duplicate-device-records');
    expect(old.findings[0]!.keep.map((k) => k.id)).toEqual(['obj-old']);
    expect(actionsOf(old)).toEqual([]);
    expect(JSON.stringify(old.findings[0])).toMatch(/Platform SSO registration/);
    // From 11.9 Jamf Pro follows the new device; the usual rule applies (what Jamf's registration names is kept).
    const current = planOf(mac('11.9.0'), 'entra/duplicate-device-records');
    expect(actionsOf(current).map((a) => a.action.id)).toEqual(['disable:entra:obj-new', 'delete:entra:obj-new']);
  });

  it('Intune duplicates: keeps the record Jamf registration points to, even when another synced later', () => {
    const f = fleet()
      .legacyPartner()
      .jamf({
        hardware: { serialNumber: 'C02X1' },
        general: { name: 'Mac-1' },
        localUserAccounts: [
          { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: 'dev-old' },
        ],
      })
      .intune({
        id: 'md-a',
        serialNumber: 'C02X1',
        azureADDeviceId: 'dev-old',
        lastSyncDateTime: '2026-11-20T00:00:00Z',
      })
      .intune({
        id: 'md-b',
        serialNumber: 'C02X1',
        azureADDeviceId: 'dev-new',
        lastSyncDateTime: '2026-11-29T00:00:00Z',
      })
      .entra({ id: 'obj-old', deviceId: 'dev-old', displayName: 'Mac-1' })
      .entra({ id: 'obj-new', deviceId: 'dev-new', displayName: 'Mac-1' })
      .build();
    const plan = planOf(f, 'intune/duplicate-device-records');
    expect(plan.findings).toHaveLength(1);
    expect(plan.findings[0]!.keep.map((k) => k.id)).toEqual(['md-a']);
    expect(plan.findings[0]!.keep[0]!.why.join(' ')).toMatch(/ACTIVATED registration points to/);
    const actions = actionsOf(plan).map((a) => a.action.id);
    // The other record goes; its Entra device is disabled (deleted only with --delete); Jamf's device stays.
    expect(actions).toEqual(['delete:intune:md-b', 'disable:entra:obj-new', 'delete:entra:obj-new']);
    expect(actionsOf(plan).find((a) => a.action.id === 'delete:entra:obj-new')!.action.needsDeleteFlag).toBe(true);
  });

  it('Intune duplicates: without a Jamf pointer, the newest sync is kept and stale Jamf computers of the serial go', () => {
    const f = fleet()
      .legacyPartner()
      .jamf({ id: 'j-old', hardware: { serialNumber: 'C02X1' }, general: { lastContactTime: '2026-01-01T00:00:00Z' } })
      .jamf({ id: 'j-new', hardware: { serialNumber: 'C02X1' }, general: { lastContactTime: '2026-11-29T09:00:00Z' } })
      .intune({ id: 'md-a', serialNumber: 'C02X1', lastSyncDateTime: '2026-11-20T00:00:00Z' })
      .intune({ id: 'md-b', serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T00:00:00Z' })
      .build();
    const plan = planOf(f, 'intune/duplicate-device-records');
    expect(plan.findings[0]!.keep.map((k) => `${k.kind}:${k.id}`)).toEqual(['intune:md-b', 'jamf:j-new']);
    expect(actionsOf(plan).map((a) => a.action.id)).toEqual(['delete:intune:md-a', 'delete:jamf:j-old']);
  });

  it('Entra duplicates: never removes an object the newest Intune record still points to', () => {
    const f = fleet()
      .legacyPartner()
      .jamf({
        hardware: { serialNumber: 'C02X1' },
        general: { name: 'Mac-1' },
        localUserAccounts: [
          { username: 'ada', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: 'dev-a' },
        ],
      })
      .intune({ id: 'md-1', serialNumber: 'C02X1', azureADDeviceId: 'dev-b', lastSyncDateTime: '2026-11-29T00:00:00Z' })
      .entra({ id: 'obj-a', deviceId: 'dev-a', displayName: 'Mac-1' })
      .entra({ id: 'obj-b', deviceId: 'dev-b', displayName: 'Mac-1' })
      .entra({ id: 'obj-c', deviceId: 'dev-c', displayName: 'Mac-1' })
      .build();
    const plan = planOf(f, 'entra/duplicate-device-records');
    expect(plan.findings[0]!.keep.map((k) => k.id)).toEqual(['obj-a']);
    expect(actionsOf(plan).map((a) => a.action.id)).toEqual(['disable:entra:obj-c', 'delete:entra:obj-c']);
    const manual = plan.findings[0]!.steps.filter((s) => !s.automatic && s.where === 'entra');
    expect(manual.map((s) => s.text).join()).toMatch(/obj-b is still referenced/);
  });

  it('enrolled outside Jamf: a stale Intune MDM record is removed, an active one is only planned by hand', () => {
    const build = (intuneSync: string) =>
      fleet()
        .legacyPartner()
        .jamf({ hardware: { serialNumber: 'C02X1' }, general: { lastContactTime: '2026-11-29T09:00:00Z' } })
        .intune({ id: 'md-mdm', serialNumber: 'C02X1', managementAgent: 'mdm', lastSyncDateTime: intuneSync })
        .build();
    const stale = planOf(build('2026-11-01T00:00:00Z'), 'intune/enrolled-outside-jamf');
    expect(actionsOf(stale).map((a) => a.action.id)).toEqual(['delete:intune:md-mdm']);
    const active = planOf(build('2026-11-29T09:20:00Z'), 'intune/enrolled-outside-jamf');
    expect(actionsOf(active)).toEqual([]);
    const retire = active.findings[0]!.steps.find((s) => s.call?.path.endsWith('/retire'));
    expect(retire?.automatic).toBe(false);
    expect(retire?.clickPath).toMatch(/> Retire$/);
  });

  it('advisory plans say what jidoctor cannot do, with click paths and the Graph call', async () => {
    const { fleet: f, report } = await diagnoseSnapshot(EXAMPLE);
    const plan = buildPlan('licenses/intune-missing', f, report, { lang: 'en' });
    const step = plan.findings[0]!.steps.find((s) => s.clickPath);
    expect(step?.clickPath).toMatch(
      /Microsoft 365 admin center .* > Users > Active users > donald.knuth@contoso.com > Licenses and apps/,
    );
    expect(step?.call).toMatchObject({ method: 'POST', path: '/users/donald.knuth@contoso.com/assignLicense' });
    expect(actionsOf(plan)).toEqual([]);
  });
});

describe('jidoctor fix (CLI)', () => {
  it('prints the plan as text and JSON, and says nothing changes without --apply', async () => {
    const t = await runCli(['fix', 'intune/duplicate-device-records', '--snapshot', EXAMPLE]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/Nothing changes without --apply/);
    // 80 columns, except a single word that cannot be broken (a URL).
    for (const l of t.stdout.split('\n')) if (/\S\s+\S/.test(l.trim())) expect(l.length, l).toBeLessThanOrEqual(80);
    const j = await runCli([
      'fix',
      'entra/duplicate-device-records',
      '--snapshot',
      EXAMPLE,
      '--format',
      'json',
      '--lang',
      'it',
    ]);
    expect(j.code).toBe(0);
    const plan = JSON.parse(j.stdout) as Plan;
    expect(plan.format).toBe('jidoctor-fix-plan');
    expect(plan.lang).toBe('it');
    expect(plan.findings[0]!.steps[0]!.text).toMatch(/Disabilitare il dispositivo Entra/);
  });

  it('rejects unknown checks and a missing source in one line', async () => {
    const a = await runCli(['fix', 'nope/nothing', '--snapshot', EXAMPLE]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    const b = await runCli(['fix', 'intune/duplicate-device-records']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/expected --snapshot DIR or --live/);
  });
});

describe('advisory steps', () => {
  it('take the Graph call and the place from the resolution text', async () => {
    const { whereOf, callIn } = await import('../../src/fix/planners/advisory.js');
    expect(callIn('Or with Graph: PATCH /v1.0/servicePrincipals/{id} with {"accountEnabled": true}).')).toEqual({
      api: 'graph',
      method: 'PATCH',
      path: '/servicePrincipals/{id}',
    });
    expect(callIn('no call here')).toBeUndefined();
    expect(whereOf('In Intune admin center > Tenant administration > the Jamf connector')).toBe('intune');
    expect(whereOf('Open Entra admin center > Applications')).toBe('entra');
    expect(whereOf('Jamf Pro > Settings > Global > Device Compliance > Edit')).toBe('jamf');
    expect(whereOf('On the Mac run `sudo jamf policy`')).toBe('mac');
  });
});

describe('write permissions', () => {
  it('a plan names the write permissions its automatic steps need, and only those', async () => {
    const { fleet: f, report } = await diagnoseSnapshot(EXAMPLE);
    const intune = buildPlan('intune/duplicate-device-records', f, report, { lang: 'en' });
    expect(intune.writePermissions.map((p) => p.name)).toEqual(['DeviceManagementManagedDevices.ReadWrite.All']);
    const entra = buildPlan('entra/duplicate-device-records', f, report, { lang: 'en' });
    expect(entra.writePermissions.map((p) => p.name)).toEqual(['Device.ReadWrite.All']);
    expect(buildPlan('licenses/intune-missing', f, report, { lang: 'en' }).writePermissions).toEqual([]);
  });
});

describe('jidoctor permissions', () => {
  it('lists the write permissions of fix --apply apart from the read-only ones', async () => {
    const r = await runCli(['permissions', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { all: { graph: string[]; jamf: string[] }; write: Array<{ name: string }> };
    expect(j.write.map((p) => p.name).sort()).toEqual(
      [
        'Delete Computers',
        'Device.ReadWrite.All',
        'DeviceManagementManagedDevices.ReadWrite.All',
        'Read Computers',
      ].sort(),
    );
    for (const p of [...j.all.graph, ...j.all.jamf]) expect(p).not.toMatch(/Write|Delete/);
    const t = await runCli(['permissions']);
    expect(t.stdout).toMatch(/Write permissions, for `jidoctor fix --apply` only/);
  });
});
