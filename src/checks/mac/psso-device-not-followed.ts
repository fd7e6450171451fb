import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { at, factEvidence, jamfVersion, macSettings, noFacts, pssoRegistration, versionBelow } from './shared.js';

/** Jamf Pro 11.9 follows the new Entra device id a Platform SSO registration creates. */
const FOLLOWS_FROM = [11, 9, 0] as const;

interface Data {
  mac: string;
  version: string;
  pssoDeviceId: string;
  jamfDeviceIds: string;
  file: string;
}

export default defineCheck({
  id: 'mac/psso-device-not-followed',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.macs.id],
  title: {
    en: 'Jamf reports the Mac’s compliance to another Entra device than the one Platform SSO registered',
    it: 'Jamf riferisce la conformità del Mac a un dispositivo Entra diverso da quello registrato da Platform SSO',
  },
  cause: {
    en: 'A Platform SSO registration creates a new Entra device ID. Jamf Pro 11.9 and later notice it and report compliance to the new device; older versions keep reporting to the old one, so the device users sign in with stays non-compliant and shows as unmanaged. jidoctor compares the device id that getPSSOStatus names on the Mac with the computerAzureActiveDirectoryId of the Mac in the Jamf inventory, and reads the Jamf Pro version of the snapshot.',
    it: 'Una registrazione Platform SSO crea un nuovo ID di dispositivo Entra. Jamf Pro 11.9 e successivi se ne accorgono e riferiscono la conformità al nuovo dispositivo; le versioni precedenti continuano a riferirla al vecchio, così il dispositivo con cui gli utenti accedono resta non conforme e risulta non gestito. jidoctor confronta l’ID del dispositivo indicato da getPSSOStatus sul Mac con il computerAzureActiveDirectoryId del Mac nell’inventario Jamf, e legge la versione di Jamf Pro dello snapshot.',
  },
  resolution: {
    en: [
      'Upgrade Jamf Pro to 11.9 or later.',
      'Then run gatherAADInfo as the user (Self Service registration policy) so that Jamf records the new Entra device ID.',
      'Delete the stale Entra device the Mac no longer uses.',
    ],
    it: [
      'Aggiornare Jamf Pro alla versione 11.9 o successiva.',
      'Poi eseguire gatherAADInfo come utente (criterio di registrazione di Self Service) perché Jamf registri il nuovo ID del dispositivo Entra.',
      'Eliminare il dispositivo Entra obsoleto che il Mac non usa più.',
    ],
  },
  sources: [
    'research: device-compliance.md §1 row 12, §3',
    'https://www.jamf.com/blog/entra-id-platform-sso-device-compliance/',
    'https://community.jamf.com/t5/jamf-pro/configure-platform-single-sign-on-pssoe-for-microsoft-entra-id/m-p/333472/highlight/true',
  ],
  messages: {
    oldJamfPro: msg<Data>({
      en: (d) =>
        `${d.mac}: Platform SSO registered Entra device ${d.pssoDeviceId} (${d.file}), Jamf Pro ${d.version} still holds ${d.jamfDeviceIds}: versions before 11.9 do not follow the new device`,
      it: (d) =>
        `${d.mac}: Platform SSO ha registrato il dispositivo Entra ${d.pssoDeviceId} (${d.file}), Jamf Pro ${d.version} conserva ancora ${d.jamfDeviceIds}: le versioni precedenti alla 11.9 non seguono il nuovo dispositivo`,
    }),
    deviceIdDiffers: msg<Data>({
      severity: 'medium',
      en: (d) =>
        `${d.mac}: Platform SSO registered Entra device ${d.pssoDeviceId} (${d.file}), Jamf holds ${d.jamfDeviceIds}; the Jamf Pro version was not collected`,
      it: (d) =>
        `${d.mac}: Platform SSO ha registrato il dispositivo Entra ${d.pssoDeviceId} (${d.file}), Jamf conserva ${d.jamfDeviceIds}; la versione di Jamf Pro non è stata raccolta`,
    }),
  },
  run(fleet, ctx) {
    const version = jamfVersion(fleet.jamf.version);
    if (version && !versionBelow(version, FOLLOWS_FROM)) return;
    for (const item of macSettings(fleet)) {
      const reg = pssoRegistration(item.settings);
      if (!reg) {
        noFacts(ctx, item, 'the Platform SSO status (getPSSOStatus or app-sso platform -s)');
        continue;
      }
      if (!reg.registered) continue;
      const status = item.settings?.pssoStatus;
      const pssoId = status?.deviceId ?? null;
      const jamfIds = [
        ...new Set(
          (item.mac?.jamf ?? []).flatMap((c) =>
            (c.localUserAccounts ?? [])
              .map((u) => u.computerAzureActiveDirectoryId?.trim().toLowerCase())
              .filter((x): x is string => !!x),
          ),
        ),
      ].sort();
      if (!pssoId || jamfIds.length === 0) {
        ctx.unknown(
          `${item.ev.key}: ${!pssoId ? 'the Entra device id of getPSSOStatus' : "Jamf's computerAzureActiveDirectoryId of the Mac"} not collected`,
          item.subject,
        );
        continue;
      }
      if (jamfIds.includes(pssoId)) continue;
      ctx.report({
        messageId: version ? 'oldJamfPro' : 'deviceIdDiffers',
        data: {
          mac: item.subject.id,
          version: fleet.jamf.version ?? '',
          pssoDeviceId: pssoId,
          jamfDeviceIds: jamfIds.join(', '),
          file: at(status!),
        },
        subjects: [item.subject],
        evidence: [
          factEvidence(status!),
          {
            source: 'jamf computers-inventory',
            fields: { computerAzureActiveDirectoryId: jamfIds, jamfProVersion: fleet.jamf.version ?? null },
          },
        ],
      });
    }
  },
});
