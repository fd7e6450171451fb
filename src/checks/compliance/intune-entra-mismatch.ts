import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const INTUNE_FIELDS = ['deviceName', 'serialNumber', 'complianceState', 'azureADDeviceId', 'lastSyncDateTime'] as const;
const ENTRA_FIELDS = ['deviceId', 'displayName', 'isCompliant', 'isManaged', 'registrationDateTime'] as const;

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
    for (const mac of fleet.eachMac()) {
      // Only a Mac with a compliant Intune record whose Entra device is missing or not compliant goes further.
      let suspect = false;
      for (const d of mac.intune()) {
        if (d.complianceState !== 'compliant') continue;
        if (mac.entraOf(d)?.isCompliant !== true) {
          suspect = true;
          break;
        }
      }
      if (!suspect) continue;
      const name = mac.name ?? mac.key;
      for (const d of mac.intune()) {
        if (d.complianceState !== 'compliant') continue;
        const deviceId = d.entraDeviceId;
        if (deviceId === null) {
          ctx.report({
            messageId: 'notRegistered',
            data: { name, intune: d.id },
            subjects: [subject.mac(mac)],
            evidence: [evidence.intune(d, INTUNE_FIELDS)],
          });
          continue;
        }
        // The Mac's first Entra device with the device id the Intune record points to.
        const e = mac.entraOf(d);
        if (e === null) {
          ctx.report({
            messageId: 'entraMissing',
            data: { name, intune: d.id, deviceId },
            subjects: [subject.mac(mac)],
            evidence: [evidence.intune(d, INTUNE_FIELDS)],
          });
        } else if (e.isCompliant !== true) {
          ctx.report({
            messageId: 'entraNoncompliant',
            data: { name, intune: d.id, deviceId, isCompliant: e.isCompliant },
            subjects: [subject.mac(mac)],
            evidence: [evidence.intune(d, INTUNE_FIELDS), evidence.entra(e, ENTRA_FIELDS)],
          });
        }
      }
    }
  },
});
