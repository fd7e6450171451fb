import { isoOf } from '../../api/common.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { list, subject } from '../util.js';
import { controlNames, registrationApp, registrationBlockingControls } from './shared.js';

/**
 * Start of Microsoft's baseline-scopes enforcement (MC1223829): from this day a policy for All resources that has
 * any resource exclusion is enforced for sign-ins asking only baseline scopes (openid, profile, email,
 * offline_access, User.Read…). https://learn.microsoft.com/entra/identity/conditional-access/concept-enforcement-resource-exclusions
 */
export const BASELINE_SCOPES_ENFORCED = Date.UTC(2026, 5, 15);
const SINCE = '2026-06-15';

export default defineCheck({
  id: 'entra-app/registration-blocked-baseline-scopes',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [DATASETS.conditionalAccess.id, DATASETS.servicePrincipals.id],
  title: {
    en: 'Excluding the registration app may no longer let Macs register (baseline scopes enforcement)',
    it: "Escludere l'app di registrazione potrebbe non bastare più ai Mac per registrarsi (applicazione degli ambiti di base)",
  },
  cause: {
    en: 'Since 2026-06-15 Microsoft enforces Conditional Access policies that target all resources and have any resource exclusion also for sign-ins that ask only for "baseline scopes" (openid, profile, email, offline_access, User.Read and a few directory scopes): those are now evaluated as directory access. The Device Compliance registration sign-in is reported to be such a sign-in, so a policy that requires a compliant device blocks registration with error 530003 even though the "User registration app for Device Compliance" is excluded. Microsoft rolls the change out progressively (worldwide by mid-August 2026), and a policy\'s baseline-scopes behaviour can be customised in the Entra admin center, which Graph v1.0 does not show: confirm with the sign-in logs.',
    it: 'Dal 15-06-2026 Microsoft applica i criteri di accesso condizionale che riguardano tutte le risorse e hanno una qualsiasi esclusione di risorse anche agli accessi che chiedono solo gli "ambiti di base" (openid, profile, email, offline_access, User.Read e alcuni ambiti della directory): ora sono valutati come accesso alla directory. L\'accesso della registrazione di Device Compliance risulta essere uno di questi, quindi un criterio che richiede un dispositivo conforme blocca la registrazione con l\'errore 530003 anche se la "User registration app for Device Compliance" è esclusa. Microsoft distribuisce la modifica progressivamente (in tutto il mondo entro metà agosto 2026) e il comportamento di un criterio per gli ambiti di base si può personalizzare nell\'interfaccia di amministrazione di Entra, che Graph v1.0 non mostra: confermare con i log di accesso.',
  },
  resolution: {
    en: [
      'In Entra admin center > Monitoring > Sign-in logs, filter on the application "User registration app for Device Compliance" (appId in the finding) and look for failures 530003 or 53000 on the resource Microsoft Graph: they confirm the block.',
      'In the Conditional Access baseline-scopes settings, customise the behaviour of the policy named in the finding as Microsoft documents for apps that must sign in before the device is compliant; do not exclude Microsoft Graph itself.',
      'Or narrow the policy to the resources it must protect instead of all resources.',
      'Let the affected users run the registration policy from Jamf Self Service again.',
    ],
    it: [
      'Nell\'interfaccia di amministrazione di Entra > Monitoraggio > Log di accesso, filtrare sull\'applicazione "User registration app for Device Compliance" (appId nel risultato) e cercare errori 530003 o 53000 sulla risorsa Microsoft Graph: confermano il blocco.',
      "Nelle impostazioni degli ambiti di base dell'accesso condizionale, personalizzare il comportamento del criterio indicato nel risultato come documentato da Microsoft per le app che devono accedere prima che il dispositivo sia conforme; non escludere Microsoft Graph stesso.",
      'Oppure restringere il criterio alle risorse che deve proteggere invece di tutte le risorse.',
      'Far eseguire di nuovo agli utenti interessati il criterio di registrazione da Jamf Self Service.',
    ],
  },
  sources: [
    'Microsoft Learn: Improved enforcement for All resources policies with resource exclusions (https://learn.microsoft.com/entra/identity/conditional-access/concept-enforcement-resource-exclusions), rollout from 2026-06-15',
    'Office 365 for IT Pros: baseline scopes and Conditional Access, MC1223829 (https://office365itpros.com/2026/06/19/baseline-scopes-ca/)',
    'research: device-compliance.md §1 row 2 (Jamf registration failing with 530003 after the change: a third-party report)',
  ],
  symptoms: ['530003', 'Your device is required to be managed to access this resource'],
  messages: {
    'app-excluded': msg<{ policy: string; controls: string[]; app: string; appId: string; since: string }>({
      en: (d) =>
        `The Conditional Access policy "${d.policy}" targets all resources, requires ${controlNames(d.controls, 'en')} and excludes "${d.app}" (${d.appId}); since ${d.since} that exclusion may no longer exempt the registration sign-in, so Macs may fail to register with 530003`,
      it: (d) =>
        `Il criterio di accesso condizionale "${d.policy}" riguarda tutte le risorse, richiede ${controlNames(d.controls, 'it')} ed esclude "${d.app}" (${d.appId}); dal ${d.since} quell'esclusione potrebbe non esentare più l'accesso della registrazione, quindi i Mac potrebbero non registrarsi (errore 530003)`,
    }),
    'other-exclusions': msg<{
      policy: string;
      controls: string[];
      excluded: string;
      app: string;
      appId: string;
      since: string;
    }>({
      en: (d) =>
        `The Conditional Access policy "${d.policy}" targets all resources, requires ${controlNames(d.controls, 'en')} and excludes ${d.excluded}; since ${d.since} this makes it apply to baseline-scope sign-ins too, so excluding "${d.app}" (${d.appId}) as well may not let Macs register`,
      it: (d) =>
        `Il criterio di accesso condizionale "${d.policy}" riguarda tutte le risorse, richiede ${controlNames(d.controls, 'it')} ed esclude ${d.excluded}; dal ${d.since} per questo si applica anche agli accessi con i soli ambiti di base, quindi escludere anche "${d.app}" (${d.appId}) potrebbe non bastare ai Mac per registrarsi`,
    }),
  },
  notApplicable: (fleet) =>
    fleet.asOf < BASELINE_SCOPES_ENFORCED
      ? {
          en: `the snapshot was taken on ${isoOf(fleet.asOf)?.slice(0, 10) ?? 'an unknown date'}, before Microsoft began enforcing baseline scopes (${SINCE})`,
          it: `l'istantanea è del ${isoOf(fleet.asOf)?.slice(0, 10) ?? 'giorno sconosciuto'}, prima che Microsoft iniziasse ad applicare gli ambiti di base (${SINCE})`,
        }
      : null,
  run(fleet, ctx) {
    const { appId, app, alternatives } = registrationApp(fleet.servicePrincipals);
    for (const p of fleet.conditionalAccessPolicies) {
      const controls = registrationBlockingControls(p);
      if (!controls || p.excludeApplications.length === 0) continue;
      const appExcluded = p.excludeApplications.some((a) => alternatives.includes(a.toLowerCase()));
      const evidence = [
        {
          source: DATASETS.conditionalAccess.id,
          record: p.id,
          fields: {
            displayName: p.displayName,
            state: p.state,
            'conditions.applications.includeApplications': p.includeApplications,
            'conditions.applications.excludeApplications': p.excludeApplications,
            'grantControls.operator': p.grantOperator,
            'grantControls.builtInControls': p.builtInControls,
          },
        },
      ];
      const base = { policy: p.displayName ?? p.id, controls, app, appId, since: SINCE };
      if (appExcluded) {
        ctx.report({
          messageId: 'app-excluded',
          data: base,
          subjects: [subject.policy(p.id, p.displayName)],
          evidence,
        });
      } else {
        ctx.report({
          messageId: 'other-exclusions',
          data: { ...base, excluded: list(p.excludeApplications) },
          subjects: [subject.policy(p.id, p.displayName)],
          evidence,
        });
      }
    }
  },
});
