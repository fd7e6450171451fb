import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './both-integrations.js';

testCheck(check, {
  valid: [
    { name: 'legacy only', fleet: fleet().legacyPartner().build() },
    { name: 'device compliance only', fleet: fleet().compliancePartner().build() },
    {
      name: 'migration finished: the legacy connector is terminated',
      fleet: fleet().legacyPartner({ partnerState: 'terminated' }).compliancePartner().build(),
    },
    {
      name: 'migration not started: the compliance partner is not onboarded for macOS yet',
      fleet: fleet().legacyPartner().compliancePartner({ macOsOnboarded: false }).build(),
    },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
  invalid: [
    {
      name: 'legacy enabled and compliance onboarded',
      fleet: fleet().legacyPartner({ id: 'dmp-jamf' }).compliancePartner({ id: 'cmp-jamf' }).build(),
      findings: [
        {
          messageId: 'both',
          data: { legacy: 'Jamf', compliance: 'Jamf Device Compliance' },
          subjects: ['dmp-jamf', 'cmp-jamf'],
          severity: 'medium',
          text: {
            en: 'The legacy connector "Jamf" (Partner device management) is still enabled while "Jamf Device Compliance" (Partner compliance management) is onboarded for macOS',
            it: 'Il connettore legacy "Jamf" (Gestione dei dispositivi partner) è ancora abilitato mentre "Jamf Device Compliance" (Gestione della conformità dei partner) è attivato per macOS',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/deviceManagementPartners',
              record: 'dmp-jamf',
              fields: {
                displayName: 'Jamf',
                isConfigured: true,
                partnerState: 'enabled',
                lastHeartbeatDateTime: '2026-11-29T09:00:00.000Z',
              },
            },
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-jamf',
              fields: {
                displayName: 'Jamf Device Compliance',
                partnerState: 'enabled',
                macOsOnboarded: true,
                lastHeartbeatDateTime: '2026-11-29T09:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the enabled and onboarded Jamf entries are found among others',
      fleet: fleet()
        .legacyPartner({ id: 'k', displayName: 'Kandji' })
        .legacyPartner({ id: 'old', partnerState: 'terminated' })
        .legacyPartner({ id: 'live', displayName: 'Jamf Pro' })
        .compliancePartner({ id: 'other', displayName: 'Contoso MTD' })
        .compliancePartner({ id: 'pending', macOsOnboarded: false })
        .compliancePartner({ id: 'on', displayName: 'jamf' })
        .build(),
      findings: [{ messageId: 'both', data: { legacy: 'Jamf Pro', compliance: 'jamf' }, subjects: ['live', 'on'] }],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .compliancePartner()
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'compliance partners partial',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial')
        .build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'compliance partners not collected',
      fleet: fleet()
        .legacyPartner()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'missing')
        .build(),
      reason: { kind: 'not-collected' },
    },
  ],
});
