import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import check from './legacy-leftovers.js';

/**
 * Partner shapes: https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner
 * (terminated, whenPartnerDevicesWillBeRemovedDateTime) and
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-compliancemanagementpartner. The clock is
 * 2026-11-29T09:30:00Z; with the removal date 2027-01-12 the connector stopped about 2026-10-14.
 */
const LEGACY_APP_ID = '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b81';
const terminated = (removal: string | null = '2027-01-12T10:00:00Z') => ({
  partnerState: 'terminated',
  singleTenantAppId: LEGACY_APP_ID,
  lastHeartbeatDateTime: '2026-10-14T09:58:00Z',
  whenPartnerDevicesWillBeRemovedDateTime: removal,
});
const record = (serialNumber: string, deviceName: string, lastSyncDateTime: string) => ({
  serialNumber,
  deviceName,
  azureADDeviceId: `dev-${serialNumber}`,
  lastSyncDateTime,
});
/** The legacy Jamf Pro app registration: Intune API update_device_attributes (application permission). */
const legacyApp = (appId = LEGACY_APP_ID, extra: Record<string, unknown> = {}) => ({
  id: `obj-${appId}`,
  appId,
  displayName: 'Jamf Pro',
  requiredResourceAccess: [
    {
      resourceAppId: 'c161e42e-d4df-4a3d-9b42-e7a3c31f59d4',
      resourceAccess: [{ id: '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e', type: 'Role' }],
    },
  ],
  passwordCredentials: [
    { keyId: 'k-1', displayName: 'jamf', endDateTime: '2027-06-01T00:00:00Z' },
    { keyId: 'k-2', displayName: 'old', endDateTime: '2026-01-01T00:00:00Z' },
  ],
  keyCredentials: [],
  ...extra,
});
/** Intune API application permission other than update_device_attributes (a near miss of the legacy app). */
const OTHER_INTUNE_ROLE = '4c1b2e5a-0f3d-4e7a-9b8c-1d2e3f4a5b6c';
const INTUNE_API = 'c161e42e-d4df-4a3d-9b42-e7a3c31f59d4';
const UPDATE_DEVICE_ATTRIBUTES = '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e';
const GRAPH = '00000003-0000-0000-c000-000000000000';
/** A fleet whose snapshot has no entry at all for one dataset (an older snapshot): not complete, so not looked at. */
const without = (f: ReturnType<ReturnType<typeof fleet>['build']>, id: string) => {
  f.datasets.delete(id);
  return f;
};
const nativeConnector = {
  id: 'sp-native',
  appId: 'c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7',
  displayName: 'Jamf Native macOS Connector',
  accountEnabled: true,
};

