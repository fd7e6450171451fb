// The code of src/checks/intune/duplicate-device-records.ts as of commit 79d5cc3 (main before the checks-speed change), verbatim but for import paths:
// the reference that test/reference-checks.test.ts compares the faster code path with. Do not edit.

import { defineCheck, msg } from '../../../src/checks/define.js';
import { DATASETS } from '../../../src/model/datasets.js';
import { normSerial } from '../../../src/model/keys.js';
import { evidence, latestBy, subject } from '../util.js';

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
    const serialKey = idx.t.intune.keys.serialKey;
    const { start, list } = idx.intune;
    for (let mi = 0; mi < idx.macCount; mi++) {
      const serial = idx.macSerial[mi]!;
      if (start[mi + 1]! - start[mi]! < 2 || serial < 0) continue;
      let n = 0;
      for (let x = start[mi]!; x < start[mi + 1]!; x++) if (serialKey[list[x]!] === serial) n++;
      if (n < 2) continue;
      const mac = idx.mac(mi);
      if (mac.intune.length < 2 || !mac.serial) continue;
      const same = mac.intune.filter((d) => normSerial(d.serialNumber) === mac.serial);
      if (same.length < 2) continue;
      const keep = latestBy(same, (d) => d.lastSyncDateTime)!;
      const remove = same.filter((d) => d !== keep).map((d) => d.id);
      ctx.report({
        messageId: 'duplicates',
        data: { serial: mac.serial, count: same.length, keep: keep.id, remove },
        subjects: [subject.mac(mac)],
        evidence: same.map((d) =>
          evidence.intune(d, ['serialNumber', 'deviceName', 'lastSyncDateTime', 'enrolledDateTime', 'managementAgent']),
        ),
      });
    }
  },
});
