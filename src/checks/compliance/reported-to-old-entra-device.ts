import { isoOf } from '../../api/common.js';
import { DATASETS } from '../../model/datasets.js';
import { normDeviceId } from '../../model/keys.js';
import type { EntraDevice } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { evidence, jamfAtLeast, latestBy, subject } from '../util.js';

const FIELDS = ['deviceId', 'displayName', 'registrationDateTime', 'isCompliant', 'isManaged', 'trustType'] as const;

export default defineCheck({
  id: 'compliance/reported-to-old-entra-device',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.devices.id, DATASETS.computers.id, DATASETS.jamfVersion.id],
  title: {
    en: 'Jamf Pro older than 11.9 sends compliance to the Mac’s old Entra device',
    it: 'Jamf Pro precedente alla 11.9 invia la conformità al vecchio dispositivo Entra del Mac',
  },
  cause: {
    en: 'A new registration of the Mac — a Platform SSO registration, a change of its authentication method, a new user on a shared Mac with the Secure Enclave method — creates a new Entra device. Jamf Pro 11.9 and later detect it and report compliance to the new device; older versions keep reporting to the device they know, so the new one, which the Mac signs in with, stays without a compliance state or not compliant ("non-compliant and marked as unmanaged").',
    it: 'Una nuova registrazione del Mac — una registrazione Platform SSO, un cambio del metodo di autenticazione, un nuovo utente su un Mac condiviso con il metodo Secure Enclave — crea un nuovo dispositivo Entra. Jamf Pro 11.9 e successivi lo rilevano e segnalano la conformità al nuovo dispositivo; le versioni precedenti continuano a segnalarla al dispositivo che conoscono, quindi quello nuovo, con cui il Mac accede, resta senza stato di conformità o non conforme ("non conforme e contrassegnato come non gestito").',
  },
  resolution: {
    en: [
      'Upgrade Jamf Pro to 11.9 or later.',
      'Have the user run the "Register with Microsoft Entra ID" Self Service policy (gatherAADInfo as the user) so that Jamf Pro learns the new Entra device, and check the computer’s Local User Accounts in Jamf Pro.',
      'Then delete the old Entra device named in the finding (entra/duplicate-device-records lists it).',
    ],
    it: [
      'Aggiornare Jamf Pro alla 11.9 o successiva.',
      'Far eseguire all’utente il criterio di Self Service "Registra con Microsoft Entra ID" (gatherAADInfo come utente) perché Jamf Pro conosca il nuovo dispositivo Entra, e verificare gli account utente locali del computer in Jamf Pro.',
      'Poi eliminare il vecchio dispositivo Entra indicato nel risultato (entra/duplicate-device-records lo elenca).',
    ],
  },
  sources: [
    'Jamf: Platform SSO and Device Compliance, Jamf Pro 11.9 reports to the new Entra device ID (https://www.jamf.com/blog/entra-id-platform-sso-device-compliance/; https://community.jamf.com/t5/jamf-pro/configure-platform-single-sign-on-pssoe-for-microsoft-entra-id/m-p/333472/highlight/true)',
    'Platform SSO re-registration triggers (https://github.com/ScottEKendall/Microsoft-Platform-SSO README §10, §11)',
  ],
  messages: {
    'old-device': msg<{
      name: string;
      version: string;
      old: string;
      oldRegistered: string;
      current: string;
      registered: string;
      isCompliant: boolean | null;
    }>({
      en: (d) =>
        `${d.name}: Jamf Pro ${d.version} (older than 11.9) reports compliance to Entra device ${d.old} (registered ${d.oldRegistered}), but the Mac registered again as Entra device ${d.current} (${d.registered}), whose compliance is ${d.isCompliant === false ? 'false' : 'not set'}`,
      it: (d) =>
        `${d.name}: Jamf Pro ${d.version} (precedente alla 11.9) segnala la conformità al dispositivo Entra ${d.old} (registrato ${d.oldRegistered}), ma il Mac si è registrato di nuovo come dispositivo Entra ${d.current} (${d.registered}), la cui conformità è ${d.isCompliant === false ? 'false' : 'non impostata'}`,
    }),
  },
  notApplicable: (fleet) =>
    jamfAtLeast(fleet.jamf.version, 11, 9)
      ? {
          en: `Jamf Pro ${fleet.jamf.version} is 11.9 or later, which follows a new Entra device of the Mac`,
          it: `Jamf Pro ${fleet.jamf.version} è 11.9 o successivo, che segue un nuovo dispositivo Entra del Mac`,
        }
      : null,
  run(fleet, ctx) {
    const version = fleet.jamf.version;
    if (jamfAtLeast(version, 11, 9) === null) {
      ctx.unknown(`the Jamf Pro version (${version ?? 'not read'}) cannot be read`);
      return;
    }
    const names = fleet.entraNames();
    for (const mac of fleet.eachMac()) {
      if (!mac.managedByJamf || mac.entraCount === 0) continue;
      const sameName = names.of(mac);
      if (mac.entraCount < 2 && !sameName) continue;
      const m = mac.toMac();
      const all = new Map<string, EntraDevice>(m.entra.map((e) => [e.id, e]));
      for (const e of sameName ?? []) all.set(e.id, e);
      if (all.size < 2) continue;
      // The Entra devices Jamf Pro knows for the Mac: those its managed computers' accounts name.
      const known = new Set<string>();
      for (const j of m.jamf) {
        if (j.managed !== true) continue;
        for (const a of j.localUserAccounts ?? []) {
          const id = normDeviceId(a.computerAzureActiveDirectoryId);
          if (id) known.add(id);
        }
      }
      const devices = [...all.values()];
      const jamfs = devices.filter((e) => known.has(normDeviceId(e.deviceId) ?? ''));
      const others = devices.filter((e) => !known.has(normDeviceId(e.deviceId) ?? '') && e.accountEnabled !== false);
      if (jamfs.length === 0 || others.length === 0) continue;
      if ([...jamfs, ...others].some((e) => e.registrationDateTime === null)) {
        ctx.unknown(`an Entra device of ${mac.name ?? mac.key} has no registrationDateTime`, subject.mac(mac));
        continue;
      }
      const old = latestBy(jamfs, (e) => e.registrationDateTime)!;
      const current = latestBy(others, (e) => e.registrationDateTime)!;
      if (current.registrationDateTime! <= old.registrationDateTime! || current.isCompliant === true) continue;
      ctx.report({
        messageId: 'old-device',
        data: {
          name: mac.name ?? mac.key,
          version: version!,
          old: old.deviceId ?? old.id,
          oldRegistered: isoOf(old.registrationDateTime)!,
          current: current.deviceId ?? current.id,
          registered: isoOf(current.registrationDateTime)!,
          isCompliant: current.isCompliant,
        },
        subjects: [subject.mac(mac)],
        evidence: [
          evidence.entra(old, FIELDS),
          evidence.entra(current, FIELDS),
          evidence.record(DATASETS.jamfVersion.id, 'version', { version }),
        ],
      });
    }
  },
});
