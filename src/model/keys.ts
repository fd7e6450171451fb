/** Normalisation of the keys that join a Mac across Jamf Pro, Intune and Entra. */

/** Serial numbers are compared trimmed and upper-cased; an empty serial or `0` never joins anything. */
export function normSerial(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = v.trim().toUpperCase();
  return t === '' || t === '0' ? null : t;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Entra device ids (Intune azureADDeviceId = Entra deviceId = Jamf computerAzureActiveDirectoryId). */
export function normDeviceId(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = v.trim().toLowerCase();
  return t === '' || t === ZERO_GUID || t === '0' ? null : t;
}

export function normUdid(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = v.trim().toUpperCase();
  return t === '' || t === '0' || t === ZERO_GUID.toUpperCase() ? null : t;
}

/** Users are joined by UPN or e-mail, case-insensitively. */
export function normUser(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = v.trim().toLowerCase();
  return t === '' ? null : t;
}

/** macOS records: Intune `macOS`, Entra `MacMDM` / `macOS` / `Mac OS X`. */
export function isMacOs(os: string | null | undefined): boolean {
  return os != null && /^\s*mac/i.test(os);
}
