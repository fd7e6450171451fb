/** The Mac logs' timelines as the report carries them (the HTML report's Mac section, the JSON report). */
import type { Fleet } from '../model/types.js';
import type { ReportMacTimeline } from '../report/types.js';
import type { MacLogs } from './analyze.js';
import { SIGNATURE_BY_ID } from './signatures.js';

/** Each Mac with log evidence: its zone and its timeline (newest last; per-file groups when the zone is unknown). */
export function macTimelines(fleet: Fleet): ReportMacTimeline[] {
  const out: ReportMacTimeline[] = [];
  for (const { evidence } of fleet.macLogs) {
    const ev = evidence as Partial<MacLogs> & typeof evidence;
    if (!ev.events) continue;
    out.push({
      mac: ev.key,
      host: ev.host,
      zone: ev.zone?.source ?? 'unknown',
      events: ev.events.map((e) => {
        const sig = SIGNATURE_BY_ID.get(e.signature);
        return {
          local: e.local?.slice(0, 19) ?? null,
          offset: e.offset ?? null,
          time: e.time == null ? null : new Date(e.time).toISOString(),
          group: e.group,
          category: e.category,
          kind: e.kind,
          signature: e.signature,
          checkId: sig?.checkId ?? '',
          description: { en: sig?.description.en ?? e.signature, it: sig?.description.it ?? e.signature },
          file: e.file,
          line: e.line,
          count: e.count,
          which: e.which,
        };
      }),
    });
  }
  return out;
}
