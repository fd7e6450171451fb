import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

export default defineCheck({
  id: 'intune/jamf-mac-not-reported',
  severity: 'medium',
  modes: ['legacy'],
  requires: [DATASETS.managedDevices.id, DATASETS.computers.id],
  title: {
    en: 'A registered Jamf Mac has no Intune record',
    it: 'Un Mac Jamf registrato non ha un record in Intune',
  },
  cause: {
    en: 'Jamf Pro shows the Mac’s Entra registration as ACTIVATED, but Intune has no record for it: Jamf has not sent its inventory to Intune (the connector is off or failing, the Mac is outside the integration’s scope, or its Intune record was deleted without re-registration).',
    it: "Jamf Pro mostra la registrazione Entra del Mac come ACTIVATED, ma Intune non ne ha alcun record: Jamf non ha inviato il suo inventario a Intune (il connettore è spento o in errore, il Mac è fuori dall'ambito dell'integrazione, o il suo record Intune è stato eliminato senza una nuova registrazione).",
  },
  resolution: {
    en: [
      'Check the connector: Intune admin center > Tenant administration > Connectors and tokens > Partner device management must show Jamf as Active.',
      'In Jamf Pro, make sure the Mac is in the scope of the macOS Intune integration (Settings > Global > Conditional Access) and update its inventory (`sudo jamf recon`).',
      'If the record was deleted, re-run the registration policy from Jamf Self Service.',
    ],
    it: [
      'Verificare il connettore: interfaccia di amministrazione di Intune > Amministrazione tenant > Connettori e token > Gestione dispositivi partner deve mostrare Jamf come Attivo.',
      "In Jamf Pro, verificare che il Mac rientri nell'ambito dell'integrazione Intune per macOS (Impostazioni > Globali > Accesso condizionale) e aggiornarne l'inventario (`sudo jamf recon`).",
      'Se il record è stato eliminato, eseguire di nuovo il criterio di registrazione da Jamf Self Service.',
    ],
  },
  sources: ['article: devices fail to register'],
  messages: {
    notReported: msg<{ name: string; serial: string; deviceId: string }>({
      en: (d) => `${d.name} (${d.serial}) is registered with Entra (device ${d.deviceId}) but has no Intune record`,
      it: (d) =>
        `${d.name} (${d.serial}) è registrato in Entra (dispositivo ${d.deviceId}) ma non ha un record in Intune`,
    }),
  },
  run(fleet, ctx) {
    for (const mac of fleet.eachMac()) {
      if (mac.intuneCount > 0) continue;
      // The first managed Jamf computer with an account registered with Entra (ACTIVATED) names the Mac's device.
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        let deviceId: string | null | undefined;
        for (const a of c.accounts()) {
          if (a.registration === 'ACTIVATED') {
            deviceId = a.computerAzureActiveDirectoryId;
            break;
          }
        }
        if (deviceId === undefined) continue;
        ctx.report({
          messageId: 'notReported',
          data: { name: c.name ?? mac.key, serial: mac.serial ?? mac.key, deviceId: deviceId ?? '—' },
          subjects: [subject.mac(mac)],
          evidence: [evidence.jamfAccountsOf(c)],
        });
        break;
      }
    }
  },
});
