/**
 * The legacy connector's log lines and the tenant's migration state (research device-compliance.md §2.2).
 *
 * `logs/partner-management-disabled` and `logs/intune-connection-failed` read lines of the legacy macOS Intune
 * integration (the partner connector). What such a line means depends on where the tenant is:
 * - L, B (the legacy connector is on): a finding, as the lines say;
 * - E, G (Device Compliance, no legacy connector in use): not applicable — a legacy line is not a reason to fix a
 *   connector the tenant does not use; `connector/device-compliance-partner-state` covers G;
 * - C, D, F (the legacy connector stopped): a line after it stopped is a finding (something still uses the stopped
 *   connector); a line before is residue of the legacy era, an info note; a line that cannot be placed (its time or
 *   the stop date unknown) is "could not check" for that Mac, never a finding and never healthy;
 * - no state (`jidoctor logs` without a tenant, partner lists not collected): the lines are reported as they are.
 *
 * The stop is dated as Intune's removal date (`whenPartnerDevicesWillBeRemovedDateTime`) minus 90 days, the rule of
 * `model/mode.ts` (LEGACY_REMOVAL_DAYS, [U]): the messages say "about" and name the removal date it comes from.
 */
import type { CheckContext, Lang, Localized } from '../checks/define.js';
import { msg } from '../checks/define.js';
import { isLegacyStopped, jamfLegacyPartners, LEGACY_REMOVAL_DAYS } from '../model/mode.js';
import type { Fleet, LogHitGroup, MigrationState } from '../model/types.js';
import { type FamilyScope, reportHit, runSignatureCheck, type SeenData, seenMessage, whenOrEmpty } from './findings.js';
import { SIGNATURE_BY_ID } from './signatures.js';
import { bounds, type TimedLine } from './time.js';

const DAY = 86_400_000;

/** Where the tenant's state makes the legacy connector's lines not applicable, and why (en/it). */
const NOT_IN_USE: Partial<Record<MigrationState, Localized>> = {
  E: {
    en: 'the tenant uses Device Compliance and no legacy Intune connector (migration state E): a line of the legacy connector is not a reason to fix it',
    it: 'il tenant usa Device Compliance e nessun connettore Intune legacy (stato di migrazione E): una riga del connettore legacy non è un motivo per ripararlo',
  },
  G: {
    en: 'the tenant is setting up Device Compliance and the legacy Intune connector is not active (migration state G): a line of the legacy connector is not a reason to fix it; connector/device-compliance-partner-state says what Device Compliance lacks',
    it: 'il tenant sta configurando Device Compliance e il connettore Intune legacy non è attivo (stato di migrazione G): una riga del connettore legacy non è un motivo per ripararlo; connector/device-compliance-partner-state dice cosa manca a Device Compliance',
  },
};

/** The legacy checks' `notApplicable`: E and G, with the reason shown. */
export function legacyLinesNotApplicable(fleet: Fleet): Localized | null {
  const state = fleet.mode.state;
  return (state && NOT_IN_USE[state]) || null;
}

/** The states in which the legacy connector has stopped: its lines are dated against the stop. */
const STOPPED: readonly MigrationState[] = ['C', 'D', 'F'];

/**
 * When the tenant's Jamf legacy connector stopped (the latest removal date of its stopped entries − 90 days) and that
 * removal date; null when no stopped Jamf entry reports one.
 */
export function legacyStop(fleet: Fleet): { stoppedAt: number; removal: number } | null {
  let removal: number | null = null;
  for (const p of jamfLegacyPartners(fleet.legacyPartners).filter(isLegacyStopped)) {
    const r = p.whenPartnerDevicesWillBeRemovedDateTime;
    if (r != null && r > (removal ?? Number.NEGATIVE_INFINITY)) removal = r;
  }
  return removal === null ? null : { stoppedAt: removal - LEGACY_REMOVAL_DAYS * DAY, removal };
}

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export interface StopData extends SeenData {
  /** The day the legacy connector stopped (about), and the removal date it is read from. */
  stopped: string;
  removal: string;
}

