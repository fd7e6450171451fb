import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { checksBlockedByRoles, grants, permissionsOf } from '../../src/collect/permissions.js';
import { runCli } from '../cli.js';

describe('jidoctor permissions', () => {
  it('per check, from its requires: Graph permissions and Jamf privileges', async () => {
    const r = await runCli(['permissions', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      checks: Array<{ id: string; graph: string[]; jamf: string[] }>;
      all: { graph: string[]; jamf: string[] };
    };
    expect(j.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(j.checks.find((c) => c.id === 'intune/duplicate-device-records')?.graph).toEqual([
      'DeviceManagementManagedDevices.Read.All',
    ]);
    expect(j.checks.find((c) => c.id === 'jamf/check-in-overdue')?.jamf).toContain('Read Computers');
    expect(j.all.graph).toContain('Policy.Read.All');
    const text = await runCli(['permissions']);
    expect(text.stdout).toMatch(/Microsoft Graph application permissions/);
    expect(text.stdout).toMatch(/jamf\/check-in-overdue\s+.*Jamf Read Computers/);
    // Jamf's own privilege names, per endpoint: the per-computer compliance endpoint is not Read Computers.
    expect(text.stdout).toContain(
      'GET /api/v1/conditional-access/device-compliance-information/computer/{id}: Read Device Compliance Information',
    );
    expect(j.checks.find((c) => c.id === 'compliance/jamf-entra-mismatch')?.jamf).toEqual([
      'Read Computers',
      'Read Device Compliance Information',
    ]);
    // The SSO extension profiles: Classic API, Jamf's own privilege name.
    expect(text.stdout).toContain(
      'GET /JSSResource/osxconfigurationprofiles/id/{id}/subset/General: Read macOS Configuration Profiles',
    );
    expect(j.checks.find((c) => c.id === 'jamf/sso-extension-profile-missing')?.jamf).toEqual([
      'Read Computers',
      'Read Device Compliance Information',
      'Read macOS Configuration Profiles',
    ]);
    expect(j.checks.find((c) => c.id === 'jamf/company-portal-missing')?.jamf).toEqual([
      'Read Computers',
      'Read Device Compliance Information',
    ]);
  });

  it('roles → the checks that will be could-not-check, broader permissions counting', () => {
    expect(grants(['Directory.Read.All'], 'Device.Read.All')).toBe(true);
    expect(grants(['Device.Read.All'], 'Directory.Read.All')).toBe(false);
    const all = [...new Set(CHECKS.flatMap((c) => permissionsOf(c).graph))];
    expect(checksBlockedByRoles(CHECKS, all)).toEqual([]);
    const blocked = checksBlockedByRoles(
      CHECKS,
      all.filter((p) => p !== 'User.Read.All'),
    );
    expect(blocked.map((b) => b.id)).toEqual(expect.arrayContaining(['licenses/intune-missing']));
    for (const b of blocked) expect(b.missing).toEqual(['User.Read.All']);
  });
});

describe('jidoctor demo and diagnose flags', () => {
  it('demo collects live from the in-process simulator and says where the snapshot is', async () => {
    const r = await runCli(['demo', '--format', 'json', '--macs', '15', '--seed', '2']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      source: { kind: string };
      findings: unknown[];
      mode: { detected: string; state: string };
    };
    expect(report.source.kind).toBe('simulator');
    // The default demo is a tenant migrated to Device Compliance (state C), what most tenants have today.
    expect(report.mode).toMatchObject({ detected: 'device-compliance', state: 'C' });
    expect(r.stderr).toContain('simulated migrated tenant');
    expect(report.findings.length).toBeGreaterThan(5);
    expect(r.stderr).toMatch(/snapshot written to \S+jidoctor-demo-/);
  }, 60_000);

  it('diagnose needs exactly one of --snapshot and --live; --live needs credentials', async () => {
    expect((await runCli(['diagnose'])).stderr).toMatch(/expected either --snapshot DIR or --live, found neither/);
    const none = await runCli(['diagnose', '--live']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to collect: expected AZURE_TENANT_ID/);
  }, 30_000);
});
