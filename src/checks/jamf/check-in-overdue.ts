import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { DAY, evidence, hoursBetween, iso, subject } from '../util.js';

const FIELDS = ['name', 'serialNumber', 'lastCheckIn', 'lastContact', 'reportDate'] as const;

export default defineCheck({
  id: 'jamf/check-in-overdue',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.computers.id],
  title: {
    en: 'A managed Mac has not checked in with Jamf Pro for more than 24 hours',
    it: 'Un Mac gestito non esegue il check-in con Jamf Pro da più di 24 ore',
  },
  cause: {
    en: 'Jamf Pro expects a check-in every checkInFrequency minutes (15 by default) and marks a Mac unresponsive after 24 hours without one; its inventory and compliance then go stale in Intune and Entra.',
    it: 'Jamf Pro si aspetta un check-in ogni checkInFrequency minuti (15 per impostazione predefinita) e contrassegna un Mac come non rispondente dopo 24 ore senza; il suo inventario e la sua conformità diventano poi obsoleti in Intune ed Entra.',
  },
  resolution: {
    en: [
      'Find out whether the Mac is in use: powered off, asleep, retired or in storage Macs are expected here.',
      'On the Mac run `sudo jamf checkJSSConnection` and `sudo jamf policy`; a failure points at the network or an expired Jamf framework (re-enrol).',
      'Check /var/log/jamf.log for the last "recurring check-in" (`jidoctor logs` reads it).',
      'Once it checks in, the user who registered the Mac signs in so that the Entra token refreshes.',
    ],
    it: [
      'Verificare se il Mac è in uso: Mac spenti, in stop, dismessi o in magazzino sono attesi qui.',
      'Sul Mac eseguire `sudo jamf checkJSSConnection` e `sudo jamf policy`; un errore indica la rete o un framework Jamf scaduto (registrarlo di nuovo).',
      'Controllare in /var/log/jamf.log l\'ultimo "recurring check-in" (`jidoctor logs` lo legge).',
      "Quando il check-in riprende, l'utente che ha registrato il Mac esegue l'accesso perché il token Entra si aggiorni.",
    ],
  },
  sources: ['article: devices are marked as unresponsive in Jamf Pro'],
  symptoms: ['Unresponsive'],
  messages: {
    overdue: msg<{ name: string; lastCheckIn: string; hours: number; frequency: number }>({
      en: (d) => `${d.name} last checked in ${d.lastCheckIn} (${d.hours} h ago; expected every ${d.frequency} min)`,
      it: (d) =>
        `${d.name} ha eseguito l'ultimo check-in il ${d.lastCheckIn} (${d.hours} h fa; previsto ogni ${d.frequency} min)`,
    }),
  },
  run(fleet, ctx) {
    const frequency = fleet.jamf.checkInFrequency ?? 15;
    for (const mac of fleet.eachMac()) {
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        const lastCheckIn = c.lastCheckIn;
        if (lastCheckIn === null) {
          ctx.unknown(`Jamf computer ${c.id} has no last check-in time`, subject.mac(mac));
          continue;
        }
        if (ctx.now - lastCheckIn <= DAY) continue;
        ctx.report({
          messageId: 'overdue',
          data: {
            name: c.name ?? mac.key,
            lastCheckIn: iso(lastCheckIn),
            hours: hoursBetween(lastCheckIn, ctx.now),
            frequency,
          },
          subjects: [subject.mac(mac)],
          evidence: [evidence.jamf(c, FIELDS)],
        });
      }
    }
  },
});
