import { DATASETS } from '../../model/datasets.js';
import type { MacosProfile } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { coverage, evidence, subject } from '../util.js';
import { complianceApplies, registeredWithEntra, SSO_EXTENSION_ID, SSO_TEAM_ID, ssoExtensionOf } from './shared.js';

/**
 * The server half of research device-compliance.md §1 row 9 (the Mac half is mac/sso-extension-profile-missing):
 * since late 2025 a new registration keeps the Workplace Join key in the Secure Enclave and needs the Microsoft
 * Enterprise SSO extension or Platform SSO, delivered by a configuration profile. For each managed Mac that Device
 * Compliance applies to and that is not registered yet, the profiles Jamf Pro reports installed on it (inventory
 * CONFIGURATION_PROFILES) are looked up among Jamf Pro's macOS configuration profiles (Classic API, their
 * `general.payloads`): one with a `com.apple.extensiblesso` payload for the Microsoft extension and team is enough.
 * Installed profiles that are not Jamf Pro configuration profiles cannot be read: the message says how many.
 */
const JAMF_FIELDS = ['name', 'serialNumber'] as const;

interface Data {
  name: string;
  computer: string;
  installed: number;
}

export default defineCheck({
  id: 'jamf/sso-extension-profile-missing',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [
    DATASETS.computers.id,
    DATASETS.jamfCompliance.id,
    DATASETS.installedProfiles.id,
    DATASETS.macosProfiles.id,
  ],
  title: {
    en: 'A Mac that must register has no Microsoft Enterprise SSO extension profile from Jamf Pro',
    it: 'Un Mac che deve registrarsi non ha da Jamf Pro un profilo dell’estensione Microsoft Enterprise SSO',
  },
  cause: {
    en: 'Since late 2025 new Device Compliance registrations keep the Workplace Join key in the Secure Enclave, which needs the Microsoft Enterprise SSO extension (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) or Platform SSO, configured by a profile with a Single Sign-On Extensions (com.apple.extensiblesso) payload. A Mac that Device Compliance applies to and that is not registered yet, with no such profile installed, fails to register; keychain-based extension attributes then also report "Not Registered" for Macs that did register.',
    it: 'Dalla fine del 2025 le nuove registrazioni Device Compliance conservano la chiave di Workplace Join nel Secure Enclave, il che richiede l’estensione Microsoft Enterprise SSO (com.microsoft.CompanyPortalMac.ssoextension, team UBF8T346G9) o Platform SSO, configurate da un profilo con un payload Single Sign-On Extensions (com.apple.extensiblesso). Un Mac a cui Device Compliance si applica e che non è ancora registrato, senza un profilo simile installato, non riesce a registrarsi; gli attributi di estensione basati sul portachiavi riportano inoltre "Not Registered" anche per i Mac che si sono registrati.',
  },
  resolution: {
    en: [
      'In Jamf Pro > Computers > Configuration Profiles, create (or fix) a profile with a Single Sign-On Extensions payload: type Redirect, extension identifier com.microsoft.CompanyPortalMac.ssoextension, team identifier UBF8T346G9 (or the Platform SSO profile), and scope it to the Macs of the Applicable smart group.',
      'When the profile is installed on the Mac (Computers > the Mac > Management > Configuration Profiles), have the user run the "Register with Microsoft Entra ID" policy from Self Service again.',
      'Update registration extension attributes to read `Jamf Conditional Access getPSSOStatus` instead of the login keychain (the key is no longer there).',
    ],
    it: [
      'In Jamf Pro > Computer > Profili di configurazione, creare (o correggere) un profilo con un payload Single Sign-On Extensions: tipo Redirect, identificatore dell’estensione com.microsoft.CompanyPortalMac.ssoextension, identificatore del team UBF8T346G9 (oppure il profilo Platform SSO), e assegnarlo ai Mac del gruppo smart Applicable.',
      'Quando il profilo è installato sul Mac (Computer > il Mac > Gestione > Profili di configurazione), far eseguire all’utente di nuovo il criterio "Registra con Microsoft Entra ID" da Self Service.',
      'Aggiornare gli attributi di estensione sulla registrazione perché leggano `Jamf Conditional Access getPSSOStatus` invece del portachiavi di login (la chiave non è più lì).',
    ],
  },
  sources: [
    'Jamf Community, "Upcoming change: Device Compliance integration for macOS SSO extension required" (https://community.jamf.com/tech-thoughts-180/upcoming-change-device-compliance-integration-for-macos-sso-extension-required-53476)',
    'Microsoft Learn: Microsoft Enterprise SSO plug-in for Apple devices, extension and team identifiers (https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md)',
    'Jamf Pro API computers-inventory section CONFIGURATION_PROFILES (https://github.com/macadmins/jamf-pro-sdk-python/blob/main/src/jamf_pro_sdk/models/pro/computers.py) and Classic API osxconfigurationprofiles (https://developer.jamf.com/jamf-pro/reference/osxconfigurationprofiles)',
  ],
  messages: {
    missing: msg<Data>({
      en: (d) =>
        `${d.name}: Device Compliance applies to computer ${d.computer}, which is not registered with Entra, and none of the ${d.installed} configuration profiles installed on it configures the Microsoft Enterprise SSO extension (${SSO_EXTENSION_ID}, team ${SSO_TEAM_ID}) or Platform SSO with it`,
      it: (d) =>
        `${d.name}: Device Compliance si applica al computer ${d.computer}, che non è registrato con Entra, e nessuno dei ${d.installed} profili di configurazione installati configura l’estensione Microsoft Enterprise SSO (${SSO_EXTENSION_ID}, team ${SSO_TEAM_ID}) o Platform SSO con essa`,
    }),
    'missing-unread': msg<Data & { unread: number }>({
      en: (d) =>
        `${d.name}: Device Compliance applies to computer ${d.computer}, which is not registered with Entra, and none of the Jamf Pro configuration profiles installed on it configures the Microsoft Enterprise SSO extension (${SSO_EXTENSION_ID}, team ${SSO_TEAM_ID}) or Platform SSO with it; ${d.unread} of its ${d.installed} installed profiles could not be read (not Jamf Pro configuration profiles; the Mac-side check mac/sso-extension-profile-missing reads them all)`,
      it: (d) =>
        `${d.name}: Device Compliance si applica al computer ${d.computer}, che non è registrato con Entra, e nessuno dei profili di configurazione di Jamf Pro installati configura l’estensione Microsoft Enterprise SSO (${SSO_EXTENSION_ID}, team ${SSO_TEAM_ID}) o Platform SSO con essa; non è stato possibile leggere ${d.unread} dei suoi ${d.installed} profili installati (non sono profili di configurazione di Jamf Pro; il controllo sul Mac mac/sso-extension-profile-missing li legge tutti)`,
    }),
    'wrong-team': msg<Data & { profile: string }>({
      en: (d) =>
        `${d.name}: Device Compliance applies to computer ${d.computer}, which is not registered with Entra; profile "${d.profile}" names the Microsoft Enterprise SSO extension (${SSO_EXTENSION_ID}) without team identifier ${SSO_TEAM_ID}, so macOS does not load it, and no other installed profile configures it`,
      it: (d) =>
        `${d.name}: Device Compliance si applica al computer ${d.computer}, che non è registrato con Entra; il profilo "${d.profile}" indica l’estensione Microsoft Enterprise SSO (${SSO_EXTENSION_ID}) senza l’identificatore del team ${SSO_TEAM_ID}, quindi macOS non la carica, e nessun altro profilo installato la configura`,
    }),
  },
  run(fleet, ctx) {
    const byId = new Map<string, MacosProfile>();
    const byIdentifier = new Map<string, MacosProfile>();
    for (const p of fleet.macosProfiles) {
      byId.set(p.id, p);
      if (p.uuid) byIdentifier.set(p.uuid.toUpperCase(), p);
      if (p.payloadIdentifier) byIdentifier.set(p.payloadIdentifier.toUpperCase(), p);
    }
    const ident = (v: string | null) => v?.toUpperCase() ?? null;
    /**
     * The Jamf Pro profile an installed one is: by id, when the identifiers do not disagree (that the inventory's
     * `id` is the Classic profile id is not documented, so an id whose profile names another identifier is not
     * taken), else by its identifier (Jamf uses the profile's UUID as PayloadIdentifier).
     */
    const lookup = (p: { id: string | null; profileIdentifier: string | null }): MacosProfile | undefined => {
      const byThatId = p.id !== null ? byId.get(p.id) : undefined;
      const want = ident(p.profileIdentifier);
      if (byThatId) {
        const known = [ident(byThatId.uuid), ident(byThatId.payloadIdentifier)].filter((x) => x !== null);
        if (want === null || known.length === 0 || known.includes(want)) return byThatId;
      }
      return want !== null ? byIdentifier.get(want) : undefined;
    };
    const family = DATASETS.jamfCompliance.id;
    const cov = coverage(ctx, 'mac');
    for (const mac of fleet.eachMac()) {
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        const registered = registeredWithEntra(c);
        if (registered === null) {
          cov.unknown(`Jamf computer ${c.id}: its local user accounts were not read`, subject.mac(mac));
          continue;
        }
        if (registered) continue;
        const path = family.replace('{id}', c.id);
        const read = fleet.datasets.get(path)?.status === 'complete';
        const applies = complianceApplies(mac.jamfCompliance, c.id, read);
        if (applies === 'not-read' || applies === 'unknown') {
          cov.unknown(
            `Jamf computer ${c.id}: whether Device Compliance applies to it is not known (its compliance information was ${applies === 'not-read' ? 'not collected' : 'read without applicable'})`,
            subject.mac(mac),
          );
          continue;
        }
        // Not expected to register: jamf/company-portal-missing looks at why Device Compliance does not apply.
        if (applies !== 'applies') continue;
        const installed = c.installedProfiles;
        if (installed === null) {
          cov.unknown(
            `Jamf computer ${c.id}: its installed configuration profiles were not collected`,
            subject.mac(mac),
          );
          continue;
        }
        let configured = false;
        let wrongTeam: MacosProfile | null = null;
        let unreadable: MacosProfile | null = null;
        let unread = 0;
        for (const p of installed) {
          const found = lookup(p);
          if (!found) {
            unread++;
            continue;
          }
          if (found.unreadable !== null) {
            unreadable ??= found;
            continue;
          }
          const sso = ssoExtensionOf(found);
          if (sso === 'configured') {
            configured = true;
            break;
          }
          if (sso === 'wrong-team') wrongTeam ??= found;
        }
        if (configured) continue;
        // Profiles on the Mac but none of them read: nothing is known about its SSO extension.
        if (installed.length > 0 && unread === installed.length) {
          cov.unknown(
            `Jamf computer ${c.id}: none of its ${installed.length} installed profiles is among the Jamf Pro configuration profiles read`,
            subject.mac(mac),
          );
          continue;
        }
        if (unreadable) {
          cov.unknown(
            `Jamf Pro configuration profile ${unreadable.id} installed on computer ${c.id}: ${unreadable.unreadable}`,
            subject.mac(mac),
          );
          continue;
        }
        const data: Data = { name: c.name ?? mac.key, computer: c.id, installed: installed.length };
        const ev = [
          evidence.jamf(c, JAMF_FIELDS),
          evidence.jamfAccountsOf(c),
          evidence.record(path, c.id, { applicable: true }),
          evidence.record(DATASETS.installedProfiles.id, c.id, {
            'configurationProfiles[].id': installed.map((p) => p.id ?? ''),
            'configurationProfiles[].displayName': installed.map((p) => p.displayName ?? ''),
            'configurationProfiles[].profileIdentifier': installed.map((p) => p.profileIdentifier ?? ''),
          }),
        ];
        const subjects = [subject.mac(mac)];
        if (wrongTeam) {
          const team = wrongTeam.ssoPayloads.find((s) => s.extensionIdentifier === SSO_EXTENSION_ID)?.teamIdentifier;
          ctx.report({
            messageId: 'wrong-team',
            data: { ...data, profile: wrongTeam.name ?? wrongTeam.id },
            subjects,
            evidence: [
              ...ev,
              evidence.record(DATASETS.macosProfiles.id.replace('{id}', wrongTeam.id), wrongTeam.id, {
                name: wrongTeam.name,
                ExtensionIdentifier: SSO_EXTENSION_ID,
                TeamIdentifier: team ?? null,
              }),
            ],
          });
        } else if (unread > 0) {
          ctx.report({ messageId: 'missing-unread', data: { ...data, unread }, subjects, evidence: ev });
        } else {
          ctx.report({ messageId: 'missing', data, subjects, evidence: ev });
        }
      }
      cov.next();
    }
    cov.done();
  },
});
