import { type StrCol, trimLowerHash } from '../../model/columns.js';
import { DATASETS } from '../../model/datasets.js';
import { normDeviceId } from '../../model/keys.js';
import type { EntraDevice, Mac } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { evidence, latestBy, subject } from '../util.js';

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

/** FNV-1a of `value.trim().toLowerCase()` of each row's string (trimLowerHash), named[x] = 0 when null or empty. */
function nameHashes(col: StrCol, rows: Int32Array, out: Int32Array, named: Uint8Array): void {
  const { ref, heap, heaps } = col;
  for (let x = 0; x < rows.length; x++) {
    const i = rows[x]!;
    const l = ref[2 * i + 1]!;
    if (l === -1) continue;
    if (l >= 0) {
      const b = heaps[heap[i]!]!;
      let s = ref[2 * i]!;
      let e = s + l;
      while (s < e && (b[s] === 0x20 || (b[s]! >= 0x09 && b[s]! <= 0x0d))) s++;
      while (e > s && (b[e - 1] === 0x20 || (b[e - 1]! >= 0x09 && b[e - 1]! <= 0x0d))) e--;
      let h = 0x811c9dc5;
      let j = s;
      for (; j < e; j++) {
        const c = b[j]!;
        if (c >= 0x80) break;
        h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), 0x01000193);
      }
      if (j === e) {
        // ASCII: the bytes are the UTF-16 code units, and ASCII is all that trim and toLowerCase change here.
        if (s < e) {
          out[x] = h | 0;
          named[x] = 1;
        }
        continue;
      }
    }
    const h = trimLowerHash(col, i);
    if (h !== null) {
      out[x] = h;
      named[x] = 1;
    }
  }
}

/**
 * The hashes that occur more than once among the named rows, and a mark on every row whose hash does: an
 * open-addressing table of (hash, first row + 1) pairs.
 */
function repeatedHashes(hashes: Int32Array, named: Uint8Array, dup: Uint8Array): Set<number> {
  const repeated = new Set<number>();
  let size = 16;
  while (size < hashes.length * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(2 * size);
  for (let x = 0; x < hashes.length; x++) {
    if (named[x] !== 1) continue;
    const h = hashes[x]!;
    let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const first = table[2 * slot + 1]!;
      if (first === 0) {
        table[2 * slot] = h;
        table[2 * slot + 1] = x + 1;
        break;
      }
      if (table[2 * slot] === h) {
        repeated.add(h);
        dup[first - 1] = 1;
        dup[x] = 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return repeated;
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
    const idx = fleet.index;
    const t = idx.t;
    // Entra macOS devices whose name repeats, kept only for names that exactly one Jamf computer carries. Names
    // are compared by a hash first (one pass over the names' bytes, into a table of hashes); only the devices whose
    // hash repeats are read as strings and compared exactly.
    const rows = idx.entraMacRows;
    const hashes = new Int32Array(rows.length);
    const named = new Uint8Array(rows.length);
    nameHashes(t.entra.str.displayName, rows, hashes, named);
    const dup = new Uint8Array(rows.length);
    const repeated = repeatedHashes(hashes, named, dup);
    const entraByName = new Map<string, EntraDevice[]>();
    for (let x = 0; x < rows.length; x++) {
      if (dup[x] !== 1) continue;
      const k = rows[x]!;
      const e = t.entraRecord(k);
      const n = e.displayName!.trim().toLowerCase();
      const list = entraByName.get(n);
      if (list) list.push(e);
      else entraByName.set(n, [e]);
    }
    for (const [n, list] of entraByName) if (list.length < 2) entraByName.delete(n);
    const jamfName = (i: number): string | undefined => {
      const h = trimLowerHash(t.jamf.str.name, i);
      if (h === null || !repeated.has(h)) return undefined;
      return t.jamf.str.name.get(i)!.trim().toLowerCase();
    };
    if (entraByName.size) {
      const jamfNames = new Map<string, number>();
      for (let i = 0; i < t.jamf.n; i++) {
        const n = jamfName(i);
        if (n && entraByName.has(n)) jamfNames.set(n, (jamfNames.get(n) ?? 0) + 1);
      }
      for (const n of [...entraByName.keys()]) if (jamfNames.get(n) !== 1) entraByName.delete(n);
    }
    for (let mi = 0; mi < idx.macCount; mi++) {
      const entras = idx.entra.start[mi + 1]! - idx.entra.start[mi]!;
      if (entras === 0) continue;
      if (entras < 2) {
        if (!entraByName.size || idx.jamf.start[mi + 1] === idx.jamf.start[mi]) continue;
        const n = jamfName(idx.jamf.list[idx.jamf.start[mi]!]!);
        if (!n || !entraByName.has(n)) continue;
      }
      const mac = idx.mac(mi);
      const name = entraByName.size && mac.entra.length ? mac.jamf[0]?.name?.trim().toLowerCase() : undefined;
      const sameName = name ? entraByName.get(name) : undefined;
      if (mac.entra.length < 2 && !sameName) continue;
      const linked = new Map(mac.entra.map((e) => [e.id, e]));
      let byName = false;
      if (sameName) {
        for (const e of sameName) {
          if (!linked.has(e.id)) {
            linked.set(e.id, e);
            byName = true;
          }
        }
      }
      if (linked.size < 2) continue;
      const all = [...linked.values()];
      const keep = current(mac, mac.entra.length ? mac.entra : all);
      const remove = all.filter((e) => e !== keep).map((e) => e.deviceId ?? e.id);
      ctx.report({
        messageId: 'duplicates',
        data: { name: mac.name ?? mac.key, count: all.length, keep: keep.deviceId ?? keep.id, remove, byName },
        subjects: [subject.mac(mac)],
        evidence: all.map((e) =>
          evidence.entra(e, [
            'deviceId',
            'displayName',
            'registrationDateTime',
            'approximateLastSignInDateTime',
            'isCompliant',
            'accountEnabled',
          ]),
        ),
      });
    }
  },
});
