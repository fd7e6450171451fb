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
  modes: ['legacy', 'device-compliance'],
  requires: [DATASETS.managedDevices.id, DATASETS.computers.id],
  title: {
    en: 'A Jamf-managed Mac is enrolled in Intune directly, not through Jamf',
    it: 'Un Mac gestito da Jamf è registrato in Intune direttamente, non tramite Jamf',
  },
  cause: {
    en: 'The user opened Company Portal by hand instead of from Jamf Self Service, so the Mac enrolled in Intune on its own (management agent other than jamf) without the connection to Jamf. Company Portal then shows "Not registered". With Device Compliance, Jamf Macs are not in Intune at all; a Mac still enrolled in Intune is evaluated by Intune\'s own compliance policies, and Intune ignores the compliance Jamf Pro sends for it.',
    it: 'L\'utente ha aperto Portale aziendale manualmente invece che da Jamf Self Service, quindi il Mac si è registrato in Intune da solo (agente di gestione diverso da jamf) senza la connessione a Jamf. Portale aziendale mostra quindi "Not registered". Con Device Compliance i Mac di Jamf non sono affatto in Intune; un Mac ancora registrato in Intune viene valutato con i criteri di conformità di Intune, e Intune ignora la conformità inviata da Jamf Pro.',
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
  sources: [
    'article: devices fail to register, cause 4',
    'Microsoft Learn: third-party device compliance partners, "If devices … still appear enrolled in Intune, Intune applies its own compliance policies and ignores third-party policies" (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/third-party-partners.md)',
  ],
  symptoms: ['Portal launched without WPJ only arg while account is under partner management', 'Not registered'],
  messages: {
    directEnrolment: msg<{ name: string; serial: string; agent: string; record: string }>({
      en: (d) =>
        `${d.name} (${d.serial}) is managed by Jamf but has Intune record ${d.record} with management agent ${d.agent}`,
      it: (d) =>
        `${d.name} (${d.serial}) è gestito da Jamf ma ha il record Intune ${d.record} con agente di gestione ${d.agent}`,
    }),
    directEnrolmentDc: msg<{ name: string; serial: string; agent: string; record: string }>({
      en: (d) =>
        `${d.name} (${d.serial}) is managed by Jamf Device Compliance but is also enrolled in Intune (record ${d.record}, management agent ${d.agent}): Intune evaluates it with its own policies and ignores Jamf Pro's compliance`,
      it: (d) =>
        `${d.name} (${d.serial}) è gestito da Jamf Device Compliance ma è anche registrato in Intune (record ${d.record}, agente di gestione ${d.agent}): Intune lo valuta con i propri criteri e ignora la conformità di Jamf Pro`,
    }),
  },
  run(fleet, ctx) {
    const messageId = ctx.mode.detected === 'device-compliance' ? 'directEnrolmentDc' : 'directEnrolment';
    for (const mac of fleet.eachMac()) {
      if (!mac.managedByJamf) continue;
      for (const d of mac.intune()) {
        const agent = d.managementAgent;
        if (!agent || agent === 'jamf') continue;
        ctx.report({
          messageId,
          data: { name: mac.name ?? mac.key, serial: mac.serial ?? mac.key, agent, record: d.id },
          subjects: [subject.mac(mac)],
          evidence: [evidence.intune(d, INTUNE_FIELDS), managedComputerEvidence(mac)],
        });
      }
    }
  },
});
