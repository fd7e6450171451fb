import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { subject } from '../util.js';
import { controlNames, registrationApp, registrationBlockingControls } from './shared.js';

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
      'Since 2026-06-15 an exclusion may not be enough on a policy for all resources: see entra-app/registration-blocked-baseline-scopes.',
    ],
    it: [
      "Aprire l'interfaccia di amministrazione di Microsoft Entra > Protezione > Accesso condizionale > Criteri e il criterio indicato nel risultato.",
      'In Risorse di destinazione > Escludi, scegliere Seleziona risorse e aggiungere "User registration app for Device Compliance" (appId nel risultato), poi salvare.',
      "Oppure con Graph (Policy.ReadWrite.ConditionalAccess): PATCH /v1.0/identity/conditionalAccess/policies/{id} con conditions.applications.excludeApplications impostato sull'elenco attuale più l'appId (l'array viene sostituito, non unito).",
      'Far eseguire di nuovo agli utenti interessati il criterio di registrazione da Jamf Self Service.',
      "Dal 15-06-2026 un'esclusione può non bastare in un criterio per tutte le risorse: vedere entra-app/registration-blocked-baseline-scopes.",
    ],
  },
  sources: [
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id), exclude the User registration app for Device Compliance from Conditional Access',
    'Jamf: DeviceComplianceMigrator.sh, the registration app’s appIds b03c10a8-71c7-45f9-b44a-3335ab76e970 (commercial) and dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae (GCC High) (https://github.com/benwhitis/Jamf_Conditional_Access)',
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
    const { appId, app, alternatives } = registrationApp(fleet.servicePrincipals);
    for (const p of fleet.conditionalAccessPolicies) {
      const controls = registrationBlockingControls(p);
      if (!controls) continue;
      if (p.excludeApplications.some((a) => alternatives.includes(a.toLowerCase()))) continue;
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
