// The code of src/checks/licenses/intune-missing.ts as of commit 79d5cc3 (main before the checks-speed change), verbatim but for import paths:
// the reference that test/reference-checks.test.ts compares the faster code path with. Do not edit.

import { defineCheck, msg } from '../../../src/checks/define.js';
import { DATASETS } from '../../../src/model/datasets.js';
import { evidence, IDS, list, subject } from '../util.js';
import { unlicensedUsers } from './shared.js';

const INTUNE_PLANS = [IDS.planIntuneA, IDS.planIntuneEdu];

export default defineCheck({
  id: 'licenses/intune-missing',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.users.id, DATASETS.computers.id],
  title: {
    en: 'A user of a Jamf-managed Mac has no Intune licence',
    it: 'Un utente di un Mac gestito da Jamf non ha una licenza Intune',
  },
  cause: {
    en: 'Every user of the integration needs an enabled Microsoft Intune service plan (INTUNE_A, or INTUNE_EDU). Without it the Mac cannot register and Jamf Pro reports that it is unable to connect to Microsoft Intune.',
    it: "Ogni utente dell'integrazione deve avere un piano di servizio Microsoft Intune abilitato (INTUNE_A o INTUNE_EDU). Senza, il Mac non può registrarsi e Jamf Pro segnala di non riuscire a connettersi a Microsoft Intune.",
  },
  resolution: {
    en: [
      'Assign the user a licence that includes Microsoft Intune (Intune Plan 1, EMS E3/E5, Microsoft 365 E3/E5 or Business Premium) in the Microsoft 365 admin center > Users > Active users > Licenses and apps, or through a licensed group.',
      'Make sure the Intune service plan is switched on in that licence (a disabled plan counts as missing).',
      'Graph: POST /users/{id}/assignLicense with the SKU id; check with GET /users/{id}?$select=assignedPlans.',
      'Ask the user to run the registration policy from Jamf Self Service again.',
    ],
    it: [
      "Assegnare all'utente una licenza che includa Microsoft Intune (Intune Piano 1, EMS E3/E5, Microsoft 365 E3/E5 o Business Premium) nell'interfaccia di amministrazione di Microsoft 365 > Utenti > Utenti attivi > Licenze e app, o tramite un gruppo con licenza.",
      'Verificare che il piano di servizio Intune sia attivo in quella licenza (un piano disabilitato equivale a uno mancante).',
      "Graph: POST /users/{id}/assignLicense con l'id dello SKU; verificare con GET /users/{id}?$select=assignedPlans.",
      "Chiedere all'utente di eseguire di nuovo il criterio di registrazione da Jamf Self Service.",
    ],
  },
  sources: ['article: devices fail to register, cause 3; prerequisites'],
  symptoms: ['Unable to connect to Microsoft Intune.', 'Check your Microsoft Intune Integration configuration.'],
  messages: {
    unlicensed: msg<{ user: string; macs: string[]; disabled: boolean }>({
      en: (d) =>
        `${d.user} has no enabled Intune service plan${d.disabled ? ' (the account is also disabled)' : ''}; Macs: ${list(d.macs)}`,
      it: (d) =>
        `${d.user} non ha un piano di servizio Intune abilitato${d.disabled ? " (anche l'account è disabilitato)" : ''}; Mac: ${list(d.macs)}`,
    }),
  },
  run(fleet, ctx) {
    for (const { key, user, macs } of unlicensedUsers(fleet, ctx, INTUNE_PLANS)) {
      ctx.report({
        messageId: 'unlicensed',
        data: { user: key, macs: macs.map((m) => m.name ?? m.key), disabled: user.accountEnabled === false },
        subjects: [subject.user(key, user), ...macs.map((m) => subject.mac(m))],
        evidence: [
          evidence.record(DATASETS.users.id, user.id, {
            userPrincipalName: user.userPrincipalName,
            accountEnabled: user.accountEnabled,
            'assignedPlans[capabilityStatus=Enabled].servicePlanId': [...user.enabledPlans],
          }),
        ],
      });
    }
  },
});
