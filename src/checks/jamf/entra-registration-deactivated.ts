import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { enumFlags, list, managedJamfWithState, rowEvidence, subject } from '../util.js';

const LIVE = new Set(['ACTIVATED', 'UNRESPONSIVE']);

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
    const live = enumFlags(fleet, (v) => LIVE.has(v.toUpperCase()));
    const deactivatedState = enumFlags(fleet, (v) => v.toUpperCase() === 'DEACTIVATED');
    const accountsEvidence = rowEvidence.jamfAccounts(fleet);
    const t = fleet.index.t;
    // Computers with no account ACTIVATED or UNRESPONSIVE and at least one DEACTIVATED.
    const found = managedJamfWithState(fleet, deactivatedState, ctx, live);
    for (let p = 0; p < found.length; p += 2) {
      const mi = found[p]!;
      const i = found[p + 1]!;
      const mac = subject.macAt(fleet, mi);
      // The usernames of the accounts in that state (the flags test the same upper-cased value).
      const deactivated: string[] = [];
      for (let r = t.accountStart[i]!; r < t.accountStart[i + 1]!; r++) {
        const c = t.accounts.enums.azureActiveDirectoryId[r]!;
        if (c >= 0 && deactivatedState[c] === 1) deactivated.push(t.accounts.str.username.get(r) ?? '?');
      }
      ctx.report({
        messageId: 'deactivated',
        data: { name: t.jamf.str.name.get(i) ?? mac.id, accounts: deactivated },
        subjects: [mac],
        evidence: [accountsEvidence(i)],
      });
    }
  },
});
