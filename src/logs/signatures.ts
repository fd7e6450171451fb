/**
 * The signature table: what a Mac's log says, and the check of the catalogue it belongs to. Data, not code:
 * the scanner compiles it once (src/logs/matcher.ts). Every literal is matched case-sensitively, as `grep -F`
 * does; `anchor` is the literal searched in the raw bytes, and a line holding it is then confirmed by `all`
 * (every literal must appear) and `regex` (when given).
 */
import type { Localized } from '../checks/define.js';

export type LogFamily = 'jamf' | 'companyPortal' | 'ssoExtension' | 'unifiedLog' | 'gatherAADInfo' | 'status' | 'text';

/** Registration events that make the timeline (they are not problems by themselves). */
export type TimelineEvent = 'checkIn' | 'tokenAcquired' | 'portalLaunchJamf' | 'portalLaunchDirect' | 'checkInError';

/** Where a line stands in the per-Mac timeline `jidoctor logs` prints (absent: not in it). */
export type TimelineCategory = 'registration' | 'check-in' | 'token' | 'prompt' | 'connection' | 'access';

export interface Signature {
  id: string;
  /** The logs/* check the line belongs to. */
  checkId: string;
  /**
   * problem: the line is a finding of its check; event: the line feeds the registration timeline (or, without
   * `event`, is context only: known to `explain`, never a finding on its own).
   */
  kind: 'problem' | 'event';
  event?: TimelineEvent;
  /** The line's place in the readable timeline. */
  category?: TimelineCategory;
  /** The literal searched in the raw bytes (the rarest part of the text). */
  anchor: string;
  /** More literals the line must hold. */
  all?: readonly string[];
  /** A regular expression (source) the line must match, for variants (quotes, wording). */
  regex?: string;
  /** The families where the line can appear; all when absent. */
  families?: readonly LogFamily[];
  /** The text as an admin sees it (for `jidoctor explain`). */
  text: string;
  /** Where the line is quoted publicly (URL), for the docs and the fixtures. */
  source: string;
  description: Localized;
}

