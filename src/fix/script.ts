import type { Lang } from '../checks/define.js';
import type { Mac } from '../model/types.js';
import { VERSION } from '../version.js';
import { cause6ServerSteps } from './planners/cause6.js';
import { callText } from './render.js';
import { L } from './types.js';

/**
 * The files of the cause-6 clean-up, in their real domain. Microsoft's list puts them all under /Library; most are
 * per user (memdocs #79/#80/#317): Company Portal and Self Service keep their state in the console user's Library.
 */
export const USER_FILES: readonly string[] = [
  'Library/Application Support/com.microsoft.CompanyPortal.usercontext.info',
  'Library/Application Support/com.microsoft.CompanyPortalMac.usercontext.info',
  'Library/Application Support/com.microsoft.CompanyPortal',
  'Library/Application Support/com.microsoft.CompanyPortalMac',
  'Library/Application Support/com.jamfsoftware.selfservice.mac',
  'Library/Saved Application State/com.jamfsoftware.selfservice.mac.savedState',
  'Library/Saved Application State/com.microsoft.CompanyPortal.savedState',
  'Library/Saved Application State/com.microsoft.CompanyPortalMac.savedState',
  'Library/Saved Application State/com.jamf.management.jamfAAD.savedState',
  'Library/Preferences/com.microsoft.CompanyPortal.plist',
  'Library/Preferences/com.microsoft.CompanyPortalMac.plist',
  'Library/Preferences/com.jamfsoftware.selfservice.mac.plist',
  'Library/Preferences/com.jamf.management.jamfAAD.plist',
  'Library/Cookies/com.microsoft.CompanyPortal.binarycookies',
  'Library/Cookies/com.microsoft.CompanyPortalMac.binarycookies',
  'Library/Cookies/com.jamf.management.jamfAAD.binarycookies',
];

/** System-domain leftovers the article lists (they exist on some Macs; absent ones are skipped). */
export const SYSTEM_FILES: readonly string[] = [
  '/Library/Preferences/com.microsoft.CompanyPortal.plist',
  '/Library/Preferences/com.microsoft.CompanyPortalMac.plist',
  '/Library/Preferences/com.jamfsoftware.selfservice.mac.plist',
  '/Library/Preferences/com.jamfsoftware.management.jamfAAD.plist',
];

/** Kept on purpose: Jamf Pro's own configuration and keys (removing them breaks the Mac's enrolment). */
export const KEPT: readonly string[] = [
  '/Library/Preferences/com.jamfsoftware.jamf.plist',
  '/Library/Application Support/JAMF',
  'the System keychain (Jamf Pro keys and certificates)',
];

/** Generic passwords of the login keychain, by label. */
export const KEYCHAIN_LABELS: readonly string[] = [
  'com.microsoft.CompanyPortal',
  'com.microsoft.CompanyPortal.HockeySDK',
  'com.microsoft.CompanyPortal.enrollment',
  'com.microsoft.CompanyPortalMac',
  'com.microsoft.adalcache',
  'com.jamf.management.jamfAAD',
  'enterpriseregistration.windows.net',
  'https://enterpriseregistration.windows.net',
  'https://enterpriseregistration.windows.net/',
  'https://device.login.microsoftonline.com',
  'https://device.login.microsoftonline.com/',
];

/** Generic passwords of the login keychain, by account (the article: "Kind: Application password"). */
export const KEYCHAIN_ACCOUNTS: readonly string[] = [
  'com.microsoft.workplacejoin.thumbprint',
  'com.microsoft.workplacejoin.registeredUserPrincipalName',
];

/** Identity preferences, by service name. */
export const IDENTITY_PREFERENCES: readonly string[] = [
  'https://enterpriseregistration.windows.net',
  'https://enterpriseregistration.windows.net/',
];

export const CERT_ISSUER = 'MS-Organization-Access';

export interface ScriptOptions {
  lang: Lang;
  checkId: string;
  serial: string;
  mac: Mac | undefined;
  /** The local short name of the user who registered the Mac (Jamf's ACTIVATED account), when known. */
  expectedUser: string | null;
  generatedAt: string;
}

