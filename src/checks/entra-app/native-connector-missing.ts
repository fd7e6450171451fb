import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { NATIVE_CONNECTOR_NAME, subject } from '../util.js';

export default defineCheck({
  id: 'entra-app/native-connector-missing',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.servicePrincipals.id],
  title: {
    en: 'The Jamf Native macOS Connector is missing from Entra',
    it: 'Il Jamf Native macOS Connector manca in Entra',
  },
  cause: {
    en: 'jamfAAD on each Mac signs users in to Entra through the Jamf-published "Jamf Native macOS Connector" enterprise app. If it was never added to the tenant (its admin consent was not given, or was given by an account without Global Administrator rights), or it is disabled, Macs fail to register (article, cause 2).',
    it: 'Su ogni Mac jamfAAD fa accedere gli utenti a Entra tramite l\'applicazione aziendale "Jamf Native macOS Connector" pubblicata da Jamf. Se non è mai stata aggiunta al tenant (il consenso amministratore non è stato dato, o è stato dato da un account senza i diritti di Amministratore globale), o è disabilitata, i Mac non riescono a registrarsi (articolo, causa 2).',
  },
  resolution: {
    en: [
      'Sign in to Jamf Pro and open Settings > Global > Conditional Access > macOS Intune Integration > Edit.',
      'Click "Open administrator consent URL", sign in as a Global Administrator of the tenant and Accept: this adds the Jamf Native macOS Connector to Entra.',
      'If it exists but is disabled: Entra admin center > Applications > Enterprise applications > Jamf Native macOS Connector > Properties, set "Enabled for users to sign in?" to Yes and Save (Graph: PATCH /v1.0/servicePrincipals/{id} with {"accountEnabled": true}).',
      'Check in Entra admin center > Applications > Enterprise applications (Application type: All applications) that "Jamf Native macOS Connector" is listed, then let users register again from Jamf Self Service.',
    ],
    it: [
      'Accedere a Jamf Pro e aprire Settings > Global > Conditional Access > macOS Intune Integration > Edit.',
      'Fare clic su "Open administrator consent URL", accedere come Amministratore globale del tenant e scegliere Accetta: questo aggiunge il Jamf Native macOS Connector a Entra.',
      'Se esiste ma è disabilitato: interfaccia di amministrazione di Microsoft Entra > Applicazioni > Applicazioni aziendali > Jamf Native macOS Connector > Proprietà, impostare "Abilitata per l\'accesso degli utenti?" su Sì e salvare (Graph: PATCH /v1.0/servicePrincipals/{id} con {"accountEnabled": true}).',
      'Verificare in Interfaccia di amministrazione di Microsoft Entra > Applicazioni > Applicazioni aziendali (Tipo di applicazione: Tutte le applicazioni) che "Jamf Native macOS Connector" sia presente, poi far registrare di nuovo gli utenti da Jamf Self Service.',
    ],
  },
  sources: ['article: devices fail to register, cause 2'],
  messages: {
    missing: msg<{ jamfNamed: string[] }>({
      en: (d) =>
        `No service principal named "Jamf Native macOS Connector" exists in Entra${
          d.jamfNamed.length ? ` (Jamf service principals found: ${d.jamfNamed.join(', ')})` : ''
        }`,
      it: (d) =>
        `In Entra non esiste alcuna entità servizio di nome "Jamf Native macOS Connector"${
          d.jamfNamed.length ? ` (entità servizio Jamf trovate: ${d.jamfNamed.join(', ')})` : ''
        }`,
    }),
    disabled: msg<{ name: string; appId: string }>({
      en: (d) =>
        `The "${d.name}" service principal (appId ${d.appId}) is disabled (accountEnabled false): users cannot sign in to it`,
      it: (d) =>
        `L'entità servizio "${d.name}" (appId ${d.appId}) è disabilitata (accountEnabled false): gli utenti non possono accedervi`,
    }),
  },
  run(fleet, ctx) {
    const found = fleet.servicePrincipals.filter((sp) => NATIVE_CONNECTOR_NAME.test(sp.displayName ?? ''));
    if (found.length === 0) {
      const jamfNamed = fleet.servicePrincipals
        .filter((sp) => /jamf/i.test(sp.displayName ?? ''))
        .map((sp) => sp.displayName ?? sp.appId);
      ctx.report({
        messageId: 'missing',
        data: { jamfNamed },
        subjects: [subject.tenant(fleet)],
        evidence: [
          {
            source: DATASETS.servicePrincipals.id,
            fields: { 'displayName (searched)': 'Jamf Native macOS Connector', matches: 0, jamfNamed },
          },
        ],
      });
      return;
    }
    if (found.some((sp) => sp.accountEnabled !== false)) return;
    for (const sp of found) {
      ctx.report({
        messageId: 'disabled',
        data: { name: sp.displayName ?? 'Jamf Native macOS Connector', appId: sp.appId },
        subjects: [subject.servicePrincipal(sp)],
        evidence: [
          {
            source: DATASETS.servicePrincipals.id,
            record: sp.id,
            fields: {
              appId: sp.appId,
              displayName: sp.displayName,
              accountEnabled: sp.accountEnabled,
              appOwnerOrganizationId: sp.appOwnerOrganizationId,
            },
          },
        ],
      });
    }
  },
});
