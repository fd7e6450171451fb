import type { Lang, Localized } from '../checks/define.js';

/**
 * The sections of the troubleshooting article (shared/seeds), as topics that `explain` can answer even where
 * no tenant-side check can see the problem (keychain prompts are only visible on the Mac). Each topic lists the
 * error texts quoted in the article, verbatim, and the checks that detect its causes.
 */
export interface Topic {
  id: string;
  title: Localized;
  symptoms: readonly string[];
  cause: Localized;
  resolution: Record<Lang, readonly string[]>;
  checks: readonly string[];
  source: string;
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'article/keychain-prompt-app',
    title: {
      en: 'Mac devices prompt for keychain sign-in when you open an app',
      it: "I Mac chiedono l'accesso al portachiavi quando si apre un'app",
    },
    symptoms: [
      'Microsoft Teams wants to sign using key “Microsoft Workplace Join Key” in your keychain.',
      'wants to sign using key "Microsoft Workplace Join Key" in your keychain',
      'To allow this, enter the “login” keychain password',
    ],
    cause: {
      en: 'Apps that need Entra authentication use the Workplace Join key in the login keychain; macOS asks once per app until the user allows it. This is expected after the integration is set up.',
      it: "Le app che richiedono l'autenticazione Entra usano la chiave Workplace Join nel portachiavi login; macOS lo chiede una volta per app finché l'utente non lo consente. È previsto dopo la configurazione dell'integrazione.",
    },
    resolution: {
      en: [
        'The user enters their Mac password at the prompt.',
        'Choose Always Allow so that the app is not asked again; each app must be allowed once.',
        'Deny means the app cannot sign in; Allow grants access once only.',
      ],
      it: [
        "L'utente inserisce la password del Mac quando richiesto.",
        "Scegliere Consenti sempre, così l'app non lo chiederà più; ogni app va autorizzata una volta.",
        "Nega impedisce all'app di accedere; Consenti concede l'accesso una sola volta.",
      ],
    },
    checks: ['logs/keychain-access-prompt'],
    source: 'article: Mac devices prompt for keychain sign-in when you open an app',
  },
  {
    id: 'article/cause-7-jamfaad-keychain',
    title: {
      en: 'JamfAAD asks for the "Microsoft Workplace Join Key" in the keychain (cause 7)',
      it: 'JamfAAD chiede la "Microsoft Workplace Join Key" nel portachiavi (causa 7)',
    },
    symptoms: [
      'JamfAAD wants to access key “Microsoft Workplace Join Key" in your keychain.',
      'JamfAAD wants to access key "Microsoft Workplace Join Key" in your keychain',
      'To allow this, enter the “login” keychain password',
    ],
    cause: {
      en: 'During registration JamfAAD needs the Workplace Join key from the user’s login keychain; if the user does not allow it, the Mac does not register with Entra.',
      it: "Durante la registrazione JamfAAD ha bisogno della chiave Workplace Join nel portachiavi login dell'utente; se l'utente non la consente, il Mac non si registra in Entra.",
    },
    resolution: {
      en: [
        'The user enters their account password at the prompt and clicks Allow.',
        'Run the registration policy from Jamf Self Service again if it was denied.',
      ],
      it: [
        "L'utente inserisce la password del proprio account e fa clic su Consenti.",
        'Eseguire di nuovo il criterio di registrazione da Jamf Self Service se era stato negato.',
      ],
    },
    checks: ['logs/keychain-access-prompt', 'jamf/entra-registration-deactivated'],
    source: 'article: devices fail to register, cause 7',
  },
  {
    id: 'article/unresponsive',
    title: {
      en: 'Devices are marked as unresponsive in Jamf Pro',
      it: 'I dispositivi sono contrassegnati come non rispondenti in Jamf Pro',
    },
    symptoms: ['Unresponsive', 'UNRESPONSIVE'],
    cause: {
      en: 'Jamf Pro expects a check-in every 15 minutes and marks a Mac unresponsive after 24 hours without one; it also marks it unresponsive when the Entra token (refreshed every 12 hours) could not be refreshed for 24 hours or more.',
      it: 'Jamf Pro si aspetta un check-in ogni 15 minuti e contrassegna un Mac come non rispondente dopo 24 ore senza; lo fa anche quando il token Entra (aggiornato ogni 12 ore) non si aggiorna da 24 ore o più.',
    },
    resolution: {
      en: [
        'The user who registered the Mac (whose keychain holds the Intune identity) signs in on it.',
        'Check why the Mac stopped checking in with Jamf Pro (network, jamf binary, sleep).',
      ],
      it: [
        "L'utente che ha registrato il Mac (il cui portachiavi contiene l'identità Intune) vi esegue l'accesso.",
        'Verificare perché il Mac non esegue più il check-in con Jamf Pro (rete, binario jamf, stop).',
      ],
    },
    checks: ['jamf/check-in-overdue', 'jamf/entra-registration-unresponsive', 'logs/check-in-stopped'],
    source: 'article: devices are marked as unresponsive in Jamf Pro',
  },
  {
    id: 'article/cause-3-licence',
    title: {
      en: 'The user has no valid Intune or Jamf licence (cause 3)',
      it: "L'utente non ha una licenza Intune o Jamf valida (causa 3)",
    },
    symptoms: [
      'Unable to connect to Microsoft Intune.',
      'Check your Microsoft Intune Integration configuration.',
      'Unable to send inventory information to Microsoft Intune',
      'Test your Microsoft Intune Integration configuration',
    ],
    cause: {
      en: 'A missing or expired licence: Jamf Pro shows this when its licence has expired; users also need an Intune licence.',
      it: 'Una licenza mancante o scaduta: Jamf Pro lo mostra quando la sua licenza è scaduta; anche gli utenti devono avere una licenza Intune.',
    },
    resolution: {
      en: [
        'Jamf licence: contact Jamf to renew it.',
        'Intune licence: assign the user a licence that includes Intune (and Entra ID P1).',
      ],
      it: [
        'Licenza Jamf: contattare Jamf per rinnovarla.',
        "Licenza Intune: assegnare all'utente una licenza che includa Intune (ed Entra ID P1).",
      ],
    },
    checks: [
      'licenses/intune-missing',
      'licenses/entra-p1-missing',
      'logs/intune-connection-failed',
      'connector/legacy-partner-state',
    ],
    source: 'article: devices fail to register, cause 3',
  },
  {
    id: 'article/cause-4-company-portal',
    title: {
      en: 'The user did not open Company Portal from Jamf Self Service (cause 4)',
      it: "L'utente non ha aperto Portale aziendale da Jamf Self Service (causa 4)",
    },
    symptoms: [
      'Portal launched without WPJ only arg while account is under partner management',
      'Not registered',
      'AccountNotOnboarded',
    ],
    cause: {
      en: 'Company Portal was opened directly, so the Mac enrolled in Intune on its own instead of registering through Jamf.',
      it: 'Portale aziendale è stato aperto direttamente, quindi il Mac si è registrato in Intune da solo invece che tramite Jamf.',
    },
    resolution: {
      en: [
        'Unenrol the Mac from Intune (and clean it up as in cause 6 if it does not leave completely).',
        'On the Mac, open Company Portal from Jamf Self Service and register there.',
        'Sign in with the work account and follow Company Portal until registration completes.',
      ],
      it: [
        'Annullare la registrazione del Mac da Intune (e pulirlo come nella causa 6 se non viene rimosso completamente).',
        'Sul Mac, aprire Portale aziendale da Jamf Self Service e registrarsi da lì.',
        "Accedere con l'account aziendale e seguire Portale aziendale fino al termine della registrazione.",
      ],
    },
    checks: ['intune/enrolled-outside-jamf', 'logs/company-portal-opened-directly'],
    source: 'article: devices fail to register, cause 4',
  },
  {
    id: 'article/cause-5-integration-off',
    title: {
      en: 'The Intune integration is turned off (cause 5)',
      it: "L'integrazione con Intune è disattivata (causa 5)",
    },
    symptoms: [
      'Invalid command line input',
      'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.',
    ],
    cause: {
      en: 'Jamf Pro told Intune that the integration is disabled, so Company Portal refuses registration-only mode.',
      it: "Jamf Pro ha comunicato a Intune che l'integrazione è disabilitata, quindi Portale aziendale rifiuta la modalità di sola registrazione.",
    },
    resolution: {
      en: [
        'Turn the Intune integration back on in Jamf Pro (Settings > Global > Conditional Access, or Device Compliance).',
      ],
      it: [
        "Riattivare l'integrazione con Intune in Jamf Pro (Impostazioni > Globali > Accesso condizionale, o Device Compliance).",
      ],
    },
    checks: [
      'connector/legacy-partner-state',
      'connector/device-compliance-partner-state',
      'logs/partner-management-disabled',
    ],
    source: 'article: devices fail to register, cause 5',
  },
  {
    id: 'article/graph-token',
    title: {
      en: 'Could not retrieve the access token for Microsoft Graph API',
      it: "Impossibile recuperare il token di accesso per l'API Microsoft Graph",
    },
    symptoms: [
      'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
    ],
    cause: {
      en: 'The Jamf Pro app in Entra has more than one permission or no admin consent, a licence needed by the integration expired, or the required ports are closed.',
      it: "L'app Jamf Pro in Entra ha più di un'autorizzazione o nessun consenso amministratore, una licenza necessaria all'integrazione è scaduta, o le porte richieste sono chiuse.",
    },
    resolution: {
      en: [
        'Fix the Jamf Pro app permissions and grant admin consent.',
        'Renew the expired licence.',
        'Open the required network ports.',
      ],
      it: [
        "Correggere le autorizzazioni dell'app Jamf Pro e concedere il consenso amministratore.",
        'Rinnovare la licenza scaduta.',
        'Aprire le porte di rete richieste.',
      ],
    },
    checks: [
      'entra-app/jamf-app-permissions',
      'entra-app/jamf-app-consent-missing',
      'entra-app/jamf-app-credential-expired',
      'licenses/intune-missing',
      'network/required-endpoints',
      'logs/graph-token-failed',
    ],
    source: 'article: could not retrieve the access token for Microsoft Graph API',
  },
  {
    id: 'article/duplicates-and-mismatch',
    title: {
      en: 'Duplicate entries, or compliant in Intune but not in Entra (cause 6)',
      it: 'Voci duplicate, o conforme in Intune ma non in Entra (causa 6)',
    },
    symptoms: ['compliant in Intune but noncompliant in Azure', 'duplicate entries appear in the Intune console'],
    cause: {
      en: 'The Mac was registered more than once without the necessary clean-up.',
      it: 'Il Mac è stato registrato più volte senza la pulizia necessaria.',
    },
    resolution: {
      en: ['Follow the cause-6 clean-up for the Mac (jidoctor fix writes it), then re-register from Self Service.'],
      it: [
        'Seguire la pulizia della causa 6 per il Mac (jidoctor fix la genera), poi registrarlo di nuovo da Self Service.',
      ],
    },
    checks: ['intune/duplicate-device-records', 'entra/duplicate-device-records', 'compliance/intune-entra-mismatch'],
    source: 'article: duplicate entries; Mac device shows compliant in Intune but noncompliant in Azure; cause 6',
  },
];
