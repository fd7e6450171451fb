import { DATASETS } from '../../model/datasets.js';
import { normDeviceId } from '../../model/keys.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

export default defineCheck({
  id: 'compliance/jamf-entra-mismatch',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.jamfCompliance.id, DATASETS.devices.id, DATASETS.computers.id],
  title: {
    en: 'Jamf Pro reports a Mac compliant, but its Entra device is not',
    it: 'Jamf Pro indica un Mac come conforme, ma il suo dispositivo Entra non lo è',
  },
  cause: {
    en: 'With Device Compliance, Jamf Pro computes compliance and sends it to the Entra device it knows for the Mac. When that device no longer exists, or the state never arrives (a broken connection, a second registration of the Mac), Conditional Access blocks the user although Jamf Pro says compliant.',
    it: "Con Device Compliance, Jamf Pro calcola la conformità e la invia al dispositivo Entra che conosce per il Mac. Quando quel dispositivo non esiste più, o lo stato non arriva mai (una connessione interrotta, una seconda registrazione del Mac), l'accesso condizionale blocca l'utente anche se Jamf Pro lo indica come conforme.",
  },
  resolution: {
    en: [
      'Check the connection first: Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management must show Jamf Device Compliance as Active (connector/device-compliance-partner-state).',
      'Look for another Entra device object of the Mac (entra/duplicate-device-records): a re-registration leaves the state on the old one.',
      'In Jamf Pro, open the computer > Inventory > Local User Accounts and check the Entra registration; update its inventory (`sudo jamf recon`) so that Jamf Pro sends the state again.',
      'If the Entra device is missing, have the user run the "Register with Microsoft Entra ID" policy from Self Service again (after the cause-6 clean-up if the Mac was registered before).',
    ],
    it: [
      'Verificare prima la connessione: interfaccia di amministrazione di Intune > Amministrazione tenant > Connettori e token > Gestione conformità partner deve mostrare Jamf Device Compliance come Attivo (connector/device-compliance-partner-state).',
      'Cercare un altro oggetto dispositivo Entra del Mac (entra/duplicate-device-records): una nuova registrazione lascia lo stato su quello vecchio.',
      "In Jamf Pro, aprire il computer > Inventario > Account utente locali e verificare la registrazione Entra; aggiornarne l'inventario (`sudo jamf recon`) perché Jamf Pro invii di nuovo lo stato.",
      'Se il dispositivo Entra manca, far eseguire all\'utente di nuovo il criterio "Registra con Microsoft Entra ID" da Self Service (dopo la pulizia della causa 6 se il Mac era già stato registrato).',
    ],
  },
  sources: ['Device Compliance docs; article: Mac device shows compliant in Intune but noncompliant in Azure'],
  symptoms: ['compliant in Intune but noncompliant in Azure'],
  messages: {
    entraNoncompliant: msg<{ name: string; computer: string; deviceId: string; isCompliant: boolean | null }>({
      en: (d) =>
        `${d.name}: Jamf Pro computer ${d.computer} is COMPLIANT, but Entra device ${d.deviceId} has isCompliant ${d.isCompliant === false ? 'false' : 'not set'}`,
      it: (d) =>
        `${d.name}: il computer Jamf Pro ${d.computer} è COMPLIANT, ma il dispositivo Entra ${d.deviceId} ha isCompliant ${d.isCompliant === false ? 'false' : 'non impostato'}`,
    }),
    entraMissing: msg<{ name: string; computer: string; deviceId: string }>({
      en: (d) =>
        `${d.name}: Jamf Pro sends the compliance of computer ${d.computer} to Entra device ${d.deviceId}, which does not exist`,
      it: (d) =>
        `${d.name}: Jamf Pro invia la conformità del computer ${d.computer} al dispositivo Entra ${d.deviceId}, che non esiste`,
    }),
    noEntraDevice: msg<{ name: string; computer: string }>({
      severity: 'medium',
      en: (d) =>
        `${d.name}: Device Compliance applies to Jamf Pro computer ${d.computer}, but Jamf Pro knows no Entra device for it`,
      it: (d) =>
        `${d.name}: Device Compliance si applica al computer Jamf Pro ${d.computer}, ma Jamf Pro non conosce alcun dispositivo Entra per esso`,
    }),
  },
  run(fleet, ctx) {
    for (const mac of fleet.eachMac()) {
      const compliance = mac.jamfCompliance;
      if (compliance.length === 0) continue;
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        for (const info of compliance) {
          if (info.computerId !== c.id || info.applicable !== true) continue;
          const name = c.name ?? mac.key;
          const ev = evidence.record(DATASETS.jamfCompliance.id.replace('{id}', c.id), c.id, {
            applicable: info.applicable,
            complianceState: info.complianceState,
            'complianceVendorDeviceInformation.deviceIds': info.deviceIds,
          });
          const ids = info.deviceIds.map((x) => normDeviceId(x)).filter((x): x is string => x !== null);
          if (ids.length === 0) {
            ctx.report({
              messageId: 'noEntraDevice',
              data: { name, computer: c.id },
              subjects: [subject.mac(mac)],
              evidence: [ev],
            });
            continue;
          }
          // UNKNOWN means Jamf Pro is still calculating: only a COMPLIANT state is compared with Entra.
          if ((info.complianceState ?? '').toUpperCase() !== 'COMPLIANT') continue;
          for (const id of ids) {
            const e = fleet.entraMacDevice(id);
            if (!e) {
              ctx.report({
                messageId: 'entraMissing',
                data: { name, computer: c.id, deviceId: id },
                subjects: [subject.mac(mac)],
                evidence: [ev],
              });
            } else if (e.isCompliant !== true) {
              ctx.report({
                messageId: 'entraNoncompliant',
                data: { name, computer: c.id, deviceId: id, isCompliant: e.isCompliant },
                subjects: [subject.mac(mac)],
                evidence: [ev, evidence.entra(e, ['deviceId', 'displayName', 'isCompliant', 'registrationDateTime'])],
              });
            }
          }
        }
      }
    }
  },
});
