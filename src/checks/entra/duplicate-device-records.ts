import { DATASETS } from '../../model/datasets.js';
import { normDeviceId } from '../../model/keys.js';
import type { EntraDevice, Mac } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { evidence, latestBy, subject } from '../util.js';

const FIELDS = [
  'deviceId',
  'displayName',
  'registrationDateTime',
  'approximateLastSignInDateTime',
  'isCompliant',
  'accountEnabled',
] as const;

/** The Entra device that the Mac's current registration points to: Jamf's ACTIVATED account, then Intune. */
function current(mac: Mac, candidates: EntraDevice[]): EntraDevice {
  const byId = new Map(candidates.map((e) => [normDeviceId(e.deviceId), e]));
  for (const m of mac.jamf) {
    for (const a of m.localUserAccounts ?? []) {
      if (a.azureActiveDirectoryId?.toUpperCase() !== 'ACTIVATED') continue;
      const e = byId.get(normDeviceId(a.computerAzureActiveDirectoryId));
      if (e) return e;
    }
  }
  const newestIntune = latestBy(mac.intune, (d) => d.lastSyncDateTime);
  const viaIntune = newestIntune ? byId.get(normDeviceId(newestIntune.azureADDeviceId)) : undefined;
  return viaIntune ?? latestBy(candidates, (e) => e.approximateLastSignInDateTime ?? e.registrationDateTime)!;
}

export default defineCheck({
  id: 'entra/duplicate-device-records',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.devices.id, DATASETS.computers.id, DATASETS.managedDevices.id],
  title: {
    en: 'A Mac has more than one Entra device object',
    it: 'Un Mac ha più di un oggetto dispositivo in Entra',
  },
  cause: {
    en: 'The Mac registered with Entra more than once without the clean-up of cause 6. Compliance is written to one device object while the Mac may sign in with another, so it shows compliant in Intune and noncompliant in Entra. Platform SSO also re-registers the Mac: changing its authentication method forces a new registration, and with the Secure Enclave method on a Mac shared by several users every new account registers the computer again, each time as a new Entra device (Jamf Pro older than 11.9 keeps sending compliance to the old one).',
    it: 'Il Mac si è registrato in Entra più di una volta senza la pulizia della causa 6. La conformità viene scritta su un oggetto dispositivo mentre il Mac può accedere con un altro, quindi risulta conforme in Intune e non conforme in Entra. Anche Platform SSO registra di nuovo il Mac: cambiare il metodo di autenticazione impone una nuova registrazione e, con il metodo Secure Enclave su un Mac condiviso da più utenti, ogni nuovo account registra di nuovo il computer, ogni volta come nuovo dispositivo Entra (Jamf Pro precedente alla 11.9 continua a inviare la conformità a quello vecchio).',
  },
  resolution: {
    en: [
      'Keep the device object named in the finding (the one the current registration points to).',
      'Disable, then delete, the other objects: Entra admin center > Devices > All devices, or Graph PATCH /devices/{id} {"accountEnabled": false} then DELETE /devices/{id}.',
      'If the Mac itself holds a stale registration, run the cause-6 clean-up on it (`jidoctor fix entra/duplicate-device-records --mac SERIAL --script`) and re-register from Jamf Self Service.',
    ],
    it: [
      "Mantenere l'oggetto dispositivo indicato nel risultato (quello a cui punta la registrazione attuale).",
      'Disabilitare, poi eliminare, gli altri oggetti: interfaccia di amministrazione di Entra > Dispositivi > Tutti i dispositivi, o Graph PATCH /devices/{id} {"accountEnabled": false} e poi DELETE /devices/{id}.',
      'Se il Mac stesso conserva una registrazione obsoleta, eseguire la pulizia della causa 6 (`jidoctor fix entra/duplicate-device-records --mac SERIALE --script`) e registrarlo di nuovo da Jamf Self Service.',
    ],
  },
  sources: [
    'article: cause 6; Mac device shows compliant in Intune but noncompliant in Azure',
    'Platform SSO re-registration (authentication method change; Secure Enclave on shared Macs): https://github.com/ScottEKendall/Microsoft-Platform-SSO (README §10, §11); Jamf Pro 11.9 follows the new Entra device id: https://www.jamf.com/blog/entra-id-platform-sso-device-compliance/',
  ],
  symptoms: ['compliant in Intune but noncompliant in Azure'],
  messages: {
    duplicates: msg<{ name: string; count: number; keep: string; remove: string[]; byName: boolean }>({
      en: (d) =>
        `${d.name} has ${d.count} Entra device objects${d.byName ? ' (found by its name)' : ''}; keep ${d.keep}, remove ${d.remove.join(', ')}`,
      it: (d) =>
        `${d.name} ha ${d.count} oggetti dispositivo in Entra${d.byName ? ' (trovati dal nome)' : ''}; mantenere ${d.keep}, rimuovere ${d.remove.join(', ')}`,
    }),
  },
  run(fleet, ctx) {
    // Entra devices that share the name of the Mac's Jamf computer count as the Mac's too (model/names.ts).
    const names = fleet.entraNames();
    for (const mac of fleet.eachMac()) {
      if (mac.entraCount === 0) continue;
      const sameName = names.of(mac);
      if (mac.entraCount < 2 && !sameName) continue;
      const m = mac.toMac();
      const linked = new Map(m.entra.map((e) => [e.id, e]));
      let byName = false;
      for (const e of sameName ?? []) {
        if (!linked.has(e.id)) {
          linked.set(e.id, e);
          byName = true;
        }
      }
      if (linked.size < 2) continue;
      const all = [...linked.values()];
      const keep = current(m, m.entra);
      const remove = all.filter((e) => e !== keep).map((e) => e.deviceId ?? e.id);
      ctx.report({
        messageId: 'duplicates',
        data: { name: mac.name ?? mac.key, count: all.length, keep: keep.deviceId ?? keep.id, remove, byName },
        subjects: [subject.mac(mac)],
        evidence: all.map((e) => evidence.entra(e, FIELDS)),
      });
    }
  },
});
