import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { IDS, subject } from '../util.js';

const REGISTRATION_APP_NAME = /user registration app for device compliance/i;
/** Grant controls a Mac cannot satisfy before it has registered. */
const DEVICE_CONTROLS = ['compliantDevice', 'domainJoinedDevice'];
const CONTROL_NAMES: Record<string, { en: string; it: string }> = {
  compliantDevice: { en: 'a compliant device', it: 'un dispositivo conforme' },
  domainJoinedDevice: {
    en: 'a Microsoft Entra hybrid joined device',
    it: 'un dispositivo aggiunto ibrido a Microsoft Entra',
  },
};
const controlNames = (controls: string[], lang: 'en' | 'it'): string =>
  controls.map((c) => `${CONTROL_NAMES[c]?.[lang] ?? c} (${c})`).join(lang === 'en' ? ' or ' : ' o ');

export default defineCheck({
  id: 'entra-app/registration-app-not-excluded',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.conditionalAccess.id, DATASETS.servicePrincipals.id],
  title: {
    en: 'A Conditional Access policy blocks the Device Compliance registration app',
    it: "Un criterio di accesso condizionale blocca l'app di registrazione di Device Compliance",
  },
  cause: {
    en: 'Macs register with Entra through the "User registration app for Device Compliance". An enabled Conditional Access policy that targets all cloud apps and requires a compliant (or hybrid-joined) device also applies to that app; a Mac cannot be compliant before it has registered, so registration is blocked. Microsoft\'s Device Compliance guide asks to exclude the app from such policies.',
    it: 'I Mac si registrano in Entra tramite la "User registration app for Device Compliance". Un criterio di accesso condizionale abilitato che riguarda tutte le app cloud e richiede un dispositivo conforme (o aggiunto ibrido) si applica anche a quell\'app; un Mac non può essere conforme prima di essersi registrato, quindi la registrazione viene bloccata. La guida di Microsoft per Device Compliance chiede di escludere l\'app da questi criteri.',
  },
  resolution: {
    en: [
      'Open Entra admin center > Protection > Conditional Access > Policies and the policy named in the finding.',
      'Under Target resources > Exclude, choose Select resources and add "User registration app for Device Compliance" (appId in the finding), then Save.',
      'Or with Graph (Policy.ReadWrite.ConditionalAccess): PATCH /v1.0/identity/conditionalAccess/policies/{id} with conditions.applications.excludeApplications set to the current list plus the appId (the array is replaced, not merged).',
      'Let the affected users run the registration policy from Jamf Self Service again.',
    ],
    it: [
      "Aprire l'interfaccia di amministrazione di Microsoft Entra > Protezione > Accesso condizionale > Criteri e il criterio indicato nel risultato.",
      'In Risorse di destinazione > Escludi, scegliere Seleziona risorse e aggiungere "User registration app for Device Compliance" (appId nel risultato), poi salvare.',
      "Oppure con Graph (Policy.ReadWrite.ConditionalAccess): PATCH /v1.0/identity/conditionalAccess/policies/{id} con conditions.applications.excludeApplications impostato sull'elenco attuale più l'appId (l'array viene sostituito, non unito).",
      'Far eseguire di nuovo agli utenti interessati il criterio di registrazione da Jamf Self Service.',
    ],
  },
  sources: [
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id), exclude the User registration app for Device Compliance from Conditional Access',
  ],
  messages: {
    'not-excluded': msg<{ policy: string; controls: string[]; app: string; appId: string }>({
      en: (d) =>
        `The Conditional Access policy "${d.policy}" applies to all cloud apps and requires ${controlNames(d.controls, 'en')}, but does not exclude "${d.app}" (${d.appId}): Macs cannot register`,
      it: (d) =>
        `Il criterio di accesso condizionale "${d.policy}" si applica a tutte le app cloud e richiede ${controlNames(d.controls, 'it')}, ma non esclude "${d.app}" (${d.appId}): i Mac non possono registrarsi`,
    }),
  },
  run(fleet, ctx) {
    const sp = fleet.servicePrincipals.find((s) => REGISTRATION_APP_NAME.test(s.displayName ?? ''));
    const appId = sp?.appId ?? IDS.deviceComplianceRegistrationApp;
    const app = sp?.displayName ?? 'User registration app for Device Compliance';
    for (const p of fleet.conditionalAccessPolicies) {
      if (p.state !== 'enabled') continue;
      if (!p.includeApplications.some((a) => a.toLowerCase() === 'all')) continue;
      // Only policies that reach Macs: no platform condition, or one that includes macOS and does not exclude it.
      const lower = (l: string[]) => l.map((x) => x.toLowerCase());
      const include = lower(p.includePlatforms);
      if (include.length && !include.includes('all') && !include.includes('macos')) continue;
      if (lower(p.excludePlatforms).includes('macos')) continue;
      const controls = p.builtInControls.filter((c) => DEVICE_CONTROLS.includes(c));
      if (!controls.length) continue;
      // With OR, another control (MFA, say) satisfies the policy: registration is not blocked.
      if ((p.grantOperator ?? 'OR').toUpperCase() === 'OR' && controls.length < p.builtInControls.length) continue;
      if (p.excludeApplications.some((a) => a.toLowerCase() === appId.toLowerCase())) continue;
      ctx.report({
        messageId: 'not-excluded',
        data: { policy: p.displayName ?? p.id, controls, app, appId },
        subjects: [subject.policy(p.id, p.displayName)],
        evidence: [
          {
            source: DATASETS.conditionalAccess.id,
            record: p.id,
            fields: {
              displayName: p.displayName,
              state: p.state,
              'conditions.applications.includeApplications': p.includeApplications,
              'conditions.applications.excludeApplications': p.excludeApplications,
              'conditions.platforms.includePlatforms': p.includePlatforms,
              'grantControls.operator': p.grantOperator,
              'grantControls.builtInControls': p.builtInControls,
            },
          },
        ],
      });
    }
  },
});
