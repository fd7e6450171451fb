import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseSnapshot } from '../src/diagnose.js';
import { EXAMPLE, runCli } from './cli.js';
import { MAC_FIXTURES } from './mac-fixtures.js';

/** The example tenant with one Mac folder holding property lists at their Mac paths, as copied from the Mac. */
function snapshotWithPlists(): { dir: string; serial: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jidoctor-snap-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  rmSync(join(dir, 'macs'), { recursive: true, force: true });
  const serial = 'C02C00494481'; // LON-MBP-0101, in the fleet
  const put = (rel: string, from: string): void => {
    const dest = join(dir, 'macs', serial, rel);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(join(MAC_FIXTURES, from), dest);
  };
  put('Library/Preferences/com.jamfsoftware.jamf.plist', 'jamf-not-applicable.binary.plist');
  put('Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist', 'jamfAAD-not-acquired.binary.plist');
  put(
    'Users/anna/Library/LaunchAgents/com.jamf.management.jamfAAD.migrator.plist',
    'com.jamf.management.jamfAAD.migrator.plist',
  );
  put('psso-status.txt', 'psso-status-registered.txt');
  return { dir, serial };
}

describe('Mac settings end to end', () => {
  it('diagnose reads the plists of macs/{serial}/ and joins the findings to the Mac of the fleet', async () => {
    const { dir, serial } = snapshotWithPlists();
    const { report } = await diagnoseSnapshot(dir);
    const mac = report.findings.filter((f) => f.checkId.startsWith('mac/'));
    const ca = mac.find((f) => f.checkId === 'mac/microsoft-ca-not-enabled');
    expect(ca?.subjects[0]).toMatchObject({ kind: 'mac', id: serial, name: 'LON-MBP-0101' });
    expect(ca?.evidence).toEqual([
      {
        source: `macs/${serial}/Library/Preferences/com.jamfsoftware.jamf.plist`,
        text: 'microsoftCAEnabled = false (boolean)',
      },
    ]);
    expect(mac.find((f) => f.checkId === 'mac/psso-without-jamf-registration')?.evidence.map((e) => e.source)).toEqual([
      `macs/${serial}/psso-status.txt`,
      `macs/${serial}/Users/anna/Library/Preferences/com.jamf.management.jamfAAD.plist`,
    ]);
    // The binary plists are read, not refused as binary content.
    expect(JSON.stringify(report)).not.toContain('binary content');
  });

  it('jidoctor logs runs the mac/* checks when --mode names the integration, and not otherwise', async () => {
    const { dir, serial } = snapshotWithPlists();
    const folder = join(dir, 'macs', serial);
    const withMode = await runCli(['logs', '--mode', 'device-compliance', '--format', 'json', folder]);
    expect(withMode.stderr).toBe('');
    const doc = JSON.parse(withMode.stdout) as {
      macs: Array<{ settings?: unknown }>;
      findings: Array<{ checkId: string }>;
    };
    expect(doc.macs[0]?.settings).toBeDefined();
    expect([...new Set(doc.findings.map((f) => f.checkId))].sort()).toEqual([
      'mac/microsoft-ca-not-enabled',
      'mac/migration-pending',
      'mac/psso-without-jamf-registration',
      'mac/registration-app-mismatch',
    ]);
    expect(withMode.code).toBe(1);
    const text = await runCli(['logs', '--mode', 'device-compliance', '--lang', 'it', folder]);
    expect(text.stdout).toContain(
      'mac/migration-pending — C02C00494481: com.jamf.management.jamfAAD.migrator.plist ancora presente',
    );
    const without = await runCli(['logs', '--format', 'json', folder]);
    const plain = JSON.parse(without.stdout) as { checks: Array<{ id: string }> };
    expect(plain.checks.some((c) => c.id.startsWith('mac/'))).toBe(false);
    const bad = await runCli(['logs', '--mode', 'both', folder]);
    expect(bad.code).not.toBe(0);
  });
});
