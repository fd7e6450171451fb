import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './legacy-heartbeat-stale.js';

// The builder's clock is 2026-11-29T09:30:00Z.
testCheck(check, {
  valid: [
    { name: 'heartbeat 30 minutes ago', fleet: fleet().legacyPartner().build() },
    {
      name: 'heartbeat exactly 24 hours ago',
      fleet: fleet().legacyPartner({ lastHeartbeatDateTime: '2026-11-28T09:30:00Z' }).build(),
    },
    {
      name: 'a heartbeat slightly in the future (clock skew)',
      fleet: fleet().legacyPartner({ lastHeartbeatDateTime: '2026-11-29T09:35:00Z' }).build(),
    },
    {
      name: 'a terminated connector is left to connector/legacy-partner-state (a Mac synced after the termination)',
      fleet: fleet()
        .legacyPartner({
          partnerState: 'terminated',
          lastHeartbeatDateTime: '2026-01-01T00:00:00Z',
          whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z',
        })
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T08:00:00Z' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'heartbeat 24 hours and one minute ago',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf', lastHeartbeatDateTime: '2026-11-28T09:29:00Z' }).build(),
      findings: [
        {
          messageId: 'stale',
          data: { name: 'Jamf', lastHeartbeat: '2026-11-28T09:29:00.000Z', hours: 24 },
          subjects: ['dmp-jamf'],
          severity: 'high',
          text: {
            en: 'The Jamf connector "Jamf" is enabled but its last heartbeat to Intune was at 2026-11-28T09:29:00.000Z, more than 24 hours before the data was collected',
            it: 'Il connettore Jamf "Jamf" è abilitato ma il suo ultimo heartbeat verso Intune risale al 2026-11-28T09:29:00.000Z, più di 24 ore prima della raccolta dei dati',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'dmp-jamf',
              fields: {
                displayName: 'Jamf',
                isConfigured: true,
                partnerState: 'enabled',
                lastHeartbeatDateTime: '2026-11-28T09:29:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'heartbeat 25 hours ago; other vendors and a non-enabled Jamf entry are left out',
      fleet: fleet()
        .legacyPartner({ displayName: 'Kandji', lastHeartbeatDateTime: '2026-01-01T00:00:00Z' })
        .legacyPartner({ partnerState: 'unresponsive', lastHeartbeatDateTime: '2026-01-01T00:00:00Z' })
        .legacyPartner({ id: 'p', displayName: 'Jamf Pro', lastHeartbeatDateTime: '2026-11-28T08:30:00Z' })
        .build(),
      findings: [
        {
          messageId: 'stale',
          data: { name: 'Jamf Pro', lastHeartbeat: '2026-11-28T08:30:00.000Z', hours: 25 },
          subjects: ['p'],
          text: {
            en: 'The Jamf connector "Jamf Pro" is enabled but its last heartbeat to Intune was at 2026-11-28T08:30:00.000Z, 25 hours before the data was collected',
            it: 'Il connettore Jamf "Jamf Pro" è abilitato ma il suo ultimo heartbeat verso Intune risale al 2026-11-28T08:30:00.000Z, 25 ore prima della raccolta dei dati',
          },
        },
      ],
    },
    {
      name: 'heartbeat three days ago',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf', lastHeartbeatDateTime: '2026-11-26T08:00:00Z' }).build(),
      findings: [
        {
          messageId: 'stale',
          data: { name: 'Jamf', lastHeartbeat: '2026-11-26T08:00:00.000Z', hours: 73 },
          subjects: ['dmp-jamf'],
        },
      ],
    },
    {
      name: 'enabled but no heartbeat ever',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf', lastHeartbeatDateTime: null }).build(),
      findings: [
        {
          messageId: 'no-heartbeat',
          data: { name: 'Jamf' },
          subjects: ['dmp-jamf'],
          text: {
            en: 'The Jamf connector "Jamf" is enabled but Intune has never received a heartbeat from Jamf Pro',
            it: 'Il connettore Jamf "Jamf" è abilitato ma Intune non ha mai ricevuto un heartbeat da Jamf Pro',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'dmp-jamf',
              fields: { displayName: 'Jamf', isConfigured: true, partnerState: 'enabled', lastHeartbeatDateTime: null },
            },
          ],
        },
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
    { name: 'no integration at all', fleet: fleet().build() },
    {
      name: 'state F: legacy terminated, nothing replaces it',
      fleet: fleet().legacyPartner({ partnerState: 'terminated' }).intune({ serialNumber: 'C02X1' }).build(),
    },
    {
      name: 'state C: migrated to Device Compliance',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .compliancePartner()
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-09-01T08:00:00Z' })
        .build(),
    },
  ],
});
