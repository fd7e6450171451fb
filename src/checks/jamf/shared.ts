/** What the jamf/* checks over the Device Compliance registration share. */
import type { JamfComplianceInfo, MacosProfile } from '../../model/types.js';
import type { JamfView } from '../../model/views.js';

/**
 * The Microsoft Enterprise SSO extension (Company Portal) and its team: Microsoft Learn, "Microsoft Enterprise SSO
 * plug-in for Apple devices" (https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity-platform/apple-sso-plugin.md):
 * macOS Extension ID `com.microsoft.CompanyPortalMac.ssoextension`, Team ID `UBF8T346G9`. Platform SSO for Entra
 * uses the same extension in the same payload type, with a `PlatformSSO` dictionary.
 */
export const SSO_EXTENSION_ID = 'com.microsoft.CompanyPortalMac.ssoextension';
export const SSO_TEAM_ID = 'UBF8T346G9';

/**
 * Is the computer registered with Entra as Jamf Pro sees it: an account with an Entra device id, or in the
 * ACTIVATED or UNRESPONSIVE state (UNRESPONSIVE is a registration whose token stopped refreshing). DEACTIVATED or
 * UNKNOWN without a device id is not a registration. null when the accounts were not read.
 */
export function registeredWithEntra(c: JamfView): boolean | null {
  if (!c.accountsRead) return null;
  for (const a of c.accounts()) {
    const state = a.registration;
    if (a.computerAzureActiveDirectoryId !== null || state === 'ACTIVATED' || state === 'UNRESPONSIVE') return true;
  }
  return false;
}

/**
 * What Jamf Pro says about Device Compliance for the computer: 'applies' (an entry with applicable true),
 * 'not-applicable' (entries, all applicable false), 'none' (read, no entry: the computer is in no compliance
 * integration), 'unknown' (entries that do not say), 'not-read' (its compliance information was not collected).
 */
export function complianceApplies(
  infos: readonly JamfComplianceInfo[],
  computerId: string,
  read: boolean,
): 'applies' | 'not-applicable' | 'none' | 'unknown' | 'not-read' {
  const mine = infos.filter((i) => i.computerId === computerId);
  if (mine.some((i) => i.applicable === true)) return 'applies';
  if (mine.length > 0 && mine.every((i) => i.applicable === false)) return 'not-applicable';
  if (mine.length > 0) return 'unknown';
  return read ? 'none' : 'not-read';
}

/** How a profile configures the Microsoft SSO extension: with the right team, with another (or none), or not. */
export function ssoExtensionOf(p: MacosProfile): 'configured' | 'wrong-team' | null {
  let wrong = false;
  for (const s of p.ssoPayloads) {
    if (s.extensionIdentifier !== SSO_EXTENSION_ID) continue;
    if (s.teamIdentifier === SSO_TEAM_ID) return 'configured';
    wrong = true;
  }
  return wrong ? 'wrong-team' : null;
}