/** Quotes a value for POSIX sh single quotes. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip.
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, ' ');

/** The expected console user: the local account Jamf reports as ACTIVATED, else the only local account with an Entra id. */
export function expectedUserOf(mac: Mac | undefined): string | null {
  const accounts = (mac?.jamf ?? []).flatMap((m) => m.localUserAccounts ?? []);
  const activated = accounts.filter((a) => a.azureActiveDirectoryId?.toUpperCase() === 'ACTIVATED' && a.username);
  if (activated.length === 1) return activated[0]!.username!;
  const withId = accounts.filter((a) => a.userAzureActiveDirectoryId && a.username);
  if (withId.length === 1) return withId[0]!.username!;
  return null;
}

/** Writes the cause-6 clean-up script for one Mac (POSIX sh; dry run unless --apply). */
export function cause6Script(o: ScriptOptions): string {
  const lang = o.lang;
  const name = o.mac?.name ?? o.serial;
  const server = cause6ServerSteps(lang, o.mac, name)
    .map((s, i) => {
      const lines = [`  ${i + 1}. ${clean(s.text)}`];
      if (s.clickPath) lines.push(`     ${L(lang, 'console', 'console')}: ${clean(s.clickPath)}`);
      if (s.call) lines.push(`     API: ${clean(callText(s.call))}`);
      return lines.join('\n');
    })
    .join('\n');
  const list = (items: readonly string[]) => items.map(shq).join(' \\\n  ');
  return `#!/bin/sh
# jidoctor ${VERSION}: cause-6 clean-up for one Mac
#   Mac:       ${clean(o.serial)} (${clean(name)})
#   Check:     ${o.checkId}
#   Generated: ${o.generatedAt}
# Follows the cause-6 procedure of Microsoft's "Troubleshoot integration of Jamf Pro with Microsoft Intune",
# corrected: per-user files in the console user's Library, system files in /Library, keychain items removed by
# kind, label and issuer with security(1), Jamf Pro's own keys and /Library/Preferences/com.jamfsoftware.jamf.plist
# kept.
#
# Usage: sudo sh THIS-FILE [--apply] [--user SHORTNAME] [--remove-mdm-profile] [--remove-framework]
#                          [--remove-company-portal] [--adfs-url URL]
#   Without --apply it changes nothing and lists what it would remove (dry run).
#   --user               the console user you expect (refuses to run when someone else is logged in)
#   --remove-mdm-profile runs "jamf removeMdmProfile" (the Mac leaves Jamf Pro management)
#   --remove-framework   runs "jamf removeFramework" (the Mac must be re-enrolled in Jamf Pro)
#   --remove-company-portal removes /Applications/Company Portal.app
#   --adfs-url URL       also removes the identity preference of your ADFS STS URL (https://.../adfs/ls)
# Exit codes: 0 done (or dry run), 1 some items could not be removed, 2 bad usage, 3 refused.
#
# Test mode, never on a real Mac: when JIDOCTOR_CAUSE6_TEST=1, JIDOCTOR_CAUSE6_ROOT names a folder used as the
# root of every file path (a fake macOS tree for jidoctor's own test suite). Without JIDOCTOR_CAUSE6_TEST=1 the
# prefix is ignored.

set -u
umask 077

EXPECTED_SERIAL=${shq(o.serial)}
EXPECTED_USER=${shq(o.expectedUser ?? '')}
APPLY=0
REMOVE_MDM=0
REMOVE_FRAMEWORK=0
REMOVE_CP=0
ADFS_URL=''
USER_ARG=''

usage() {
  sed -n '/^# Usage:/,/^# Exit codes:/p' "$0" | sed 's/^# \\{0,1\\}//'
}

refuse() {
  printf 'jidoctor cause-6: refused: %s\\n' "$*" >&2
  exit 3
}

while [ $# -gt 0 ]; do
  case $1 in
    --apply) APPLY=1 ;;
    --remove-mdm-profile) REMOVE_MDM=1 ;;
    --remove-framework) REMOVE_FRAMEWORK=1 ;;
    --remove-company-portal) REMOVE_CP=1 ;;
    --user)
      [ $# -ge 2 ] || { echo 'jidoctor cause-6: --user needs a short name' >&2; exit 2; }
      USER_ARG=$2
      shift
      ;;
    --adfs-url)
      [ $# -ge 2 ] || { echo 'jidoctor cause-6: --adfs-url needs a URL' >&2; exit 2; }
      ADFS_URL=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      printf 'jidoctor cause-6: unknown option %s\\n' "$1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

ROOT=''
if [ "\${JIDOCTOR_CAUSE6_TEST:-}" = 1 ]; then
  ROOT=\${JIDOCTOR_CAUSE6_ROOT:-}
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG="$ROOT/var/log/jidoctor-cause6.log"
BACKUP="$ROOT/Library/Application Support/jidoctor/cause6-backup-$STAMP"
WOULD=0
DONE=0
FAILED=0
MANUAL=0

log() {
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"
  printf '%s\\n' "$line"
  if [ "$APPLY" = 1 ]; then
    printf '%s\\n' "$line" >>"$LOG" 2>/dev/null || true
  fi
}

# --- Who and where -------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || refuse 'run it as root: sudo sh '"$0"

SERIAL=$(ioreg -rd1 -c IOPlatformExpertDevice 2>/dev/null | awk -F'"' '/IOPlatformSerialNumber/ { print $4; exit }')
[ "$SERIAL" = "$EXPECTED_SERIAL" ] || refuse "this script is for the Mac $EXPECTED_SERIAL, this Mac is \${SERIAL:-unknown}"

CONSOLE_USER=$(printf 'show State:/Users/ConsoleUser\\n' | scutil 2>/dev/null | awk '/Name :/ && !/loginwindow/ { print $3; exit }')
case $CONSOLE_USER in
  '' | root | loginwindow | _mbsetupuser)
    refuse 'no user is logged in at the console: the user whose registration is cleaned must be logged in'
    ;;
esac
if [ -n "$USER_ARG" ] && [ "$USER_ARG" != "$CONSOLE_USER" ]; then
  refuse "--user $USER_ARG was given but $CONSOLE_USER is logged in at the console"
fi
if [ -z "$USER_ARG" ] && [ -n "$EXPECTED_USER" ] && [ "$EXPECTED_USER" != "$CONSOLE_USER" ]; then
  refuse "Jamf Pro says $EXPECTED_USER registered this Mac but $CONSOLE_USER is logged in; pass --user $CONSOLE_USER to clean $CONSOLE_USER's registration"
fi
CONSOLE_UID=$(id -u "$CONSOLE_USER" 2>/dev/null) || refuse "cannot resolve the id of $CONSOLE_USER"

USER_HOME=''
if command -v dscl >/dev/null 2>&1; then
  USER_HOME=$(dscl . -read "/Users/$CONSOLE_USER" NFSHomeDirectory 2>/dev/null | sed -n 's/^NFSHomeDirectory: *//p' | head -n 1)
fi
[ -n "$USER_HOME" ] || USER_HOME="/Users/$CONSOLE_USER"
[ -d "$ROOT$USER_HOME" ] || refuse "the home folder $USER_HOME of $CONSOLE_USER does not exist"
HOME_OWNER=$(stat -f %Su "$ROOT$USER_HOME" 2>/dev/null)
[ "$HOME_OWNER" = "$CONSOLE_USER" ] || refuse "$USER_HOME belongs to \${HOME_OWNER:-nobody}, not $CONSOLE_USER"
KEYCHAIN="$ROOT$USER_HOME/Library/Keychains/login.keychain-db"

as_user() {
  launchctl asuser "$CONSOLE_UID" sudo -u "$CONSOLE_USER" "$@"
}

if [ "$APPLY" = 1 ]; then
  mkdir -p "$ROOT/var/log" "$BACKUP" || refuse "cannot create the backup folder $BACKUP"
  log "jidoctor cause-6 clean-up: APPLY on $SERIAL for $CONSOLE_USER ($USER_HOME); backup in $BACKUP"
else
  log "jidoctor cause-6 clean-up: DRY RUN on $SERIAL for $CONSOLE_USER ($USER_HOME); nothing will be changed"
fi

# --- Files ---------------------------------------------------------------------------------------------------
# remove_path DOMAIN PATH: PATH is absolute; user-domain paths must belong to the console user.
remove_path() {
  domain=$1
  path=$2
  full="$ROOT$path"
  if [ ! -e "$full" ] && [ ! -L "$full" ]; then
    return 0
  fi
  if [ -L "$full" ]; then
    log "KEEP   $domain file $path (a symbolic link, not followed)"
    return 0
  fi
  if [ "$domain" = user ]; then
    owner=$(stat -f %Su "$full" 2>/dev/null)
    if [ "$owner" != "$CONSOLE_USER" ]; then
      log "KEEP   user file $path (belongs to \${owner:-nobody}, not $CONSOLE_USER)"
      return 0
    fi
  fi
  if [ "$APPLY" = 0 ]; then
    log "WOULD REMOVE $domain file $path"
    WOULD=$((WOULD + 1))
    return 0
  fi
  dest="$BACKUP/files$path"
  if mkdir -p "$(dirname "$dest")" && cp -Rp "$full" "$dest" && rm -rf "$full"; then
    log "REMOVED $domain file $path (copy in $dest)"
    DONE=$((DONE + 1))
  else
    log "FAILED $domain file $path"
    FAILED=$((FAILED + 1))
  fi
}

for rel in \\
  ${list(USER_FILES)}; do
  remove_path user "$USER_HOME/$rel"
done
for path in \\
  ${list(SYSTEM_FILES)}; do
  remove_path system "$path"
done
if [ "$REMOVE_CP" = 1 ]; then
  remove_path system '/Applications/Company Portal.app'
fi

# --- Login keychain of the console user (never prints a secret: no -g, no -w) -----------------------------------
# remove_generic OPTION VALUE WHAT: OPTION is -l (label) or -a (account).
remove_generic() {
  opt=$1
  value=$2
  what=$3
  as_user security find-generic-password "$opt" "$value" "$KEYCHAIN" >/dev/null 2>&1 || return 0
  if [ "$APPLY" = 0 ]; then
    log "WOULD REMOVE keychain application password, $what \\"$value\\""
    WOULD=$((WOULD + 1))
    return 0
  fi
  n=0
  while [ "$n" -lt 20 ] && as_user security find-generic-password "$opt" "$value" "$KEYCHAIN" >/dev/null 2>&1; do
    as_user security delete-generic-password "$opt" "$value" "$KEYCHAIN" >/dev/null 2>&1 || break
    n=$((n + 1))
  done
  if as_user security find-generic-password "$opt" "$value" "$KEYCHAIN" >/dev/null 2>&1; then
    log "FAILED keychain application password, $what \\"$value\\" (removed $n)"
    FAILED=$((FAILED + 1))
  else
    log "REMOVED keychain application password, $what \\"$value\\" ($n item(s))"
    DONE=$((DONE + 1))
  fi
}

for label in \\
  ${list(KEYCHAIN_LABELS)}; do
  remove_generic -l "$label" label
done
for account in \\
  ${list(KEYCHAIN_ACCOUNTS)}; do
  remove_generic -a "$account" account
done

# Certificates issued by MS-Organization-Access (the Workplace Join certificate) and their private key (the
# "Microsoft Workplace Join Key"), by SHA-1 hash. The hash identifies a certificate; it is not key material.
wpj_hashes() {
  as_user security find-certificate -a -Z "$KEYCHAIN" 2>/dev/null | awk '
    /^SHA-1 hash:/ { if (h != "" && m) print h; h = $3; m = 0; next }
    tolower($0) ~ /ms-organization-access/ { m = 1 }
    END { if (h != "" && m) print h }'
}
WPJ_HASHES=$(wpj_hashes)
if [ -z "$WPJ_HASHES" ]; then
  log "INFO   no certificate issued by ${CERT_ISSUER} in the login keychain (Macs registered with the Secure Enclave or Platform SSO keep the Workplace Join key out of the keychain: its absence is not proof the Mac is unregistered)"
fi
for hash in $WPJ_HASHES; do
  if [ "$APPLY" = 0 ]; then
    log "WOULD REMOVE keychain certificate issued by ${CERT_ISSUER} (SHA-1 $hash) and its private key (Microsoft Workplace Join Key)"
    WOULD=$((WOULD + 1))
    continue
  fi
  if as_user security delete-identity -Z "$hash" "$KEYCHAIN" >/dev/null 2>&1 ||
    as_user security delete-certificate -Z "$hash" "$KEYCHAIN" >/dev/null 2>&1; then
    log "REMOVED keychain certificate issued by ${CERT_ISSUER} (SHA-1 $hash) and its private key"
    DONE=$((DONE + 1))
  else
    log "FAILED keychain certificate issued by ${CERT_ISSUER} (SHA-1 $hash)"
    FAILED=$((FAILED + 1))
  fi
done

# Identity preferences, by service name.
remove_idpref() {
  url=$1
  # get-identity-preference takes no keychain: run as the user, it reads their search list (the login keychain).
  as_user security get-identity-preference -s "$url" >/dev/null 2>&1 || return 0
  if [ "$APPLY" = 0 ]; then
    log "WOULD REMOVE keychain identity preference \\"$url\\""
    WOULD=$((WOULD + 1))
    return 0
  fi
  if as_user security set-identity-preference -n -s "$url" "$KEYCHAIN" >/dev/null 2>&1; then
    log "REMOVED keychain identity preference \\"$url\\""
    DONE=$((DONE + 1))
  else
    log "FAILED keychain identity preference \\"$url\\""
    FAILED=$((FAILED + 1))
  fi
}
for url in \\
  ${list(IDENTITY_PREFERENCES)}; do
  remove_idpref "$url"
done
if [ -n "$ADFS_URL" ]; then
  remove_idpref "$ADFS_URL"
fi

# Keys without a certificate cannot be removed with security(1): name them for Keychain Access.
for key in 'Microsoft Session Transport Key' 'Microsoft Workplace Join Key'; do
  if [ "$APPLY" = 1 ] || [ "$key" = 'Microsoft Session Transport Key' ]; then
    if as_user security dump-keychain "$KEYCHAIN" 2>/dev/null | grep -F "\\"$key\\"" >/dev/null; then
      log "BY HAND keychain key \\"$key\\": open Keychain Access > login > Keys, delete its public and private key"
      MANUAL=$((MANUAL + 1))
    fi
  fi
done
log "KEEP   Jamf Pro's own keys and files: ${KEPT.join('; ')}"

# --- Jamf Pro management (only when asked) ---------------------------------------------------------------------
JAMF=/usr/local/jamf/bin/jamf
[ -x "$JAMF" ] || JAMF=$(command -v jamf 2>/dev/null || true)
MDM_STATE=$(profiles status -type enrollment 2>/dev/null | tr '\\n' ' ')
log "INFO   MDM enrolment: \${MDM_STATE:-unknown}"
run_jamf() {
  verb=$1
  if [ -z "$JAMF" ]; then
    log "FAILED jamf $verb (the jamf binary is not installed)"
    FAILED=$((FAILED + 1))
    return 0
  fi
  if [ "$APPLY" = 0 ]; then
    log "WOULD RUN jamf $verb"
    WOULD=$((WOULD + 1))
    return 0
  fi
  if "$JAMF" "$verb" >/dev/null 2>&1; then
    log "RAN    jamf $verb"
    DONE=$((DONE + 1))
  else
    log "FAILED jamf $verb"
    FAILED=$((FAILED + 1))
  fi
}
if [ "$REMOVE_MDM" = 1 ]; then
  run_jamf removeMdmProfile
fi
if [ "$REMOVE_FRAMEWORK" = 1 ]; then
  run_jamf removeFramework
fi

# --- Summary and the server-side half ---------------------------------------------------------------------------
if [ "$APPLY" = 0 ]; then
  log "DRY RUN: $WOULD item(s) would be removed, $MANUAL to remove by hand; run again with --apply to remove them"
else
  log "DONE: removed $DONE, failed $FAILED, by hand $MANUAL; copies in $BACKUP; log in $LOG"
fi
cat <<'JIDOCTOR_SERVER_STEPS'

${L(lang, 'Then, on the server side (jidoctor fix --apply does the record deletions it can, with backups):', 'Poi, lato server (jidoctor fix --apply esegue le eliminazioni di record che può, con backup):')}
${server}
${L(lang, 'Restart the Mac so that the login keychain is reloaded.', 'Riavviare il Mac perché il portachiavi di login venga ricaricato.')}
JIDOCTOR_SERVER_STEPS

if [ "$FAILED" -gt 0 ]; then
  exit 1
fi
exit 0
`;
}
