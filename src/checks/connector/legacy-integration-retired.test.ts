import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './legacy-integration-retired.js';

testCheck(check, {
  valid: [
    {
      name: 'legacy mode from Jamf-managed Intune records only; no Jamf connector set up',
      fleet: fleet().intune({ serialNumber: 'C02X1' }).build(),
    },
    {
      name: 'a terminated connector is not in use',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .intune({ serialNumber: 'C02X1', lastSyncDateTime: '2026-11-29T08:00:00Z' })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'in use after 2025-01-31',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf' }).build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf', state: 'enabled', endedOn: '2025-01-31', daysSince: 667 },
          text: {
            en: 'The legacy Jamf connector "Jamf" (state "enabled") is still in use although Microsoft ended support for it on 2025-01-31 (667 days ago); migrate to Jamf Device Compliance',
            it: 'Il connettore Jamf legacy "Jamf" (stato "enabled") è ancora in uso sebbene Microsoft ne abbia terminato il supporto il 2025-01-31 (667 giorni fa); migrare a Jamf Device Compliance',
          },
          subjects: ['dmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'in use on the end date itself',
      fleet: fleet('2025-01-31T00:00:00Z').legacyPartner({ id: 'dmp-jamf', partnerState: 'unresponsive' }).build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf', state: 'unresponsive', endedOn: '2025-01-31', daysSince: 0 },
          text: {
            en: 'The legacy Jamf connector "Jamf" (state "unresponsive") is still in use although Microsoft ended support for it on 2025-01-31 (today); migrate to Jamf Device Compliance',
            it: 'Il connettore Jamf legacy "Jamf" (stato "unresponsive") è ancora in uso sebbene Microsoft ne abbia terminato il supporto il 2025-01-31 (oggi); migrare a Jamf Device Compliance',
          },
          subjects: ['dmp-jamf'],
        },
      ],
    },
    {
      name: 'in use before the end of support: a low warning',
      fleet: fleet('2024-06-01T00:00:00Z').legacyPartner({ id: 'dmp-jamf' }).build(),
      outcome: 'fail',
      findings: [
        {
          messageId: 'retiring',
          data: { name: 'Jamf', state: 'enabled', endsOn: '2025-01-31', daysLeft: 244 },
          text: {
            en: 'The legacy Jamf connector "Jamf" (state "enabled") is in use; Microsoft ends support for it on 2025-01-31, in 244 days: plan the migration to Jamf Device Compliance',
            it: 'Il connettore Jamf legacy "Jamf" (stato "enabled") è in uso; Microsoft ne termina il supporto il 2025-01-31, tra 244 giorni: pianificare la migrazione a Jamf Device Compliance',
          },
          subjects: ['dmp-jamf'],
          severity: 'low',
        },
      ],
    },
    {
      name: 'the day before the end of support',
      fleet: fleet('2025-01-30T12:00:00Z').legacyPartner({ id: 'dmp-jamf' }).build(),
      findings: [
        {
          messageId: 'retiring',
          data: { name: 'Jamf', state: 'enabled', endsOn: '2025-01-31', daysLeft: 1 },
          text: {
            en: 'The legacy Jamf connector "Jamf" (state "enabled") is in use; Microsoft ends support for it on 2025-01-31, in 1 day: plan the migration to Jamf Device Compliance',
            it: 'Il connettore Jamf legacy "Jamf" (stato "enabled") è in uso; Microsoft ne termina il supporto il 2025-01-31, tra 1 giorno: pianificare la migrazione a Jamf Device Compliance',
          },
        },
      ],
    },
    {
      name: 'one millisecond before the end of support',
      fleet: fleet('2025-01-30T23:59:59.999Z').legacyPartner({ id: 'dmp-jamf' }).build(),
      findings: [
        { messageId: 'retiring', data: { name: 'Jamf', state: 'enabled', endsOn: '2025-01-31', daysLeft: 1 } },
      ],
    },
    {
      name: 'a day after the end; the enabled entry is named rather than the first one in use',
      fleet: fleet('2025-02-01T06:00:00Z')
        .legacyPartner({ id: 'k', displayName: 'Kandji' })
        .legacyPartner({ id: 'never', isConfigured: false, partnerState: 'unknown' })
        .legacyPartner({ id: 'gone', partnerState: 'terminated' })
        .legacyPartner({ id: 'first', displayName: 'Jamf EU', partnerState: 'unresponsive' })
        .legacyPartner({ id: 'live', displayName: 'Jamf Pro' })
        .build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf Pro', state: 'enabled', endedOn: '2025-01-31', daysSince: 1 },
          subjects: ['live'],
          text: {
            en: 'The legacy Jamf connector "Jamf Pro" (state "enabled") is still in use although Microsoft ended support for it on 2025-01-31 (1 day ago); migrate to Jamf Device Compliance',
            it: 'Il connettore Jamf legacy "Jamf Pro" (stato "enabled") è ancora in uso sebbene Microsoft ne abbia terminato il supporto il 2025-01-31 (1 giorno fa); migrare a Jamf Device Compliance',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'live',
              fields: {
                displayName: 'Jamf Pro',
                isConfigured: true,
                partnerState: 'enabled',
                lastHeartbeatDateTime: '2026-11-29T09:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'no entry enabled: the first in use, its state unknown',
      fleet: fleet()
        .legacyPartner({ id: 'a', partnerState: null, isConfigured: true })
        .legacyPartner({ id: 'b', partnerState: 'unresponsive' })
        .build(),
      findings: [
        {
          messageId: 'retired',
          data: { name: 'Jamf', state: 'unknown', endedOn: '2025-01-31', daysSince: 667 },
          subjects: ['a'],
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
