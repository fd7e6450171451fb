// The code of src/checks/jamf/entra-registration-unresponsive.ts as of commit 79d5cc3 (main before the checks-speed change), verbatim but for import paths:
// the reference that test/reference-checks.test.ts compares the faster code path with. Do not edit.

import { defineCheck, msg } from '../../../src/checks/define.js';
import { DATASETS } from '../../../src/model/datasets.js';
import { eachManagedJamf, enumFlags, evidence, hasAccountState, list, subject } from '../util.js';

export default defineCheck({
  id: 'jamf/entra-registration-unresponsive',
  severity: 'high',
  modes: 'any',
  requires: [DATASETS.computers.id],
  title: {
    en: 'Jamf Pro marks a Mac’s Entra registration as unresponsive',
    it: 'Jamf Pro contrassegna la registrazione Entra di un Mac come non rispondente',
  },
  cause: {
    en: 'The Entra token that the registered user’s Mac refreshes every 12 hours has failed to refresh for 24 hours or more, so Jamf Pro sets the local account’s Entra state to UNRESPONSIVE. If the token expires, the user must sign in again (the refresh token lasts 7 days).',
    it: "Il token Entra che il Mac dell'utente registrato aggiorna ogni 12 ore non si aggiorna da 24 ore o più, quindi Jamf Pro imposta lo stato Entra dell'account locale su UNRESPONSIVE. Se il token scade, l'utente deve accedere di nuovo (il token di aggiornamento dura 7 giorni).",
  },
  resolution: {
    en: [
      'The user who registered the Mac (whose login keychain holds the Workplace Join identity) signs in on that Mac.',
      'If the state does not clear, run the Jamf registration policy from Self Service again as that user.',
      'If it still fails, look at the jamfAAD log on the Mac (`jidoctor mac-script collect`, then `jidoctor logs`).',
    ],
    it: [
      "L'utente che ha registrato il Mac (il cui portachiavi login contiene l'identità Workplace Join) esegue l'accesso su quel Mac.",
      "Se lo stato non si risolve, eseguire di nuovo il criterio di registrazione Jamf da Self Service come quell'utente.",
      'Se continua a non riuscire, esaminare il log di jamfAAD sul Mac (`jidoctor mac-script collect`, poi `jidoctor logs`).',
    ],
  },
  sources: ['article: devices are marked as unresponsive in Jamf Pro'],
  symptoms: ['Unresponsive', 'UNRESPONSIVE'],
  messages: {
    unresponsive: msg<{ name: string; accounts: string[] }>({
      en: (d) => `${d.name}: the Entra registration of ${list(d.accounts)} is UNRESPONSIVE in Jamf Pro`,
      it: (d) => `${d.name}: la registrazione Entra di ${list(d.accounts)} è UNRESPONSIVE in Jamf Pro`,
    }),
  },
  run(fleet, ctx) {
    const unresponsiveState = enumFlags(fleet, (v) => v.toUpperCase() === 'UNRESPONSIVE');
    eachManagedJamf(fleet, (mi, i) => {
      if (hasAccountState(fleet, mi, i, unresponsiveState, ctx) !== true) return;
      const mac = subject.macAt(fleet, mi);
      const m = fleet.index.t.jamfRecord(i);
      const unresponsive = (m.localUserAccounts ?? []).filter(
        (a) => a.azureActiveDirectoryId?.toUpperCase() === 'UNRESPONSIVE',
      );
      ctx.report({
        messageId: 'unresponsive',
        data: { name: m.name ?? mac.id, accounts: unresponsive.map((a) => a.username ?? '?') },
        subjects: [mac],
        evidence: [evidence.jamfAccounts(fleet, m)],
      });
    });
  },
});
