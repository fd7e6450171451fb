import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { rowEvidence, subject } from '../util.js';

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
    const idx = fleet.index;
    const I = idx.t.intune;
    const serialKey = I.keys.serialKey;
    const synced = I.dates.lastSyncDateTime;
    const { start, list } = idx.intune;
    const intuneEvidence = rowEvidence.intune(fleet, [
      'serialNumber',
      'deviceName',
      'lastSyncDateTime',
      'enrolledDateTime',
      'managementAgent',
    ]);
    for (let mi = 0; mi < idx.macCount; mi++) {
      const serial = idx.macSerial[mi]!;
      if (start[mi + 1]! - start[mi]! < 2 || serial < 0) continue;
      // The Mac's Intune records whose normalised serial is the Mac's (key ids compare as the normalised strings).
      let n = 0;
      for (let x = start[mi]!; x < start[mi + 1]!; x++) if (serialKey[list[x]!] === serial) n++;
      if (n < 2) continue;
      const same: number[] = [];
      // The newest sync wins; the first record wins ties, and a record without a sync only when it is first.
      let keep = -1;
      let keepSync = Number.NEGATIVE_INFINITY;
      for (let x = start[mi]!; x < start[mi + 1]!; x++) {
        const i = list[x]!;
        if (serialKey[i] !== serial) continue;
        same.push(i);
        const v = synced[i]!;
        const k = Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
        if (keep < 0 || k > keepSync) {
          keep = i;
          keepSync = k;
        }
      }
      const remove: string[] = [];
      for (const i of same) if (i !== keep) remove.push(I.str.id.get(i)!);
      ctx.report({
        messageId: 'duplicates',
        data: { serial: idx.t.keys.serial.get(serial), count: same.length, keep: I.str.id.get(keep)!, remove },
        subjects: [subject.macAt(fleet, mi)],
        evidence: same.map(intuneEvidence),
      });
    }
  },
});
