import { fileSubject, lineEvidence, macSubject } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { minGap, type TimedLine, whenText } from '../../logs/time.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { DAY } from '../util.js';

export default defineCheck({
  id: 'logs/check-in-stopped',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'The Mac stopped checking in with Jamf Pro (jamf.log)',
    it: 'Il Mac ha smesso di fare check-in con Jamf Pro (jamf.log)',
  },
  cause: {
    en: 'jamf.log goes on for more than 24 hours after its last recurring check-in: the jamf binary no longer reaches Jamf Pro (network, a broken framework, or a removed launch daemon). Jamf Pro marks a Mac unresponsive after 24 hours without check-in.',
    it: 'jamf.log prosegue per più di 24 ore dopo l’ultimo check-in periodico: il binario jamf non raggiunge più Jamf Pro (rete, framework danneggiato o launch daemon rimosso). Jamf Pro segna un Mac come non rispondente dopo 24 ore senza check-in.',
  },
  resolution: {
    en: [
      'On the Mac, run `sudo jamf checkJSSConnection` and `sudo jamf policy -verbose`, and read the errors they print.',
      'If the connection works but recurring check-ins do not happen, re-enrol the Mac or run `sudo jamf manage` to restore the launch daemons.',
      'Then have the user who registered the Mac sign in, so that the Entra token is refreshed.',
    ],
    it: [
      'Sul Mac, eseguire `sudo jamf checkJSSConnection` e `sudo jamf policy -verbose` e leggere gli errori che stampano.',
      'Se la connessione funziona ma i check-in periodici non avvengono, iscrivere di nuovo il Mac o eseguire `sudo jamf manage` per ripristinare i launch daemon.',
      'Poi far accedere l’utente che ha registrato il Mac, così che il token Entra venga rinnovato.',
    ],
  },
  sources: ['article: devices are marked as unresponsive in Jamf Pro'],
  symptoms: symptomsOf('logs/check-in-stopped'),
  messages: {
    stopped: msg<{ mac: string; lastCheckIn: string; end: string; hours: number; file: string; line: number }>({
      en: (d) =>
        `${d.mac}: last recurring check-in ${d.lastCheckIn} (${d.file}:${d.line}), ${d.hours} hours before the end of jamf.log (${d.end})`,
      it: (d) =>
        `${d.mac}: ultimo check-in periodico ${d.lastCheckIn} (${d.file}:${d.line}), ${d.hours} ore prima della fine di jamf.log (${d.end})`,
    }),
  },
  run(fleet, ctx) {
    for (const { evidence: ev, mac } of fleet.macLogs) {
      const subj = macSubject(ev, mac);
      const jamfFiles = ev.files.filter((f) => f.family === 'jamf');
      if (jamfFiles.length === 0) {
        ctx.unknown(`${ev.key}: no jamf.log among the files of ${ev.root}`, subj);
        continue;
      }
      const { lastCheckIn, jamfLogEnd, lastCheckInError } = ev.timeline as {
        lastCheckIn: TimedLine | null;
        jamfLogEnd: TimedLine | null;
        lastCheckInError: TimedLine | null;
      };
      if (!jamfLogEnd || (jamfLogEnd.time == null && !jamfLogEnd.local)) {
        ctx.unknown(`${ev.key}: jamf.log has no dated record`, subj);
        continue;
      }
      if (!lastCheckIn || (lastCheckIn.time == null && !lastCheckIn.local)) {
        ctx.unknown(`${ev.key}: jamf.log holds no recurring check-in`, subj);
        continue;
      }
      // Lines of one jamf.log share the Mac's clock: their gap is exact even when the zone is unknown.
      const gap = minGap(lastCheckIn, jamfLogEnd);
      if (gap === null) {
        ctx.unknown(`${ev.key}: the last check-in and the end of jamf.log cannot be ordered (zone unknown)`, subj);
        continue;
      }
      if (gap <= DAY) continue;
      const evidence = [lineEvidence(lastCheckIn)];
      const errGap = lastCheckInError ? minGap(lastCheckIn, lastCheckInError) : null;
      if (lastCheckInError && errGap !== null && errGap >= 0) evidence.push(lineEvidence(lastCheckInError));
      evidence.push(lineEvidence(jamfLogEnd));
      ctx.report({
        messageId: 'stopped',
        data: {
          mac: subj.id,
          lastCheckIn: whenText(lastCheckIn),
          end: whenText(jamfLogEnd),
          hours: Math.floor(gap / 3_600_000),
          file: lastCheckIn.file,
          line: lastCheckIn.line,
        },
        subjects: [subj, fileSubject(lastCheckIn)],
        evidence,
      });
    }
  },
});
