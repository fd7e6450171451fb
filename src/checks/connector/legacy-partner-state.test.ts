import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './legacy-partner-state.js';

const EN = (name: string, state: string, meaning: string, rest: string) =>
  `The Jamf connector "${name}" in Partner device management is in state "${state}", not "enabled": ${meaning}; ${rest}`;
const IT = (name: string, state: string, meaning: string, rest: string) =>
  `Il connettore Jamf "${name}" in Gestione dei dispositivi partner è nello stato "${state}", non "enabled": ${meaning}; ${rest}`;
const NEVER_EN = 'Intune has no state for the partner, so the connection was never completed';
const NEVER_IT = 'Intune non ha uno stato per il partner, quindi la connessione non è mai stata completata';

testCheck(check, {
  valid: [
    { name: 'Jamf partner enabled', fleet: fleet().legacyPartner().build() },
    {
      name: 'another vendor terminated, Jamf enabled',
      fleet: fleet().legacyPartner({ displayName: 'Kandji', partnerState: 'terminated' }).legacyPartner().build(),
    },
    {
      name: 'legacy mode from Jamf-managed Intune records; the Jamf entry was never configured',
      fleet: fleet()
        .legacyPartner({ isConfigured: false, partnerState: 'unknown' })
        .intune({ serialNumber: 'C02X1' })
        .build(),
    },
  ],
  invalid: [
    {
      // Terminated (stopped about 2026-11-01, 90 days before the removal date) while a Mac still synced after it:
      // the Intune record is legacy evidence, so the tenant stays legacy (model/mode.ts).
      name: 'terminated, with the non-compliance and removal dates, a Mac still synced after the termination',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T08:00:00Z' })
        .legacyPartner({
          id: 'dmp-jamf',
          partnerState: 'terminated',
          lastHeartbeatDateTime: '2026-11-01T10:00:00Z',
          whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: '2026-12-01T10:00:00Z',
          whenPartnerDevicesWillBeRemovedDateTime: '2027-01-30T10:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'Jamf',
            state: 'terminated',
            lastHeartbeat: '2026-11-01T10:00:00.000Z',
            nonCompliantFrom: '2026-12-01T10:00:00.000Z',
            removedFrom: '2027-01-30T10:00:00.000Z',
          },
          subjects: ['dmp-jamf'],
          severity: 'high',
          text: {
            en: EN(
              'Jamf',
              'terminated',
              'the connection was terminated (in Intune, or by Jamf Pro after the integration was turned off or its licence expired)',
              'last heartbeat 2026-11-01T10:00:00.000Z; its Macs are marked non-compliant from 2026-12-01T10:00:00.000Z and removed from Intune from 2027-01-30T10:00:00.000Z',
            ),
            it: IT(
              'Jamf',
              'terminated',
              "la connessione è stata terminata (in Intune, oppure da Jamf Pro dopo che l'integrazione è stata disattivata o la sua licenza è scaduta)",
              'ultimo heartbeat 2026-11-01T10:00:00.000Z; i suoi Mac vengono segnati come non conformi dal 2026-12-01T10:00:00.000Z e rimossi da Intune dal 2027-01-30T10:00:00.000Z',
            ),
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'dmp-jamf',
              fields: {
                displayName: 'Jamf',
                isConfigured: true,
                partnerState: 'terminated',
                partnerAppType: 'singleTenantApp',
                lastHeartbeatDateTime: '2026-11-01T10:00:00.000Z',
                whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: '2026-12-01T10:00:00.000Z',
                whenPartnerDevicesWillBeRemovedDateTime: '2027-01-30T10:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'unresponsive, only the non-compliance date',
      fleet: fleet()
        .legacyPartner({
          id: 'dmp-jamf',
          partnerState: 'unresponsive',
          lastHeartbeatDateTime: '2026-11-20T00:00:00Z',
          whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: '2026-12-01T10:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'Jamf',
            state: 'unresponsive',
            lastHeartbeat: '2026-11-20T00:00:00.000Z',
            nonCompliantFrom: '2026-12-01T10:00:00.000Z',
            removedFrom: null,
          },
          text: {
            en: EN(
              'Jamf',
              'unresponsive',
              'Jamf Pro stopped sending heartbeats to Intune',
              'last heartbeat 2026-11-20T00:00:00.000Z; its Macs are marked non-compliant from 2026-12-01T10:00:00.000Z',
            ),
            it: IT(
              'Jamf',
              'unresponsive',
              'Jamf Pro ha smesso di inviare heartbeat a Intune',
              'ultimo heartbeat 2026-11-20T00:00:00.000Z; i suoi Mac vengono segnati come non conformi dal 2026-12-01T10:00:00.000Z',
            ),
          },
        },
      ],
    },
    {
      name: 'a state Graph may add later reads as unknown; only the removal date',
      fleet: fleet()
        .legacyPartner({
          id: 'dmp-jamf',
          displayName: 'Jamf EU',
          partnerState: 'someFutureState',
          lastHeartbeatDateTime: null,
          whenPartnerDevicesWillBeRemovedDateTime: '2027-01-30T10:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'Jamf EU',
            state: 'someFutureState',
            lastHeartbeat: 'never',
            nonCompliantFrom: null,
            removedFrom: '2027-01-30T10:00:00.000Z',
          },
          text: {
            en: EN(
              'Jamf EU',
              'someFutureState',
              NEVER_EN,
              'no heartbeat received; removed from Intune from 2027-01-30T10:00:00.000Z',
            ),
            it: IT(
              'Jamf EU',
              'someFutureState',
              NEVER_IT,
              'nessun heartbeat ricevuto; rimossi da Intune dal 2027-01-30T10:00:00.000Z',
            ),
          },
        },
      ],
    },
    {
      name: 'a Jamf entry without a display name is not recognised; the named one is reported',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-x', displayName: null, partnerState: 'terminated' })
        // Set up but in no reported state: still the legacy integration (state L), so this check runs.
        .legacyPartner({ id: 'dmp-y', displayName: 'jamf', partnerState: 'unknown', isConfigured: true })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'jamf',
            state: 'unknown',
            lastHeartbeat: '2026-11-29T09:00:00.000Z',
            nonCompliantFrom: null,
            removedFrom: null,
          },
          subjects: ['dmp-y'],
        },
      ],
    },
    {
      name: 'unresponsive, no dates',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-jamf', partnerState: 'unresponsive', lastHeartbeatDateTime: '2026-11-20T00:00:00Z' })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'Jamf',
            state: 'unresponsive',
            lastHeartbeat: '2026-11-20T00:00:00.000Z',
            nonCompliantFrom: null,
            removedFrom: null,
          },
          subjects: ['dmp-jamf'],
        },
      ],
    },
    {
      name: 'configured, state missing and never a heartbeat',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-jamf', displayName: 'Jamf Pro', partnerState: null, lastHeartbeatDateTime: null })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: {
            name: 'Jamf Pro',
            state: 'unknown',
            lastHeartbeat: 'never',
            nonCompliantFrom: null,
            removedFrom: null,
          },
          subjects: ['dmp-jamf'],
          text: {
            en: EN('Jamf Pro', 'unknown', NEVER_EN, 'no heartbeat received'),
            it: IT('Jamf Pro', 'unknown', NEVER_IT, 'nessun heartbeat ricevuto'),
          },
        },
      ],
    },
    {
      name: 'two Jamf entries, rejected and unavailable, a Mac still synced after the removal date − 90 days',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-a', partnerState: 'rejected' })
        .legacyPartner({
          id: 'dmp-b',
          partnerState: 'unavailable',
          whenPartnerDevicesWillBeRemovedDateTime: '2027-02-01T00:00:00Z',
        })
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T08:00:00Z' })
        .build(),
      findings: [
        { messageId: 'not-enabled', subjects: ['dmp-a'] },
        { messageId: 'not-enabled', subjects: ['dmp-b'] },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'legacy partners partial',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'legacy partners not collected',
      fleet: fleet()
        .intune({ serialNumber: 'C02X1' })
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'missing')
        .build(),
      reason: { kind: 'not-collected' },
    },
  ],
  notApplicable: [
    { name: 'device-compliance mode', fleet: fleet().compliancePartner().build() },
    {
      name: 'state F: terminated and nothing replaces it (connector/no-integration reports it)',
      fleet: fleet().legacyPartner({ partnerState: 'terminated' }).intune({ serialNumber: 'C02X1' }).build(),
    },
    {
      name: 'state C: migrated, the terminated entry is expected',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .compliancePartner()
        .build(),
    },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
});
