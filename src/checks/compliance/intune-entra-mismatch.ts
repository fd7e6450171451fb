import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { rowEvidence, subject } from '../util.js';

export default defineCheck({
  id: 'compliance/intune-entra-mismatch',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.managedDevices.id, DATASETS.devices.id],
  title: {
    en: 'A Mac is compliant in Intune but not in Entra',
    it: 'Un Mac è conforme in Intune ma non in Entra',
  },
  cause: {
    en: 'Conditional Access reads compliance from the Entra device object. When the Mac is not registered correctly, or was registered several times without clean-up, the Intune record’s compliance never reaches the Entra device it points to, and the user is blocked although Intune says compliant.',
    it: "L'accesso condizionale legge la conformità dall'oggetto dispositivo Entra. Quando il Mac non è registrato correttamente, o è stato registrato più volte senza pulizia, la conformità del record Intune non raggiunge mai il dispositivo Entra a cui punta, e l'utente viene bloccato anche se Intune lo indica come conforme.",
  },
  resolution: {
    en: [
      'Look for duplicates of the Mac first (entra/duplicate-device-records, intune/duplicate-device-records): they are the usual cause.',
      'Follow the cause-6 clean-up for the Mac (`jidoctor fix compliance/intune-entra-mismatch --mac SERIAL --script`): remove the Mac-side registration, delete the stale Intune and Entra records.',
      'Wait at least 30 minutes, then re-register the Mac from Jamf Self Service and check that the Entra device shows compliant.',
    ],
    it: [
      'Cercare prima i duplicati del Mac (entra/duplicate-device-records, intune/duplicate-device-records): sono la causa abituale.',
      'Seguire la pulizia della causa 6 per il Mac (`jidoctor fix compliance/intune-entra-mismatch --mac SERIALE --script`): rimuovere la registrazione sul Mac, eliminare i record Intune ed Entra obsoleti.',
      'Attendere almeno 30 minuti, poi registrare di nuovo il Mac da Jamf Self Service e verificare che il dispositivo Entra risulti conforme.',
    ],
  },
  sources: ['article: Mac device shows compliant in Intune but noncompliant in Azure'],
  messages: {
    entraNoncompliant: msg<{ name: string; intune: string; deviceId: string; isCompliant: boolean | null }>({
      en: (d) =>
        `${d.name}: Intune record ${d.intune} is compliant, but Entra device ${d.deviceId} has isCompliant ${d.isCompliant === false ? 'false' : 'not set'}`,
      it: (d) =>
        `${d.name}: il record Intune ${d.intune} è conforme, ma il dispositivo Entra ${d.deviceId} ha isCompliant ${d.isCompliant === false ? 'false' : 'non impostato'}`,
    }),
    entraMissing: msg<{ name: string; intune: string; deviceId: string }>({
      en: (d) => `${d.name}: Intune record ${d.intune} is compliant, but Entra has no device ${d.deviceId}`,
      it: (d) => `${d.name}: il record Intune ${d.intune} è conforme, ma Entra non ha il dispositivo ${d.deviceId}`,
    }),
    notRegistered: msg<{ name: string; intune: string }>({
      en: (d) =>
        `${d.name}: Intune record ${d.intune} is compliant, but it points to no Entra device (azureADDeviceId empty)`,
      it: (d) =>
        `${d.name}: il record Intune ${d.intune} è conforme, ma non punta ad alcun dispositivo Entra (azureADDeviceId vuoto)`,
    }),
  },
  run(fleet, ctx) {
    const idx = fleet.index;
    const t = idx.t;
    const compliant = t.enums.find('compliant');
    const intuneEvidence = rowEvidence.intune(fleet, [
      'deviceName',
      'serialNumber',
      'complianceState',
      'azureADDeviceId',
      'lastSyncDateTime',
    ]);
    const entraEvidence = rowEvidence.entra(fleet, [
      'deviceId',
      'displayName',
      'isCompliant',
      'isManaged',
      'registrationDateTime',
    ]);
    const { start: iStart, list: iList } = idx.intune;
    const { start: eStart, list: eList } = idx.entra;
    const complianceState = t.intune.enums.complianceState;
    const intuneDevice = t.intune.keys.deviceIdKey;
    const entraDevice = t.entra.keys.deviceIdKey;
    const entraCompliant = t.entra.bools.isCompliant;
    for (let mi = 0; mi < idx.macCount; mi++) {
      // Only a Mac with a compliant Intune record whose Entra device is missing or not compliant goes further.
      let suspect = false;
      for (let x = iStart[mi]!; x < iStart[mi + 1]! && !suspect; x++) {
        const i = iList[x]!;
        if (complianceState[i] !== compliant) continue;
        const key = intuneDevice[i]!;
        let entra = -1;
        for (let y = eStart[mi]!; y < eStart[mi + 1]! && key >= 0; y++) {
          if (entraDevice[eList[y]!] === key) {
            entra = eList[y]!;
            break;
          }
        }
        suspect = entra < 0 || entraCompliant[entra] !== 1;
      }
      if (!suspect) continue;
      const mac = subject.macAt(fleet, mi);
      const name = mac.name ?? mac.id;
      for (let x = idx.intune.start[mi]!; x < idx.intune.start[mi + 1]!; x++) {
        const i = idx.intune.list[x]!;
        if (t.intune.enums.complianceState[i] !== compliant) continue;
        const intune = t.intune.str.id.get(i)!;
        // The device id key is the normalised azureADDeviceId; key ids compare as the normalised strings.
        const key = t.intune.keys.deviceIdKey[i]!;
        if (key < 0) {
          ctx.report({
            messageId: 'notRegistered',
            data: { name, intune },
            subjects: [mac],
            evidence: [intuneEvidence(i)],
          });
          continue;
        }
        const deviceId = t.keys.deviceId.get(key);
        // The Mac's first Entra device with that device id.
        let entra = -1;
        for (let y = idx.entra.start[mi]!; y < idx.entra.start[mi + 1]!; y++) {
          if (t.entra.keys.deviceIdKey[idx.entra.list[y]!] === key) {
            entra = idx.entra.list[y]!;
            break;
          }
        }
        if (entra < 0) {
          ctx.report({
            messageId: 'entraMissing',
            data: { name, intune, deviceId },
            subjects: [mac],
            evidence: [intuneEvidence(i)],
          });
          continue;
        }
        const isCompliant = t.entra.bools.isCompliant[entra]!;
        if (isCompliant === 1) continue;
        ctx.report({
          messageId: 'entraNoncompliant',
          data: { name, intune, deviceId, isCompliant: isCompliant < 0 ? null : false },
          subjects: [mac],
          evidence: [intuneEvidence(i), entraEvidence(entra)],
        });
      }
    }
  },
});
