import type { Lang } from '../checks/define.js';
import { checkById } from '../checks/index.js';
import { InputError } from '../errors.js';
import type { Fleet, Mac } from '../model/types.js';
import type { Report } from '../report/types.js';
import { writePermissionsFor } from './permissions.js';
import { entraTarget, intuneTarget, jamfTarget } from './planners/common.js';
import { PLANNERS } from './planners/index.js';
import type { Action, FindingPlan, Keep, Plan, Step, TargetRecord } from './types.js';

export interface PlanOptions {
  lang: Lang;
  /** Only the findings about these Macs (serials, case-insensitive). */
  macs?: readonly string[];
}

/** Builds the ordered plan for one check from a diagnosis. Pure: it reads the fleet and the report only. */
export function buildPlan(checkId: string, fleet: Fleet, report: Report, options: PlanOptions): Plan {
  const check = checkById(checkId);
  if (!check) throw new InputError(`fix ${checkId}: expected a check id (see jidoctor checks), found an unknown id`);
  const planner = PLANNERS[checkId];
  if (!planner) throw new InputError(`fix ${checkId}: this check has no plan yet`);
  const lang = options.lang;
  const wanted = options.macs?.length ? new Set(options.macs.map((m) => m.trim().toUpperCase())) : null;
  const result = report.checks.find((c) => c.id === checkId);
  const findings: FindingPlan[] = [];
  for (const f of report.findings) {
    if (f.checkId !== checkId) continue;
    const mac = f.subjects.find((s) => s.kind === 'mac')?.id ?? null;
    if (wanted && (!mac || !wanted.has(mac.toUpperCase()))) continue;
    const body = planner.plan(f, { fleet, lang, check });
    const at = mac ? fleet.index.macOfKey(mac) : -1;
    const theMac = at >= 0 ? fleet.index.mac(at) : undefined;
    if (theMac) attachKept(theMac, body.keep, body.steps);
    const related = mac
      ? report.findings
          .filter((o) => o.checkId !== checkId && o.subjects.some((s) => s.kind === 'mac' && s.id === mac))
          .map((o) => ({ checkId: o.checkId, message: o.message }))
      : [];
    findings.push({
      checkId,
      messageId: f.messageId,
      fingerprint: f.fingerprint,
      mac,
      message: f.message,
      subjects: f.subjects,
      evidence: f.evidence,
      keep: body.keep,
      steps: body.steps,
      related,
    });
  }
  let automatic = 0;
  let manual = 0;
  for (const f of findings)
    for (const s of f.steps) {
      if (s.automatic) automatic++;
      else manual++;
    }
  const plan: Plan = {
    format: 'jidoctor-fix-plan',
    version: 1,
    checkId,
    title: check.title[lang],
    lang,
    asOf: report.asOf,
    source: report.source,
    outcome: result?.outcome ?? 'notApplicable',
    planner: planner.kind,
    scriptAvailable: planner.script,
    findings,
    summary: { findings: findings.length, automatic, manual },
    writePermissions: [],
  };
  plan.writePermissions = writePermissionsFor(actionsOf(plan).map((a) => a.action));
  if (result?.reason) plan.reason = result.reason.detail ?? result.reason.kind;
  return plan;
}

/** The automatic actions of a plan, in plan order, without duplicates (two findings may name the same record). */
export function actionsOf(plan: Plan): Array<{ action: Action; mac: string | null; fingerprint: string }> {
  const seen = new Set<string>();
  const out: Array<{ action: Action; mac: string | null; fingerprint: string }> = [];
  for (const f of plan.findings)
    for (const s of f.steps) {
      if (!s.automatic || !s.action || seen.has(s.action.id)) continue;
      seen.add(s.action.id);
      out.push({ action: s.action, mac: f.mac, fingerprint: f.fingerprint });
    }
  return out;
}

/** Each removal of a duplicate carries the record kept in its place, as seen in the plan (see Action.keep). */
function attachKept(mac: Mac, keep: readonly Keep[], steps: readonly Step[]): void {
  for (const step of steps) {
    const a = step.action;
    if (!a || a.op !== 'delete') continue;
    const k = keep.find((x) => x.kind === a.record.kind && x.id !== a.record.id);
    if (!k) continue;
    const target = keptTarget(mac, k);
    if (target) a.keep = target;
  }
}

/** The kept record's target, from the Mac the finding is about (duplicates are records of one Mac). */
function keptTarget(mac: Mac, k: Keep): TargetRecord | null {
  if (k.kind === 'intune') {
    const d = mac.intune.find((x) => x.id === k.id);
    return d ? intuneTarget(d) : null;
  }
  if (k.kind === 'entra') {
    const e = mac.entra.find((x) => x.id === k.id);
    return e ? entraTarget(e) : null;
  }
  const m = mac.jamf.find((x) => x.id === k.id);
  return m ? jamfTarget(m) : null;
}