function describe(signature: string, lang: Lang): string {
  return SIGNATURE_BY_ID.get(signature)?.description[lang] ?? signature;
}

const LINE: Record<Lang, readonly [string, string]> = { en: ['line', 'lines'], it: ['riga', 'righe'] };
const lines = (n: number, lang: Lang): string => `${n} ${LINE[lang][n === 1 ? 0 : 1]}`;

/** A line of the legacy connector after it stopped: the check's own severity. */
export const afterStopMessage = msg<StopData>({
  en: (d) =>
    `${d.mac}: ${describe(d.signature, 'en')} — ${lines(d.count, 'en')}, the last on ${d.last}, after the legacy Intune connector stopped (about ${d.stopped}: Intune removes its Macs on ${d.removal}) (${d.file}:${d.line})`,
  it: (d) =>
    `${d.mac}: ${describe(d.signature, 'it')} — ${lines(d.count, 'it')}, l’ultima il ${d.last}, dopo l’arresto del connettore Intune legacy (circa il ${d.stopped}: Intune rimuove i suoi Mac il ${d.removal}) (${d.file}:${d.line})`,
});

/** Lines of the legacy era, all before the connector stopped: a note, nothing to fix. */
export const residueMessage = msg<StopData>({
  severity: 'info',
  en: (d) =>
    `${d.mac}: ${lines(d.count, 'en')} of the legacy integration, the last on ${d.last}, before the legacy Intune connector stopped (about ${d.stopped}): residue of the migration, nothing to fix — ${describe(d.signature, 'en')} (${d.file}:${d.line})`,
  it: (d) =>
    `${d.mac}: ${lines(d.count, 'it')} dell’integrazione legacy, l’ultima il ${d.last}, prima dell’arresto del connettore Intune legacy (circa il ${d.stopped}): residuo della migrazione, niente da correggere — ${describe(d.signature, 'it')} (${d.file}:${d.line})`,
});

export const legacyMessages = { seen: seenMessage, afterStop: afterStopMessage, residue: residueMessage };

/**
 * Runs a legacy connector's signature check by the tenant's migration state (see the file's comment). E and G never
 * get here: the check's `notApplicable` answers them.
 */
export function runLegacySignatureCheck(
  checkId: string,
  scope: FamilyScope,
  fleet: Fleet,
  ctx: CheckContext<typeof legacyMessages>,
): void {
  const state = ctx.mode.state;
  if (!STOPPED.includes(state as MigrationState)) {
    runSignatureCheck(checkId, scope, fleet, ctx);
    return;
  }
  const stop = legacyStop(fleet);
  runSignatureCheck(checkId, scope, fleet, ctx, (subj, h, ev) => {
    if (stop === null) {
      ctx.unknown(
        `${ev.key}: ${h.file}:${h.last.line} cannot be told from residue: the legacy connector stopped (state ${state}) but Intune reports no removal date (whenPartnerDevicesWillBeRemovedDateTime) to date the stop`,
        subj,
      );
      return;
    }
    const { stoppedAt, removal } = stop;
    const after = isAfter(h, stoppedAt);
    if (after === null) {
      ctx.unknown(
        `${ev.key}: ${h.file}:${h.last.line} (${whenOrEmpty(h.last) || 'no time'}) cannot be placed before or after the legacy connector stopped (about ${day(stoppedAt)})`,
        subj,
      );
      return;
    }
    reportHit(ctx, subj, h, after ? 'afterStop' : 'residue', { stopped: day(stoppedAt), removal: day(removal) });
  });
}

/**
 * true when a file's lines of a signature reach past the stop (the last one surely after it: lines of one file share
 * the Mac's clock, so the last is the latest), false when all came before it (the last surely at or before it), null
 * when it cannot be told (no time, or a zone unknown close to the stop).
 */
function isAfter(h: LogHitGroup, stoppedAt: number): boolean | null {
  const last = bounds(h.last as TimedLine);
  if (!last) return null;
  if (last[0] > stoppedAt) return true;
  if (last[1] <= stoppedAt) return false;
  return null;
}
