import type { Action } from './types.js';

/**
 * The write permissions `fix --apply` needs, separate from the read-only ones of `diagnose` (README "Permissions").
 * Grant them to a separate app registration / Jamf Pro API client used only for remediation.
 */
export interface WritePermission {
  system: 'graph' | 'jamf';
  /** Graph application permission, or Jamf Pro API role privilege. */
  name: string;
  for: string;
}

export const WRITE_PERMISSIONS: Record<
  'delete:intune' | 'disable:entra' | 'delete:entra' | 'delete:jamf',
  WritePermission[]
> = {
  'delete:intune': [
    {
      system: 'graph',
      name: 'DeviceManagementManagedDevices.ReadWrite.All',
      for: 'DELETE /deviceManagement/managedDevices/{id} (and the re-read before it)',
    },
  ],
  'disable:entra': [
    { system: 'graph', name: 'Device.ReadWrite.All', for: 'PATCH /devices/{id} {"accountEnabled": false}' },
  ],
  'delete:entra': [{ system: 'graph', name: 'Device.ReadWrite.All', for: 'DELETE /devices/{id} (with --delete)' }],
  'delete:jamf': [
    { system: 'jamf', name: 'Read Computers', for: 'GET /api/vN/computers-inventory/{id} (the re-read)' },
    { system: 'jamf', name: 'Delete Computers', for: 'DELETE /api/vN/computers-inventory/{id}' },
  ],
};

/** The write permissions the given actions need, without duplicates, Graph first. */
export function writePermissionsFor(actions: readonly Action[]): WritePermission[] {
  const seen = new Map<string, WritePermission>();
  for (const a of actions) {
    const key = `${a.op}:${a.record.kind}` as keyof typeof WRITE_PERMISSIONS;
    for (const p of WRITE_PERMISSIONS[key] ?? [])
      if (!seen.has(`${p.system}:${p.name}`)) seen.set(`${p.system}:${p.name}`, p);
  }
  return [...seen.values()].sort((a, b) =>
    a.system === b.system ? a.name.localeCompare(b.name) : a.system === 'graph' ? -1 : 1,
  );
}

/** Every write permission `fix --apply` may need (for `jidoctor permissions`). */
export function allWritePermissions(): WritePermission[] {
  const out = new Map<string, WritePermission>();
  for (const list of Object.values(WRITE_PERMISSIONS))
    for (const p of list) {
      const k = `${p.system}:${p.name}`;
      const prev = out.get(k);
      out.set(k, prev ? { ...prev, for: `${prev.for}; ${p.for}` } : p);
    }
  return [...out.values()];
}
