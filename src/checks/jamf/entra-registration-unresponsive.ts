import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, list, subject } from '../util.js';

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
    for (const mac of fleet.eachMac()) {
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        if (!c.accountsRead) {
          ctx.unknown(`Jamf computer ${c.id} was read without LOCAL_USER_ACCOUNTS`, subject.mac(mac));
          continue;
        }
        const unresponsive: string[] = [];
        for (const a of c.accounts()) if (a.registration === 'UNRESPONSIVE') unresponsive.push(a.username ?? '?');
        if (unresponsive.length === 0) continue;
        ctx.report({
          messageId: 'unresponsive',
          data: { name: c.name ?? mac.key, accounts: unresponsive },
          subjects: [subject.mac(mac)],
          evidence: [evidence.jamfAccountsOf(c)],
        });
      }
    }
  },
});
