import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, list, subject } from '../util.js';

export default defineCheck({
  id: 'jamf/entra-registration-deactivated',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.computers.id],
  title: {
    en: 'A managed Mac is not registered with Entra (DEACTIVATED in Jamf Pro)',
    it: 'Un Mac gestito non è registrato in Entra (DEACTIVATED in Jamf Pro)',
  },
  cause: {
    en: 'No local account of the Mac has an ACTIVATED Entra registration and at least one is DEACTIVATED: registration was never completed or was undone (the user denied the keychain prompt, opened Company Portal directly, or jamfAAD lost its Entra id), so Conditional Access treats the Mac as unknown.',
    it: "Nessun account locale del Mac ha una registrazione Entra ACTIVATED e almeno uno è DEACTIVATED: la registrazione non è mai stata completata o è stata annullata (l'utente ha negato la richiesta del portachiavi, ha aperto Portale aziendale direttamente, o jamfAAD ha perso il suo id Entra), quindi l'accesso condizionale considera il Mac sconosciuto.",
  },
  resolution: {
    en: [
      'Ask the Mac’s user to run the Jamf registration policy ("Register with Microsoft Entra ID") from Self Service, not from Company Portal.',
      'When macOS asks for the "Microsoft Workplace Join Key", the user enters the login password and chooses Allow.',
      'If registration keeps failing, collect the Mac’s logs (`jidoctor mac-script collect`) and look for the cause with `jidoctor logs`.',
    ],
    it: [
      'Chiedere all\'utente del Mac di eseguire il criterio di registrazione Jamf ("Registra con Microsoft Entra ID") da Self Service, non da Portale aziendale.',
      'Quando macOS chiede la "Microsoft Workplace Join Key", l\'utente inserisce la password di login e sceglie Consenti.',
      'Se la registrazione continua a non riuscire, raccogliere i log del Mac (`jidoctor mac-script collect`) e cercare la causa con `jidoctor logs`.',
    ],
  },
  sources: ['article: devices fail to register'],
  messages: {
    deactivated: msg<{ name: string; accounts: string[] }>({
      en: (d) => `${d.name}: no account is registered with Entra; DEACTIVATED: ${list(d.accounts)}`,
      it: (d) => `${d.name}: nessun account è registrato in Entra; DEACTIVATED: ${list(d.accounts)}`,
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
        // No account registered (ACTIVATED) or registered but unresponsive, and at least one DEACTIVATED.
        const deactivated: string[] = [];
        let live = false;
        for (const a of c.accounts()) {
          if (a.registration === 'ACTIVATED' || a.registration === 'UNRESPONSIVE') {
            live = true;
            break;
          }
          if (a.registration === 'DEACTIVATED') deactivated.push(a.username ?? '?');
        }
        if (live || deactivated.length === 0) continue;
        ctx.report({
          messageId: 'deactivated',
          data: { name: c.name ?? mac.key, accounts: deactivated },
          subjects: [subject.mac(mac)],
          evidence: [evidence.jamfAccountsOf(c)],
        });
      }
    }
  },
});
