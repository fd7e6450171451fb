import { DATASETS } from '../../model/datasets.js';
import type { MacView } from '../../model/views.js';
import type { Evidence } from '../define.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const JAMF_FIELDS = ['name', 'serialNumber', 'managed'] as const;
const INTUNE_FIELDS = [
  'deviceName',
  'serialNumber',
  'managementAgent',
  'enrolledDateTime',
  'lastSyncDateTime',
] as const;

/** The Mac's first Jamf computer that Jamf Pro manages, as evidence. */
function managedComputerEvidence(mac: MacView): Evidence {
  for (const c of mac.jamf()) if (c.managed === true) return evidence.jamf(c, JAMF_FIELDS);
  throw new Error(`${mac.key} has no managed Jamf computer`);
}

export default defineCheck({
  id: 'intune/enrolled-outside-jamf',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.managedDevices.id, DATASETS.computers.id],
  title: {
    en: 'A Jamf-managed Mac is enrolled in Intune directly, not through Jamf',
    it: 'Un Mac gestito da Jamf è registrato in Intune direttamente, non tramite Jamf',
  },
  cause: {
    en: 'The user opened Company Portal by hand instead of from Jamf Self Service, so the Mac enrolled in Intune on its own (management agent other than jamf) without the connection to Jamf. Company Portal then shows "Not registered".',
    it: 'L\'utente ha aperto Portale aziendale manualmente invece che da Jamf Self Service, quindi il Mac si è registrato in Intune da solo (agente di gestione diverso da jamf) senza la connessione a Jamf. Portale aziendale mostra quindi "Not registered".',
  },
  resolution: {
    en: [
      'Unenrol the Mac from Intune (Intune admin center > Devices > the record > Retire, or remove the management profile on the Mac).',
      'If it does not leave Intune completely, follow the cause-6 clean-up (`jidoctor fix intune/enrolled-outside-jamf --mac SERIAL --script`).',
      'On the Mac, open Company Portal from Jamf Self Service and sign in with the work account to register through Jamf.',
    ],
    it: [
      'Annullare la registrazione del Mac da Intune (interfaccia di amministrazione di Intune > Dispositivi > il record > Ritira, o rimuovere il profilo di gestione sul Mac).',
      'Se non viene rimosso completamente da Intune, seguire la pulizia della causa 6 (`jidoctor fix intune/enrolled-outside-jamf --mac SERIALE --script`).',
      "Sul Mac, aprire Portale aziendale da Jamf Self Service e accedere con l'account aziendale per registrarsi tramite Jamf.",
    ],
  },
  sources: ['article: devices fail to register, cause 4'],
  symptoms: ['Portal launched without WPJ only arg while account is under partner management', 'Not registered'],
  messages: {
    directEnrolment: msg<{ name: string; serial: string; agent: string; record: string }>({
      en: (d) =>
        `${d.name} (${d.serial}) is managed by Jamf but has Intune record ${d.record} with management agent ${d.agent}`,
      it: (d) =>
        `${d.name} (${d.serial}) è gestito da Jamf ma ha il record Intune ${d.record} con agente di gestione ${d.agent}`,
    }),
  },
  run(fleet, ctx) {
    for (const mac of fleet.eachMac()) {
      if (!mac.managedByJamf) continue;
      for (const d of mac.intune()) {
        const agent = d.managementAgent;
        if (!agent || agent === 'jamf') continue;
        ctx.report({
          messageId: 'directEnrolment',
          data: { name: mac.name ?? mac.key, serial: mac.serial ?? mac.key, agent, record: d.id },
          subjects: [subject.mac(mac)],
          evidence: [evidence.intune(d, INTUNE_FIELDS), managedComputerEvidence(mac)],
        });
      }
    }
  },
});
