import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a small snapshot (docs/snapshot-format.md) of a legacy-mode tenant whose Macs have the given numbers of
 * Intune records: a serial with two or more records is a duplicate finding.
 */
export function writeSnapshot(
  dir: string,
  records: Record<string, number>,
  collectedAt = '2026-11-29T09:30:00Z',
): void {
  const put = (path: string, body: unknown) => {
    const file = join(dir, `${path}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(body));
  };
  put('manifest', {
    format: 'jidoctor-snapshot',
    version: 1,
    collectedAt,
    collector: 'test',
    tenant: { id: '11111111-2222-3333-4444-555555555555', name: 'Contoso' },
    datasets: {},
  });
  put('graph/v1.0/deviceManagement/deviceManagementPartners', {
    value: [
      {
        id: 'dmp-1',
        displayName: 'Jamf',
        isConfigured: true,
        partnerState: 'enabled',
        partnerAppType: 'singleTenantApp',
        lastHeartbeatDateTime: '2026-11-29T09:00:00Z',
      },
    ],
  });
  const value = Object.entries(records).flatMap(([serial, count]) =>
    Array.from({ length: count }, (_, i) => ({
      // Stable per record, as Intune's ids are: a Mac's records keep their ids from one snapshot to the next.
      id: `md-${serial}-${i + 1}`,
      deviceName: `Mac-${serial}`,
      serialNumber: serial,
      operatingSystem: 'macOS',
      managementAgent: 'jamf',
      complianceState: 'compliant',
      userPrincipalName: `${serial.toLowerCase()}@contoso.com`,
      lastSyncDateTime: `2026-11-2${i}T08:00:00Z`,
    })),
  );
  put('graph/v1.0/deviceManagement/managedDevices', { value });
}