export const SIGNATURES: readonly Signature[] = [
  {
    id: 'cp-launched-without-wpj-arg',
    category: 'registration',
    checkId: 'logs/company-portal-opened-directly',
    kind: 'problem',
    event: 'portalLaunchDirect',
    anchor: 'Portal launched without WPJ only arg while account is under partner management',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md',
    text: 'Portal launched without WPJ only arg while account is under partner management',
    description: {
      en: 'Company Portal was opened directly, not from Jamf Self Service, while the account is under partner (Jamf) management',
      it: 'Il Portale aziendale è stato aperto direttamente, non da Jamf Self Service, mentre l’account è gestito dal partner (Jamf)',
    },
  },
  {
    id: 'account-not-onboarded',
    category: 'registration',
    checkId: 'logs/company-portal-opened-directly',
    kind: 'problem',
    anchor: 'AccountNotOnboarded',
    regex: '\\bAccountNotOnboarded\\b',
    source:
      'https://github.com/MicrosoftDocs/memdocs/blob/main/memdocs/intune/protect/jamf-managed-device-compliance-with-entra-id.md',
    text: 'AccountNotOnboarded',
    description: {
      en: 'Registration through Company Portal was refused with AccountNotOnboarded (Device Compliance: the user registered from Company Portal instead of Self Service)',
      it: 'La registrazione tramite il Portale aziendale è stata rifiutata con AccountNotOnboarded (Device Compliance: l’utente si è registrato dal Portale aziendale invece che da Self Service)',
    },
  },
  {
    id: 'cp-not-registered',
    category: 'registration',
    checkId: 'logs/company-portal-opened-directly',
    kind: 'event',
    anchor: 'Not registered',
    regex: '\\bNot registered\\b',
    families: ['companyPortal'],
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md',
    text: 'Not registered',
    description: {
      en: 'Company Portal shows "Not registered" (context only: it also shows it before any registration)',
      it: 'Il Portale aziendale mostra "Not registered" (solo contesto: lo mostra anche prima di ogni registrazione)',
    },
  },
  {
    id: 'registration-only-flag-refused',
    category: 'registration',
    checkId: 'logs/partner-management-disabled',
    kind: 'problem',
    anchor: 'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune',
    source:
      'https://github.com/MicrosoftDocs/azure-docs/issues/74331 (Company Portal log); https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md',
    text: 'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.',
    description: {
      en: 'Company Portal refused the registration-only launch: partner management (the Jamf integration) is turned off in Intune',
      it: 'Il Portale aziendale ha rifiutato l’avvio di sola registrazione: la gestione partner (l’integrazione Jamf) è disattivata in Intune',
    },
  },
  {
    id: 'invalid-command-line-input',
    category: 'registration',
    checkId: 'logs/partner-management-disabled',
    kind: 'problem',
    anchor: 'Invalid command line input',
    families: ['companyPortal', 'unifiedLog', 'text'],
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md',
    text: 'Invalid command line input',
    description: {
      en: 'Company Portal showed "Invalid command line input" (the pop-up of a refused registration-only launch)',
      it: 'Il Portale aziendale ha mostrato "Invalid command line input" (il pop-up di un avvio di sola registrazione rifiutato)',
    },
  },
  {
    id: 'unable-to-connect-intune',
    category: 'connection',
    checkId: 'logs/intune-connection-failed',
    kind: 'problem',
    anchor: 'Unable to connect to Microsoft Intune',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/unable-to-connect-send-inventory-information.md',
    text: 'Unable to connect to Microsoft Intune.',
    description: {
      en: 'Jamf Pro could not connect to Microsoft Intune (usually an expired Jamf or Intune licence)',
      it: 'Jamf Pro non è riuscito a connettersi a Microsoft Intune (di solito una licenza Jamf o Intune scaduta)',
    },
  },
  {
    id: 'check-intune-configuration',
    category: 'connection',
    checkId: 'logs/intune-connection-failed',
    kind: 'problem',
    anchor: 'Check your Microsoft Intune Integration configuration',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/unable-to-connect-send-inventory-information.md',
    text: 'Check your Microsoft Intune Integration configuration.',
    description: {
      en: 'Jamf Pro asks to check the Microsoft Intune integration configuration after a failed connection',
      it: 'Jamf Pro chiede di verificare la configurazione dell’integrazione con Microsoft Intune dopo una connessione non riuscita',
    },
  },
  {
    id: 'unable-to-send-inventory',
    category: 'connection',
    checkId: 'logs/intune-connection-failed',
    kind: 'problem',
    anchor: 'Unable to send inventory information to Microsoft Intune',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/unable-to-connect-send-inventory-information.md',
    text: 'Unable to send inventory information to Microsoft Intune',
    description: {
      en: 'Jamf Pro could not send inventory to Microsoft Intune',
      it: 'Jamf Pro non è riuscito a inviare l’inventario a Microsoft Intune',
    },
  },
  {
    id: 'graph-token-not-retrieved',
    category: 'token',
    checkId: 'logs/graph-token-failed',
    kind: 'problem',
    anchor: 'Could not retrieve the access token for Microsoft Graph API',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/could-not-retrieve-access-token.md',
    text: 'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
    description: {
      en: 'Jamf Pro could not get a Microsoft Graph access token (app permissions or consent, expired licence, or closed ports)',
      it: 'Jamf Pro non ha ottenuto un token di accesso a Microsoft Graph (permessi o consenso dell’app, licenza scaduta o porte chiuse)',
    },
  },
  {
    id: 'wpj-key-keychain-prompt',
    category: 'prompt',
    checkId: 'logs/keychain-access-prompt',
    kind: 'problem',
    anchor: 'Microsoft Workplace Join Key',
    regex: 'wants to (?:access|sign using|use) key \\\\?["“”]?Microsoft Workplace Join Key',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md (cause 7, keychain prompts)',
    text: 'JamfAAD wants to access key "Microsoft Workplace Join Key" in your keychain.',
    description: {
      en: 'An app or JamfAAD asked for the "Microsoft Workplace Join Key" in the login keychain (a keychain prompt the user must allow)',
      it: 'Un’app o JamfAAD ha chiesto la "Microsoft Workplace Join Key" nel portachiavi di login (una richiesta che l’utente deve consentire)',
    },
  },
  {
    id: 'login-keychain-password-prompt',
    category: 'prompt',
    checkId: 'logs/keychain-access-prompt',
    kind: 'problem',
    anchor: 'keychain password',
    regex: 'To allow this, enter the \\\\?["“”]?login\\\\?["“”]? keychain password',
    source:
      'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/mem/intune/device-protection/troubleshoot-jamf.md (cause 7, keychain prompts)',
    text: 'To allow this, enter the "login" keychain password',
    description: {
      en: 'The user was asked for the login keychain password to allow access to a keychain key',
      it: 'All’utente è stata chiesta la password del portachiavi di login per consentire l’accesso a una chiave',
    },
  },
  {
    // Context, not a problem: errSecItemNotFound is logged during normal look-ups (before a registration, or when
    // one access group is tried before another). logs/keychain-access-prompt raises it only with a failure that
    // needed the identity (MSAL -50001, a Conditional Access device block) on the same Mac.
    // Line: MicrosoftDocs/azure-docs#74331 (Company Portal tab-separated log).
    id: 'wpj-identity-not-found-25300',
    category: 'registration',
    checkId: 'logs/keychain-access-prompt',
    kind: 'event',
    anchor: 'workplacejoin',
    regex: 'workplacejoin.*error:? ?-25300\\b|-25300\\b.*workplacejoin',
    source: 'https://github.com/MicrosoftDocs/azure-docs/issues/74331',
    text: 'failed to retrieve identity from keychain for accessGroup: com.microsoft.workplacejoin with error: -25300',
    description: {
      en: 'The Workplace Join identity was not found in the keychain (error -25300, item not found): normal before a registration; a problem only when a sign-in needed it',
      it: 'L’identità Workplace Join non è stata trovata nel portachiavi (errore -25300, elemento non trovato): normale prima di una registrazione; un problema solo se un accesso ne aveva bisogno',
    },
  },
  {
    // Context: MSAL's keychain look-up found nothing (errSecItemNotFound), logged on every cache miss.
    // Lines: "Keychain find status: 0." in MSAL's macOS log (Azure-Samples/ms-identity-mobile-apple-swift-objc#71);
    // the -25300 value in microsoft/vscode#263875 ("macOS: Microsoft Auth under broker - Keychain find status: -25300").
    id: 'msal-keychain-find-25300',
    category: 'registration',
    checkId: 'logs/keychain-access-prompt',
    kind: 'event',
    anchor: 'Keychain find status: -25300',
    regex: 'Keychain find status: -25300\\b',
    source:
      'https://github.com/microsoft/vscode/issues/263875; line shape https://github.com/Azure-Samples/ms-identity-mobile-apple-swift-objc/issues/71',
    text: 'Keychain find status: -25300',
    description: {
      en: 'MSAL looked for a keychain item and found none (-25300): logged during normal look-ups, context only',
      it: 'MSAL ha cercato un elemento del portachiavi senza trovarlo (-25300): registrato durante le ricerche normali, solo contesto',
    },
  },
  {
    id: 'msal-workplace-join-required',
    category: 'token',
    checkId: 'logs/keychain-access-prompt',
    kind: 'problem',
    anchor: 'Workplace join is required',
    source: 'https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/2380',
    text: 'Error Domain=MSALErrorDomain Code=-50001 MSALErrorDescriptionKey=Workplace join is required',
    description: {
      en: 'MSAL could not use the Workplace Join identity (error -50001 "Workplace join is required"): the device registration is missing or unreadable',
      it: 'MSAL non ha potuto usare l’identità Workplace Join (errore -50001 "Workplace join is required"): la registrazione del dispositivo manca o non è leggibile',
    },
  },
  {
    id: 'msal-duplicate-accounts',
    category: 'token',
    checkId: 'logs/duplicate-msal-accounts',
    kind: 'problem',
    anchor: 'silent token acquire to fail now if the wrong account is picked',
    source: 'https://github.com/benwhitis/Jamf_Conditional_Access (DuplicateMSALAccountEA)',
    text: 'posible for silent token acquire to fail now if the wrong account is picked',
    description: {
      en: 'jamfAAD found more than one MSAL account in the keychain; silent token acquisition may pick the wrong one',
      it: 'jamfAAD ha trovato più di un account MSAL nel portachiavi; l’acquisizione silenziosa del token può scegliere quello sbagliato',
    },
  },
  {
    // AzureAD/microsoft-authentication-library-for-dotnet#2821 (the ESTS text), MSAL common-for-objc#1811 (53000 =
    // DeviceNotCompliant).
    id: 'aadsts-device-not-compliant',
    category: 'access',
    checkId: 'logs/conditional-access-blocked',
    kind: 'problem',
    anchor: 'AADSTS53000',
    regex: '\\bAADSTS53000\\b',
    source: 'https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/2821',
    text: 'AADSTS53000: Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.',
    description: {
      en: 'Entra refused a token: Conditional Access requires a compliant device and the Mac is not compliant (AADSTS53000, DeviceNotCompliant)',
      it: 'Entra ha rifiutato un token: l’accesso condizionale richiede un dispositivo conforme e il Mac non lo è (AADSTS53000, DeviceNotCompliant)',
    },
  },
  {
    // AzureAD/microsoft-authentication-library-for-objc#1900.
    id: 'aadsts-device-must-be-managed',
    category: 'access',
    checkId: 'logs/conditional-access-blocked',
    kind: 'problem',
    anchor: 'AADSTS530003',
    regex: '\\bAADSTS530003\\b',
    source: 'https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/1900',
    text: 'AADSTS530003: Your device is required to be managed to access this resource.',
    description: {
      en: 'Entra refused a token: Conditional Access requires a managed device (AADSTS530003)',
      it: 'Entra ha rifiutato un token: l’accesso condizionale richiede un dispositivo gestito (AADSTS530003)',
    },
  },
  {
    // The sign-in page's text: AzureAD/MSAL.PS#51, pnp/cli-microsoft365#1979 ("the device requesting access"),
    // Azure/azure-cli#27919 ("the device that's requesting access"), AzureAD/microsoft-authentication-library-for-objc#478
    // ("your device").
    id: 'ca-managed-device-required',
    category: 'access',
    checkId: 'logs/conditional-access-blocked',
    kind: 'problem',
    anchor: 'admin requires',
    regex: "admin requires (?:the device (?:that(?:'|’)s |that is )?requesting access|your device) to be managed by",
    source:
      'https://github.com/AzureAD/MSAL.PS/issues/51; https://github.com/Azure/azure-cli/issues/27919; https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/478',
    text: 'Your sign-in was successful but your admin requires the device requesting access to be managed by Contoso to access this resource.',
    description: {
      en: 'The sign-in page said the admin requires a managed device: Conditional Access did not see the Mac as managed (no device identity, or not registered)',
      it: 'La pagina di accesso ha detto che l’amministratore richiede un dispositivo gestito: l’accesso condizionale non ha visto il Mac come gestito (nessuna identità del dispositivo, o non registrato)',
    },
  },
  {
    // Company Portal's enrolment error, as quoted in a public Intune setup guide ("Enrolment error in the company
    // Portal app"); the setting: learn.microsoft.com/intune/intune-service/enrollment/create-platform-restrictions.
    id: 'intune-platform-restricted',
    category: 'registration',
    checkId: 'logs/enrollment-restricted',
    kind: 'problem',
    anchor: 'devices to be added to management',
    regex: "doesn(?:'|’)t allow (?:OSX|macOS|Mac) devices to be added to management",
    source:
      'a public Intune setup guide ("Enrolment error in the company Portal app", quoted via code search, repository not named); the setting: https://learn.microsoft.com/intune/intune-service/enrollment/create-platform-restrictions',
    text: "Couldn't add your device. Your IT support doesn't allow OSX devices to be added to management.",
    description: {
      en: 'Company Portal could not add the Mac: an Intune device platform restriction does not allow macOS for this user',
      it: 'Il Portale aziendale non ha potuto aggiungere il Mac: una restrizione di piattaforma di Intune non consente macOS per questo utente',
    },
  },
  {
    // MSAL's SSO-extension controllers log the error code before its domain ("… flow finished. Result …, error: %ld
    // error domain: %@", AzureAD/microsoft-authentication-library-common-for-objc,
    // IdentityCore/src/controllers/broker/MSIDSSOExtension{Interactive,Silent}TokenRequestController.m): Microsoft's
    // "1000 com.apple.AuthenticationServices.AuthorizationError". ASAuthorizationErrorUnknown is 1000; 1001 is
    // ASAuthorizationErrorCanceled (the user cancelled), which this pattern does not match. Sign in with Apple's
    // "Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=1000" (domain first) is not matched either.
    id: 'sso-authorization-error-1000',
    category: 'token',
    checkId: 'logs/sso-associated-domain-blocked',
    kind: 'problem',
    anchor: 'com.apple.AuthenticationServices.AuthorizationError',
    regex: '(?:^|[^0-9-])1000 (?:error domain: )?com\\.apple\\.AuthenticationServices\\.AuthorizationError\\b',
    source:
      'https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md; line shape https://github.com/AzureAD/microsoft-authentication-library-common-for-objc (MSIDSSOExtensionInteractiveTokenRequestController.m)',
    text: 'Interactive broker extension flow finished. Result (null), error: 1000 error domain: com.apple.AuthenticationServices.AuthorizationError',
    description: {
      en: 'A sign-in through the Enterprise SSO extension failed with com.apple.AuthenticationServices.AuthorizationError 1000 (unknown), which Microsoft documents when a proxy or TLS inspection blocks the associated-domain URLs',
      it: 'Un accesso tramite l’estensione Enterprise SSO non è riuscito con com.apple.AuthenticationServices.AuthorizationError 1000 (sconosciuto), errore che Microsoft documenta quando un proxy o l’ispezione TLS blocca gli URL dei domini associati',
    },
  },
  {
    // NSURLErrorDomain -1012 (NSURLErrorUserCancelledAuthentication) on its own is any cancelled authentication
    // challenge (a self-signed certificate, pinning): it counts only on a Microsoft sign-in URL or an Apple
    // associated-domain URL, with AppSSO in the error, or in MSAL's SSO-extension line ("error: -1012 error domain:
    // NSURLErrorDomain"). Line: stashenergy/react-native-msal#132 (login.microsoftonline.com, AppSSO underneath).
    id: 'sso-nsurl-error-1012',
    category: 'token',
    checkId: 'logs/sso-associated-domain-blocked',
    kind: 'problem',
    anchor: 'NSURLErrorDomain',
    regex:
      'error: -1012 error domain: NSURLErrorDomain\\b|^(?=.*(?:NSURLErrorDomain Code=-1012|NSURLErrorDomain error -1012)(?![0-9]))(?=.*(?:login\\.microsoftonline\\.(?:com|us)|login\\.microsoft\\.com|login\\.windows\\.net|sts\\.windows\\.net|login-us\\.microsoftonline\\.com|login\\.partner\\.microsoftonline\\.cn|login\\.chinacloudapi\\.cn|app-site-association\\.cdn-apple\\.com|app-site-association\\.networking\\.apple|com\\.apple\\.AppSSO))',
    source:
      'https://github.com/stashenergy/react-native-msal/issues/132; https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md',
    text: 'Error Domain=NSURLErrorDomain Code=-1012 "(null)" UserInfo={NSErrorFailingURLStringKey=https://login.microsoftonline.com/common/discovery/instance?…, NSUnderlyingError={Error Domain=com.apple.AppSSO.AuthorizationError Code=-9 "not AppSSO URL"}}',
    description: {
      en: 'A request to a Microsoft sign-in or Apple associated-domain URL was cancelled (NSURLErrorDomain -1012), which Microsoft documents when a proxy or TLS inspection blocks the associated-domain URLs',
      it: 'Una richiesta a un URL di accesso Microsoft o di dominio associato Apple è stata annullata (NSURLErrorDomain -1012), errore che Microsoft documenta quando un proxy o l’ispezione TLS blocca gli URL dei domini associati',
    },
  },
  {
    // swcd (associated domains) refusing the server's certificate while fetching an apple-app-site-association
    // file: the line's shape is quoted in https://forums.developer.apple.com/forums/thread/67882 (with the host
    // redacted); counted only when the URL is a Microsoft sign-in host's file or Apple's associated-domain CDN.
    // [P]: recent macOS versions may log the URL as <private>, and then the line cannot be attributed.
    id: 'swcd-aasa-server-trust-rejected',
    category: 'connection',
    checkId: 'logs/sso-associated-domain-blocked',
    kind: 'problem',
    anchor: 'NSURLAuthenticationMethodServerTrust',
    regex:
      "Rejecting URL '(?:https://(?:login\\.microsoftonline\\.(?:com|us)|login\\.microsoft\\.com|login\\.windows\\.net|sts\\.windows\\.net|login-us\\.microsoftonline\\.com|login\\.partner\\.microsoftonline\\.cn|login\\.chinacloudapi\\.cn)/(?:\\.well-known/)?apple-app-site-association|https://app-site-association\\.(?:cdn-apple\\.com|networking\\.apple)/)[^']*' for auth method 'NSURLAuthenticationMethodServerTrust'",
    source: 'https://forums.developer.apple.com/forums/thread/67882 (line shape, host redacted there)',
    text: "[SWC] ### Rejecting URL 'https://app-site-association.cdn-apple.com/a/v1/login.microsoftonline.com' for auth method 'NSURLAuthenticationMethodServerTrust': -6754/0xFFFFE59E kAuthenticationErr",
    description: {
      en: 'The Mac refused the certificate presented for an associated-domain file of Microsoft sign-in (a TLS-inspecting proxy answered instead of Apple or Microsoft)',
      it: 'Il Mac ha rifiutato il certificato presentato per un file di dominio associato dell’accesso Microsoft (ha risposto un proxy che ispeziona il TLS al posto di Apple o Microsoft)',
    },
  },
  {
    id: 'jamf-recurring-check-in',
    category: 'check-in',
    checkId: 'logs/check-in-stopped',
    kind: 'event',
    event: 'checkIn',
    anchor: 'Checking for policies triggered by "recurring check-in"',
    families: ['jamf'],
    source: 'https://github.com/MicrosoftDocs/defender-docs (mac-jamfpro-policies.md, jamf.log excerpt)',
    text: 'Checking for policies triggered by "recurring check-in"',
    description: {
      en: 'A recurring check-in of the jamf binary (the last one dates the last check-in)',
      it: 'Un check-in periodico del binario jamf (l’ultimo data l’ultimo check-in)',
    },
  },
  {
    id: 'jamf-unknown-error',
    category: 'check-in',
    checkId: 'logs/check-in-stopped',
    kind: 'event',
    event: 'checkInError',
    anchor: 'Unknown Error - An unknown error has occurred',
    families: ['jamf'],
    source: 'shared/research/jamf.md \u00a75.5 [P] (jamf.log connectivity failure, multi-line)',
    text: 'There was an error. Unknown Error - An unknown error has occurred',
    description: {
      en: 'The jamf binary could not reach Jamf Pro (the multi-line "There was an error" record)',
      it: 'Il binario jamf non ha raggiunto Jamf Pro (il record su più righe "There was an error")',
    },
  },
  {
    id: 'jamfaad-launching-company-portal',
    category: 'registration',
    checkId: 'logs/company-portal-opened-directly',
    kind: 'event',
    event: 'portalLaunchJamf',
    anchor: 'Launching Company Portal',
    source: 'https://macbuddy.info ("Let\'s Get Conditional", unified log of JamfAAD)',
    text: 'Launching Company Portal',
    description: {
      en: 'jamfAAD launched Company Portal for registration (the supported way, from Self Service)',
      it: 'jamfAAD ha avviato il Portale aziendale per la registrazione (il modo previsto, da Self Service)',
    },
  },
  {
    id: 'jamfaad-aad-id-acquired',
    category: 'token',
    checkId: 'logs/check-in-stopped',
    kind: 'event',
    event: 'tokenAcquired',
    anchor: 'AAD ID acquired for macOS user',
    source: 'https://github.com/benwhitis/Jamf_Conditional_Access (gatherAADInfo output)',
    text: 'AAD ID acquired for macOS user',
    description: {
      en: 'jamfAAD acquired an Entra token and sent the AAD ID to Jamf Pro',
      it: 'jamfAAD ha ottenuto un token Entra e ha inviato l’AAD ID a Jamf Pro',
    },
  },
];

export const SIGNATURE_BY_ID: ReadonlyMap<string, Signature> = new Map(SIGNATURES.map((s) => [s.id, s]));

/** The error texts an admin may see for a check (its problem signatures), for the check's `symptoms`. */
export function symptomsOf(checkId: string): string[] {
  const out: string[] = [];
  for (const s of SIGNATURES) {
    if (s.checkId === checkId && s.kind === 'problem' && !out.includes(s.text)) out.push(s.text);
  }
  return out;
}

/** Every text `explain` should recognise for a check: each signature's text and its anchor, events included. */
export function explainTextsOf(checkId: string): string[] {
  const out: string[] = [];
  for (const s of SIGNATURES) {
    if (s.checkId !== checkId) continue;
    if (!out.includes(s.text)) out.push(s.text);
    if (!out.includes(s.anchor)) out.push(s.anchor);
  }
  return out;
}
