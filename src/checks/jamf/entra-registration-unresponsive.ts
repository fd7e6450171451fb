import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { enumFlags, list, managedJamfWithState, rowEvidence, subject } from '../util.js';

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
    const accountsEvidence = rowEvidence.jamfAccounts(fleet);
    const t = fleet.index.t;
    const found = managedJamfWithState(fleet, unresponsiveState, ctx, new Uint8Array(unresponsiveState.length));
    for (let p = 0; p < found.length; p += 2) {
      const mi = found[p]!;
      const i = found[p + 1]!;
      const mac = subject.macAt(fleet, mi);
      // The usernames of the accounts in that state (the flags test the same upper-cased value).
      const unresponsive: string[] = [];
      for (let r = t.accountStart[i]!; r < t.accountStart[i + 1]!; r++) {
        const c = t.accounts.enums.azureActiveDirectoryId[r]!;
        if (c >= 0 && unresponsiveState[c] === 1) unresponsive.push(t.accounts.str.username.get(r) ?? '?');
      }
      ctx.report({
        messageId: 'unresponsive',
        data: { name: t.jamf.str.name.get(i) ?? mac.id, accounts: unresponsive },
        subjects: [mac],
        evidence: [accountsEvidence(i)],
      });
    }
  },
});