testCheck(check, {
  valid: [
    {
      name: 'C with every legacy record removed and the apps deleted',
      fleet: fleet().legacyPartner(terminated()).compliancePartner().build(),
    },
    {
      name: 'D (removal date passed) with nothing left; another app asks only for Microsoft Graph',
      fleet: fleet()
        .legacyPartner(terminated('2026-11-20T10:00:00Z'))
        .compliancePartner()
        .application({
          id: 'obj-other',
          appId: 'other-app',
          displayName: 'Jamf Pro (Cloud IdP)',
          requiredResourceAccess: [
            {
              resourceAppId: '00000003-0000-0000-c000-000000000000',
              resourceAccess: [{ id: '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e', type: 'Role' }],
            },
          ],
        })
        .build(),
    },
    {
      name: 'C: records draining before the removal date are an info note only',
      fleet: fleet()
        .legacyPartner(terminated())
        .compliancePartner()
        .intune(record('C02AAA000001', 'MAC-1', '2026-10-13T17:02:00Z'))
        .build(),
      notes: [
        {
          messageId: 'draining',
          data: {
            count: 1,
            macs: 'MAC-1 (C02AAA000001)',
            lastSync: '2026-10-13T17:02:00.000Z',
            removal: '2027-01-12T10:00:00.000Z',
          },
          subjects: ['tenant-1'],
          severity: 'info',
        },
      ],
    },
    {
      name: 'D, the stopped entry names no app: apps that are not the legacy Jamf Pro app, enterprise apps that are not the Native Connector',
      fleet: fleet()
        .legacyPartner({ ...terminated('2026-11-20T10:00:00Z'), singleTenantAppId: null })
        .compliancePartner()
        .application({
          id: 'obj-near-1',
          appId: 'near-1',
          displayName: 'Jamf Pro (delegated update_device_attributes)',
          requiredResourceAccess: [
            { resourceAppId: INTUNE_API, resourceAccess: [{ id: UPDATE_DEVICE_ATTRIBUTES, type: 'Scope' }] },
          ],
        })
        .application({
          id: 'obj-near-2',
          appId: 'near-2',
          displayName: 'Jamf Pro (another Intune permission)',
          requiredResourceAccess: [
            { resourceAppId: INTUNE_API, resourceAccess: [{ id: OTHER_INTUNE_ROLE, type: 'Role' }] },
          ],
        })
        .servicePrincipal({ id: 'sp-jamf', appId: 'jamf-pro-sp', displayName: 'Jamf Pro', accountEnabled: true })
        .servicePrincipal({ id: 'sp-none', appId: 'no-name-sp', displayName: null, accountEnabled: true })
        .build(),
    },
    {
      name: 'C: two records draining, the newest sync among them (in any order, one never synced); evidence',
      fleet: fleet()
        .legacyPartner(terminated())
        // A Jamf entry never set up (neither active nor stopped), naming another app: not the stopped connector's.
        .legacyPartner({ isConfigured: false, partnerState: 'unknown', singleTenantAppId: 'never-set-up-app' })
        .compliancePartner()
        .intune({ ...record('C02AAA000001', 'MAC-1', '2026-10-01T10:00:00Z'), id: 'md-1' })
        .intune({ ...record('C02AAA000002', 'MAC-2', '2026-09-01T10:00:00Z'), id: 'md-2' })
        .intune({ ...record('C02AAA000003', 'MAC-3', '2026-09-01T10:00:00Z'), id: 'md-3', lastSyncDateTime: null })
        .application({ id: 'obj-never', appId: 'never-set-up-app', displayName: 'Jamf Pro test' })
        .build(),
      notes: [
        {
          messageId: 'draining',
          severity: 'info',
          text: {
            en: '3 Intune records of the terminated legacy Jamf connector remain (MAC-1 (C02AAA000001), MAC-2 (C02AAA000002), MAC-3 (C02AAA000003); last sync 2026-10-01T10:00:00.000Z); Intune removes them by itself on 2027-01-12T10:00:00.000Z: nothing to do',
            it: 'Restano 3 record Intune del connettore Jamf legacy terminato (MAC-1 (C02AAA000001), MAC-2 (C02AAA000002), MAC-3 (C02AAA000003); ultima sincronizzazione 2026-10-01T10:00:00.000Z); Intune li rimuove da solo il 2027-01-12T10:00:00.000Z: nulla da fare',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'dmp-0001',
              fields: {
                displayName: 'Jamf',
                partnerState: 'terminated',
                lastHeartbeatDateTime: '2026-10-14T09:58:00.000Z',
                whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00.000Z',
              },
            },
            ...(
              [
                ['md-1', 'MAC-1', 'C02AAA000001', '2026-10-01T10:00:00.000Z'],
                ['md-2', 'MAC-2', 'C02AAA000002', '2026-09-01T10:00:00.000Z'],
                ['md-3', 'MAC-3', 'C02AAA000003', null],
              ] as const
            ).map(([id, deviceName, serialNumber, lastSyncDateTime]) => ({
              source: 'graph/v1.0/deviceManagement/managedDevices',
              record: id,
              fields: {
                deviceName,
                serialNumber,
                managementAgent: 'jamf',
                complianceState: 'compliant',
                lastSyncDateTime,
              },
            })),
          ],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'D: the removal date exactly now has passed; records named by name or serial alone, or by id',
      fleet: fleet()
        .legacyPartner(terminated('2026-11-29T09:30:00Z'))
        .compliancePartner()
        .intune({ ...record('C02AAA000001', 'MAC-1', '2026-08-01T10:00:00Z'), deviceName: null })
        .intune({ ...record('C02AAA000002', 'MAC-2', '2026-08-02T10:00:00Z'), serialNumber: null })
        .intune({
          ...record('C02AAA000003', 'MAC-3', '2026-08-03T10:00:00Z'),
          id: 'md-bare',
          serialNumber: null,
          deviceName: null,
        })
        .build(),
      findings: [
        {
          messageId: 'remaining',
          data: {
            count: 3,
            macs: 'C02AAA000001, MAC-2, md-bare',
            lastSync: '2026-08-03T10:00:00.000Z',
            removal: '2026-11-29T09:30:00.000Z',
          },
        },
      ],
    },
    {
      name: 'D without a removal date, one record: the sentence in both languages',
      fleet: fleet()
        .legacyPartner(terminated(null))
        .compliancePartner()
        .intune(record('C02AAA000001', 'MAC-1', '2026-11-28T10:00:00Z'))
        .build(),
      findings: [
        {
          messageId: 'remaining',
          text: {
            en: '1 Intune record of the stopped legacy Jamf connector remains (MAC-1 (C02AAA000001); last sync 2026-11-28T10:00:00.000Z) and Intune reports no removal date: delete it in Intune (Devices > macOS, managed by Jamf)',
            it: 'Resta 1 record Intune del connettore Jamf legacy fermato (MAC-1 (C02AAA000001); ultima sincronizzazione 2026-11-28T10:00:00.000Z) e Intune non indica una data di rimozione: eliminarlo in Intune (Dispositivi > macOS, gestiti da Jamf)',
          },
        },
      ],
    },
    {
      name: 'D: 21 records name 5 and cite 20',
      fleet: Array.from({ length: 21 }, (_, i) => i + 1)
        .reduce(
          (b, i) => b.intune(record(`C02AAA0000${String(i).padStart(2, '0')}`, `MAC-${i}`, '2026-08-01T10:00:00Z')),
          fleet().legacyPartner(terminated('2026-11-20T10:00:00Z')).compliancePartner(),
        )
        .build(),
      findings: [
        {
          messageId: 'remaining',
          data: {
            count: 21,
            macs: 'MAC-1 (C02AAA000001), MAC-2 (C02AAA000002), MAC-3 (C02AAA000003), MAC-4 (C02AAA000004), MAC-5 (C02AAA000005) (+16)',
            lastSync: '2026-08-01T10:00:00.000Z',
            removal: '2026-11-20T10:00:00.000Z',
          },
        },
      ],
    },
    {
      name: 'the legacy app by its Intune permission among others; credentials live without an end, ending now, past',
      fleet: fleet()
        .legacyPartner(terminated())
        .legacyPartner({ ...terminated(), singleTenantAppId: 'second-connector-app' })
        .compliancePartner()
        .application(
          legacyApp('another-jamf-app', {
            requiredResourceAccess: [
              { resourceAppId: GRAPH, resourceAccess: [{ id: UPDATE_DEVICE_ATTRIBUTES, type: 'Role' }] },
              {
                resourceAppId: INTUNE_API.toUpperCase(),
                resourceAccess: [
                  { id: OTHER_INTUNE_ROLE, type: 'Role' },
                  { id: UPDATE_DEVICE_ATTRIBUTES.toUpperCase(), type: 'Role' },
                ],
              },
            ],
            passwordCredentials: [
              { keyId: 'k-1', displayName: 'no end', endDateTime: null },
              { keyId: 'k-2', displayName: 'ends now', endDateTime: '2026-11-29T09:30:00Z' },
              { keyId: 'k-3', displayName: 'ends in a second', endDateTime: '2026-11-29T09:30:01Z' },
              { keyId: 'k-4', displayName: 'past', endDateTime: '2026-01-01T00:00:00Z' },
              { keyId: 'k-5', displayName: 'next year', endDateTime: '2027-06-01T00:00:00Z' },
            ],
            keyCredentials: [
              {
                keyId: 'c-1',
                displayName: 'cert',
                endDateTime: '2027-01-01T00:00:00Z',
                type: 'AsymmetricX509Cert',
                usage: 'Verify',
              },
            ],
          }),
        )
        .build(),
      findings: [
        {
          messageId: 'app',
          text: {
            en: 'The legacy Jamf Pro app registration "Jamf Pro" (appId another-jamf-app) is still in Entra with 4 unexpired credentials; Device Compliance does not use it: delete it',
            it: 'La registrazione dell\'app Jamf Pro legacy "Jamf Pro" (appId another-jamf-app) è ancora in Entra con 4 credenziali non scadute; Device Compliance non la usa: eliminarla',
          },
          evidence: [
            {
              source: 'graph/v1.0/applications',
              record: 'obj-another-jamf-app',
              fields: {
                appId: 'another-jamf-app',
                displayName: 'Jamf Pro',
                'requiredResourceAccess[].resourceAppId': [GRAPH, INTUNE_API.toUpperCase()],
                'credentials[].endDateTime': [
                  'never',
                  '2026-11-29T09:30:00.000Z',
                  '2026-11-29T09:30:01.000Z',
                  '2026-01-01T00:00:00.000Z',
                  '2027-06-01T00:00:00.000Z',
                  '2027-01-01T00:00:00.000Z',
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the legacy app named by either stopped connector, with no credential; a nameless Native Connector by appId',
      fleet: fleet()
        .legacyPartner(terminated())
        .legacyPartner({ ...terminated(), singleTenantAppId: 'SECOND-CONNECTOR-APP' })
        .compliancePartner()
        .application(
          legacyApp('second-connector-app', { displayName: null, requiredResourceAccess: [], passwordCredentials: [] }),
        )
        .servicePrincipal({ ...nativeConnector, displayName: 'jamf native macOS connector (old)' })
        .build(),
      findings: [
        {
          messageId: 'app',
          text: {
            en: 'The legacy Jamf Pro app registration "second-connector-app" (appId second-connector-app) is still in Entra; Device Compliance does not use it: delete it',
            it: 'La registrazione dell\'app Jamf Pro legacy "second-connector-app" (appId second-connector-app) è ancora in Entra; Device Compliance non la usa: eliminarla',
          },
        },
        {
          messageId: 'nativeConnector',
          data: { name: 'jamf native macOS connector (old)', appId: 'c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7' },
          evidence: [
            {
              source: 'graph/v1.0/servicePrincipals',
              record: 'sp-native',
              fields: {
                appId: 'c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7',
                displayName: 'jamf native macOS connector (old)',
                accountEnabled: true,
              },
            },
          ],
        },
      ],
    },
    {
      name: 'D: records left after the removal date, the legacy app and the Native macOS Connector',
      fleet: fleet()
        .legacyPartner(terminated('2026-11-29T09:29:59Z'))
        .compliancePartner()
        .intune(record('C02AAA000001', 'MAC-1', '2026-08-20T10:00:00Z'))
        .intune(record('C02AAA000002', 'MAC-2', '2026-08-21T10:00:00Z'))
        .application(legacyApp())
        .servicePrincipal(nativeConnector)
        .build(),
      findings: [
        {
          messageId: 'app',
          text: {
            en: 'The legacy Jamf Pro app registration "Jamf Pro" (appId 5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b81) is still in Entra with 1 unexpired credential; Device Compliance does not use it: delete it',
            it: 'La registrazione dell\'app Jamf Pro legacy "Jamf Pro" (appId 5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b81) è ancora in Entra con 1 credenziale non scaduta; Device Compliance non la usa: eliminarla',
          },
          data: { name: 'Jamf Pro', appId: LEGACY_APP_ID, liveCredentials: 1 },
          subjects: [LEGACY_APP_ID],
        },
        {
          messageId: 'nativeConnector',
          text: {
            en: 'The legacy enterprise app "Jamf Native macOS Connector" (appId c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7) is still in Entra; Macs register through the User registration app for Device Compliance instead: delete it',
            it: 'L\'app aziendale legacy "Jamf Native macOS Connector" (appId c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7) è ancora in Entra; i Mac si registrano invece tramite la User registration app for Device Compliance: eliminarla',
          },
          data: { name: 'Jamf Native macOS Connector', appId: 'c3d4e5f6-a7b8-4c9d-9e0f-a1b2c3d4e5f7' },
          subjects: ['sp-native'],
        },
        {
          messageId: 'remaining',
          text: {
            en: "2 Intune records of the stopped legacy Jamf connector remain (MAC-1 (C02AAA000001), MAC-2 (C02AAA000002); last sync 2026-08-21T10:00:00.000Z) although Intune's removal date 2026-11-29T09:29:59.000Z has passed: delete them in Intune (Devices > macOS, managed by Jamf)",
            it: 'Restano 2 record Intune del connettore Jamf legacy fermato (MAC-1 (C02AAA000001), MAC-2 (C02AAA000002); ultima sincronizzazione 2026-08-21T10:00:00.000Z) sebbene la data di rimozione di Intune, 2026-11-29T09:29:59.000Z, sia passata: eliminarli in Intune (Dispositivi > macOS, gestiti da Jamf)',
          },
          data: {
            count: 2,
            macs: 'MAC-1 (C02AAA000001), MAC-2 (C02AAA000002)',
            lastSync: '2026-08-21T10:00:00.000Z',
            removal: '2026-11-29T09:29:59.000Z',
          },
          subjects: ['tenant-1'],
          severity: 'low',
        },
      ],
    },
    {
      name: 'C (removal one second ahead) with the legacy app named only by the connector',
      fleet: fleet()
        .legacyPartner(terminated('2026-11-29T09:30:01Z'))
        .compliancePartner()
        .intune(record('C02AAA000001', 'MAC-1', '2026-08-30T10:00:00Z'))
        .application(legacyApp(LEGACY_APP_ID, { requiredResourceAccess: [], passwordCredentials: [] }))
        .build(),
      findings: [
        { messageId: 'app', data: { name: 'Jamf Pro', appId: LEGACY_APP_ID, liveCredentials: 0 } },
        {
          messageId: 'draining',
          text: {
            en: '1 Intune record of the terminated legacy Jamf connector remains (MAC-1 (C02AAA000001); last sync 2026-08-30T10:00:00.000Z); Intune removes it by itself on 2026-11-29T09:30:01.000Z: nothing to do',
            it: 'Resta 1 record Intune del connettore Jamf legacy terminato (MAC-1 (C02AAA000001); ultima sincronizzazione 2026-08-30T10:00:00.000Z); Intune lo rimuove da solo il 2026-11-29T09:30:01.000Z: nulla da fare',
          },
          severity: 'info',
        },
      ],
    },
    {
      name: 'D without a removal date: every jamf record is left, even a recent one',
      fleet: fleet()
        .legacyPartner(terminated(null))
        .compliancePartner()
        .intune(record('C02AAA000001', 'MAC-1', '2026-11-28T10:00:00Z'))
        .build(),
      findings: [
        {
          messageId: 'remaining',
          data: {
            count: 1,
            macs: 'MAC-1 (C02AAA000001)',
            lastSync: '2026-11-28T10:00:00.000Z',
            removal: null,
          },
        },
      ],
    },
    {
      name: 'D with the legacy entry gone: records and an app asking for update_device_attributes',
      fleet: fleet()
        .compliancePartner()
        .intune(record('C02AAA000003', 'MAC-3', '2026-05-01T10:00:00Z'))
        .application(legacyApp('another-jamf-app'))
        .build(),
      findings: [
        { messageId: 'app', subjects: ['another-jamf-app'] },
        {
          messageId: 'remaining',
          data: { count: 1, macs: 'MAC-3 (C02AAA000003)', lastSync: '2026-05-01T10:00:00.000Z', removal: null },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Intune devices not collected',
      fleet: fleet()
        .legacyPartner(terminated())
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/managedDevices', 'forbidden', {
          needs: ['DeviceManagementManagedDevices.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden' },
    },
    {
      name: 'app registrations not collected: the legacy app could not be looked for',
      fleet: fleet()
        .legacyPartner(terminated())
        .compliancePartner()
        .status('graph/v1.0/applications', 'forbidden')
        .build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'app registrations were not collected completely: the legacy Jamf Pro app was not looked for',
      },
    },
    {
      name: 'a snapshot without app registrations at all',
      fleet: without(fleet().legacyPartner(terminated()).compliancePartner().build(), 'graph/v1.0/applications'),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'a snapshot without enterprise apps at all',
      fleet: without(fleet().legacyPartner(terminated()).compliancePartner().build(), 'graph/v1.0/servicePrincipals'),
      reason: {
        kind: 'incomplete-data',
        detail: 'enterprise apps were not collected completely: the Jamf Native macOS Connector was not looked for',
      },
    },
    {
      name: 'service principals partial: the Native macOS Connector could not be looked for',
      fleet: fleet()
        .legacyPartner(terminated())
        .compliancePartner()
        .status('graph/v1.0/servicePrincipals', 'partial')
        .build(),
      reason: { kind: 'incomplete-data' },
    },
  ],
  notApplicable: [
    { name: 'E: clean Device Compliance', fleet: fleet().compliancePartner().application(legacyApp()).build() },
    {
      name: 'B: legacy still enabled',
      fleet: fleet().legacyPartner().compliancePartner().application(legacyApp()).build(),
    },
    {
      name: 'F: legacy terminated, nothing replaces it (connector/no-integration reports it)',
      fleet: fleet()
        .legacyPartner(terminated())
        .intune(record('C02AAA000001', 'MAC-1', '2026-08-30T10:00:00Z'))
        .build(),
    },
    {
      name: 'G: Device Compliance not onboarded for macOS',
      fleet: fleet().legacyPartner(terminated()).compliancePartner({ macOsOnboarded: false }).build(),
    },
    { name: 'L: legacy only', fleet: fleet().legacyPartner().build() },
  ],
});

describe('connector/legacy-leftovers with many records', () => {
  it('cites the stopped entry and the first 20 records', () => {
    const b = fleet().legacyPartner(terminated('2026-11-20T10:00:00Z')).compliancePartner();
    for (let i = 1; i <= 21; i++)
      b.intune(record(`C02BBB0000${String(i).padStart(2, '0')}`, `MAC-${i}`, '2026-08-01T10:00:00Z'));
    const [f] = runChecks(b.build(), [check]).findings;
    expect(f!.data.count).toBe(21);
    expect(f!.evidence.length).toBe(21);
    expect(f!.evidence.map((e) => e.record).slice(-2)).toEqual(['md-0021', 'md-0022']);
  });
});
