// The code of src/checks/licenses/entra-p1-missing.ts as of commit 79d5cc3 (main before the checks-speed change), verbatim but for import paths:
// the reference that test/reference-checks.test.ts compares the faster code path with. Do not edit.

import { defineCheck, msg } from '../../../src/checks/define.js';
import { DATASETS } from '../../../src/model/datasets.js';
import { evidence, IDS, list, subject } from '../util.js';
import { unlicensedUsers } from './shared.js';

const P1_PLANS = [IDS.planAadPremium, IDS.planAadPremiumP2];

export default defineCheck({
  id: 'licenses/entra-p1-missing',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.users.id, DATASETS.computers.id],
  title: {
    en: 'A user of a Jamf-managed Mac has no Entra ID P1 licence',
    it: 'Un utente di un Mac gestito da Jamf non ha una licenza Entra ID P1',
  },
  cause: {
    en: 'The article’s prerequisites require a Microsoft Entra ID P1 (or P2) licence for every user: Conditional Access, which acts on the compliance that Jamf reports, needs it.',
    it: "I prerequisiti dell'articolo richiedono una licenza Microsoft Entra ID P1 (o P2) per ogni utente: l'accesso condizionale, che agisce sulla conformità segnalata da Jamf, ne ha bisogno.",
  },
  resolution: {
    en: [
      'Assign the user a licence that includes Entra ID P1 or P2 (Entra ID P1/P2, EMS E3/E5, Microsoft 365 E3/E5 or Business Premium), directly or through a licensed group.',
      'Make sure the AAD_PREMIUM (or AAD_PREMIUM_P2) service plan is enabled in that licence.',
      'Graph: POST /users/{id}/assignLicense; check with GET /users/{id}?$select=assignedPlans.',
    ],
    it: [
      "Assegnare all'utente una licenza che includa Entra ID P1 o P2 (Entra ID P1/P2, EMS E3/E5, Microsoft 365 E3/E5 o Business Premium), direttamente o tramite un gruppo con licenza.",
      'Verificare che il piano di servizio AAD_PREMIUM (o AAD_PREMIUM_P2) sia abilitato in quella licenza.',
      'Graph: POST /users/{id}/assignLicense; verificare con GET /users/{id}?$select=assignedPlans.',
    ],
  },
  sources: ['article: prerequisites (Intune and Entra ID P1 licences for all users)'],
  messages: {
    unlicensed: msg<{ user: string; macs: string[] }>({
      en: (d) => `${d.user} has no enabled Entra ID P1 or P2 service plan; Macs: ${list(d.macs)}`,
      it: (d) => `${d.user} non ha un piano di servizio Entra ID P1 o P2 abilitato; Mac: ${list(d.macs)}`,
    }),
  },
  run(fleet, ctx) {
    for (const { key, user, macs } of unlicensedUsers(fleet, ctx, P1_PLANS)) {
      ctx.report({
        messageId: 'unlicensed',
        data: { user: key, macs: macs.map((m) => m.name ?? m.key) },
        subjects: [subject.user(key, user), ...macs.map((m) => subject.mac(m))],
        evidence: [
          evidence.record(DATASETS.users.id, user.id, {
            userPrincipalName: user.userPrincipalName,
            'assignedPlans[capabilityStatus=Enabled].servicePlanId': [...user.enabledPlans],
          }),
        ],
      });
    }
  },
});
