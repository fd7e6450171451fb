import { DATASETS } from '../../model/datasets.js';
import type { IntuneView } from '../../model/views.js';
import { defineCheck, type Evidence, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const FIELDS = ['serialNumber', 'deviceName', 'lastSyncDateTime', 'enrolledDateTime', 'managementAgent'] as const;

export default defineCheck({
  id: 'intune/duplicate-device-records',
  severity: 'medium',
  modes: ['legacy'],
  requires: [DATASETS.managedDevices.id],
  title: {
    en: 'A Mac has more than one Intune device record',
    it: 'Un Mac ha più di un record di dispositivo in Intune',
  },
  cause: {
    en: 'The Mac was enrolled in Intune more than once, usually re-registered after it was removed, and the old records were not cleaned up. Duplicates stop Jamf from registering the Mac and confuse compliance.',
    it: 'Il Mac è stato registrato in Intune più volte, di solito dopo essere stato rimosso, e i vecchi record non sono stati eliminati. I duplicati impediscono a Jamf di registrare il Mac e confondono la conformità.',
  },
  resolution: {
    en: [
      'Keep the record that synced most recently (named in the finding) and note the ids of the others.',
      'On the Mac, follow the cause-6 clean-up (`jidoctor fix intune/duplicate-device-records --mac SERIAL --script` writes it).',
      'Delete the stale Intune records (Intune admin center > Devices > macOS), then the matching Entra device objects.',
      'Wait at least 30 minutes, then re-register the Mac from Jamf Self Service.',
    ],
    it: [
      'Mantenere il record sincronizzato più di recente (indicato nel risultato) e annotare gli id degli altri.',
      'Sul Mac, eseguire la pulizia della causa 6 (`jidoctor fix intune/duplicate-device-records --mac SERIALE --script` la genera).',
      'Eliminare i record Intune obsoleti (interfaccia di amministrazione di Intune > Dispositivi > macOS), poi gli oggetti dispositivo Entra corrispondenti.',
      'Attendere almeno 30 minuti, poi registrare di nuovo il Mac da Jamf Self Service.',
    ],
  },
  sources: ['article: duplicate entries appear in the Intune console; cause 6'],
  messages: {
    duplicates: msg<{ serial: string; count: number; keep: string; remove: string[] }>({
      en: (d) =>
        `Serial ${d.serial} has ${d.count} Intune records; keep ${d.keep} (newest sync), remove ${d.remove.join(', ')}`,
      it: (d) =>
        `Il seriale ${d.serial} ha ${d.count} record in Intune; mantenere ${d.keep} (sincronizzazione più recente), rimuovere ${d.remove.join(', ')}`,
    }),
  },
  run(fleet, ctx) {
    for (const mac of fleet.eachMac()) {
      if (mac.intuneCount < 2 || mac.serial === null) continue;
      // The Mac's Intune records with the Mac's serial. The newest sync is kept; the first record wins ties, and a
      // record without a sync only when it is first.
      let count = 0;
      let newest: IntuneView | null = null;
      let newestSync = Number.NEGATIVE_INFINITY;
      for (const d of mac.intune()) {
        if (!d.hasMacSerial) continue;
        count++;
        const synced = d.lastSyncDateTime ?? Number.NEGATIVE_INFINITY;
        if (newest === null || synced > newestSync) {
          newest = d.keep();
          newestSync = synced;
        }
      }
      if (count < 2 || newest === null) continue;
      const remove: string[] = [];
      const records: Evidence[] = [];
      for (const d of mac.intune()) {
        if (!d.hasMacSerial) continue;
        if (!d.is(newest)) remove.push(d.id);
        records.push(evidence.intune(d, FIELDS));
      }
      ctx.report({
        messageId: 'duplicates',
        data: { serial: mac.serial, count, keep: newest.id, remove },
        subjects: [subject.mac(mac)],
        evidence: records,
      });
    }
  },
});
