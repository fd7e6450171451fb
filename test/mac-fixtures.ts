import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMac } from '../src/logs/analyze.js';
import type { MacLogEvidence } from '../src/model/types.js';

export const MAC_FIXTURES = fileURLToPath(new URL('./fixtures/mac/', import.meta.url));

/** Mac paths of the files the settings reader knows (a copied folder keeps them). */
export const AT = {
  jamf: 'Library/Preferences/com.jamfsoftware.jamf.plist',
  jamfAAD: 'Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist',
  managed: 'Library/Managed Preferences/com.jamf.management.jamfAAD.plist',
  migrator: 'Users/anna/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist',
  staging: 'Users/anna/Library/JamfAADStaging/jamfAAD_migrator.sh',
  collector: 'mac-settings.txt',
  psso: 'psso-status.txt',
  appSso: 'app-sso-platform.txt',
  profiles: 'profiles-configuration.txt',
} as const;

/**
 * Evidence of a Mac folder `macs/<serial>/` holding fixtures of test/fixtures/mac at the given paths (a key of AT
 * or a path), read by the real analyser.
 */
export async function macFolder(
  serial: string,
  files: Partial<Record<keyof typeof AT, string>> & Record<string, string>,
): Promise<MacLogEvidence> {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-macset-'));
  for (const [at, fixture] of Object.entries(files)) {
    const rel = (AT as Record<string, string>)[at] ?? at;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    copyFileSync(join(MAC_FIXTURES, fixture), join(dir, rel));
  }
  const root = `macs/${serial}`;
  return analyzeMac([{ path: dir, name: root }], root, { serial });
}

/**
 * Evidence of a Mac folder whose `mac-settings.txt` (the collector's tab-separated format, src/mac/collect.sh) holds
 * the given lines after the collector's header: for the near misses no fixture file has (one path listed, not the
 * other).
 */
export async function macSettingsLines(serial: string, lines: string[]): Promise<MacLogEvidence> {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-macset-'));
  const header = '# jidoctor-mac-collect settings: path, key, type, value (tab-separated)';
  writeFileSync(join(dir, AT.collector), `${[header, ...lines].join('\n')}\n`);
  const root = `macs/${serial}`;
  return analyzeMac([{ path: dir, name: root }], root, { serial });
}
