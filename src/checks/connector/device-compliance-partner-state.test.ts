import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './device-compliance-partner-state.js';

testCheck(check, {
  valid: [
    { name: 'Jamf partner enabled and onboarded for macOS', fleet: fleet().compliancePartner().build() },
    {
      name: 'another vendor not onboarded is not Jamf',
      fleet: fleet()
        .compliancePartner()
        .compliancePartner({ displayName: 'Contoso MTD', partnerState: 'unavailable', macOsOnboarded: false })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'partner unresponsive',
      fleet: fleet()
        .compliancePartner({
          id: 'cmp-jamf',
          partnerState: 'unresponsive',
          lastHeartbeatDateTime: '2026-11-20T00:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: { name: 'Jamf Device Compliance', state: 'unresponsive', lastHeartbeat: '2026-11-20T00:00:00.000Z' },
          text: {
            en: 'The compliance partner "Jamf Device Compliance" is in state "unresponsive", not "enabled" (last heartbeat 2026-11-20T00:00:00.000Z)',
            it: 'Il partner di conformità "Jamf Device Compliance" è nello stato "unresponsive", non "enabled" (ultimo heartbeat 2026-11-20T00:00:00.000Z)',
          },
          subjects: ['cmp-jamf'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'enabled but not onboarded for macOS',
      fleet: fleet().compliancePartner({ id: 'cmp-jamf', macOsOnboarded: false }).build(),
      findings: [
        {
          messageId: 'macos-not-onboarded',
          data: { name: 'Jamf Device Compliance' },
          subjects: ['cmp-jamf'],
          text: {
            en: 'The compliance partner "Jamf Device Compliance" is not onboarded for macOS (macOsOnboarded is false)',
            it: 'Il partner di conformità "Jamf Device Compliance" non è attivato per macOS (macOsOnboarded è false)',
          },
          evidence: [
            {
              source: 'graph/v1.0/deviceManagement/complianceManagementPartners',
              record: 'cmp-jamf',
              fields: {
                displayName: 'Jamf Device Compliance',
                partnerState: 'enabled',
                macOsOnboarded: false,
                lastHeartbeatDateTime: '2026-11-29T09:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'both: state unknown, no heartbeat, not onboarded',
      fleet: fleet()
        .compliancePartner({ id: 'cmp-jamf', partnerState: null, lastHeartbeatDateTime: null, macOsOnboarded: false })
        .build(),
      findings: [
        {
          messageId: 'not-enabled',
          data: { name: 'Jamf Device Compliance', state: 'unknown', lastHeartbeat: 'never' },
          text: {
            en: 'The compliance partner "Jamf Device Compliance" is in state "unknown", not "enabled" (no heartbeat received)',
            it: 'Il partner di conformità "Jamf Device Compliance" è nello stato "unknown", non "enabled" (nessun heartbeat ricevuto)',
          },
          subjects: ['cmp-jamf'],
        },
        { messageId: 'macos-not-onboarded', subjects: ['cmp-jamf'] },
      ],
    },
    {
      name: 'not enabled while macOsOnboarded was not returned: still a failure',
      fleet: fleet().compliancePartner({ id: 'cmp-jamf', partnerState: 'terminated', macOsOnboarded: null }).build(),
      findings: [{ messageId: 'not-enabled', subjects: ['cmp-jamf'] }],
    },
  ],
  cannotCheck: [
    {
      name: 'enabled but macOsOnboarded not returned',
      fleet: fleet().compliancePartner({ macOsOnboarded: null }).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'complianceManagementPartners: Jamf Device Compliance has no macOsOnboarded value',
      },
    },
    {
      // Without complianceManagementPartners the mode cannot be device-compliance: the engine says why.
      name: 'compliance partners forbidden',
      fleet: fleet()
        .status('graph/v1.0/deviceManagement/complianceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'mode-unknown' },
    },
  ],
  notApplicable: [
    { name: 'legacy mode', fleet: fleet().legacyPartner().build() },
    { name: 'no integration at all', fleet: fleet().build() },
  ],
});
