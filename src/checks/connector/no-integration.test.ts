import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import check from './no-integration.js';

const LEGACY = 'graph/v1.0/deviceManagement/deviceManagementPartners';
const DC = 'graph/v1.0/deviceManagement/complianceManagementPartners';
const EN = (legacy: string, dc: string) =>
  `No Jamf connector is set up in Intune: Partner device management (deviceManagementPartners) ${legacy}; Partner compliance management (complianceManagementPartners) ${dc}`;
const IT = (legacy: string, dc: string) =>
  `Nessun connettore Jamf è configurato in Intune: Gestione dei dispositivi partner (deviceManagementPartners) ${legacy}; Gestione della conformità dei partner (complianceManagementPartners) ${dc}`;

testCheck(check, {
  valid: [
    { name: 'legacy Jamf partner configured', fleet: fleet().legacyPartner().build() },
    {
      name: 'Jamf compliance partner present, even not yet onboarded for macOS',
      fleet: fleet().compliancePartner({ macOsOnboarded: false, partnerState: 'unknown' }).build(),
    },
    {
      name: 'legacy Jamf entry unresponsive (broken, but still the integration: connector/legacy-partner-state)',
      fleet: fleet().legacyPartner({ partnerState: 'unresponsive' }).build(),
    },
    {
      name: 'migrated: legacy terminated and Jamf Device Compliance onboarded (state C)',
      fleet: fleet()
        .legacyPartner({ partnerState: 'terminated', whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z' })
        .compliancePartner()
        .build(),
    },
    {
      name: 'a configured Jamf entry among unconfigured ones and other vendors',
      fleet: fleet()
        .legacyPartner({ displayName: 'Kandji' })
        .legacyPartner({ isConfigured: false, partnerState: 'unknown' })
        .legacyPartner({ displayName: 'JAMF', isConfigured: true, partnerState: 'unknown' })
        .build(),
    },
    {
      name: 'a Jamf compliance partner beside another vendor, with only other vendors in the legacy list',
      fleet: fleet()
        .legacyPartner({ displayName: 'Kandji' })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .compliancePartner()
        .build(),
    },
  ],
  invalid: [
    {
      // State F (https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner:
      // partnerState terminated, whenPartnerDevicesWillBeRemovedDateTime).
      name: 'state F: legacy Jamf entry terminated (even not flagged configured) and nothing replaces it',
      fleet: fleet()
        .legacyPartner({
          isConfigured: false,
          partnerState: 'terminated',
          whenPartnerDevicesWillBeRemovedDateTime: '2027-01-12T10:00:00Z',
        })
        .build(),
      findings: [
        {
          messageId: 'ended',
          text: {
            en: 'The legacy Jamf connector "Jamf" in Partner device management is terminated and nothing replaces it: Partner compliance management (complianceManagementPartners) has no Jamf entry, so Jamf Pro sends neither inventory nor compliance to Intune and Entra; Intune removes the legacy Macs on 2027-01-12T10:00:00.000Z',
            it: 'Il connettore Jamf legacy "Jamf" in Gestione dei dispositivi partner è terminated e nulla lo sostituisce: Gestione della conformità dei partner (complianceManagementPartners) non ha alcuna voce Jamf, quindi Jamf Pro non invia né inventario né conformità a Intune ed Entra; Intune rimuove i Mac legacy il 2027-01-12T10:00:00.000Z',
          },
          data: { name: 'Jamf', state: 'terminated', removal: '2027-01-12T10:00:00.000Z' },
          subjects: ['tenant-1'],
          severity: 'critical',
        },
      ],
    },
    {
      name: 'state F: legacy rejected without a removal date, another vendor in compliance management',
      fleet: fleet()
        .legacyPartner({ partnerState: 'rejected' })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .build(),
      findings: [{ messageId: 'ended', data: { name: 'Jamf', state: 'rejected', removal: null } }],
    },
    {
      name: 'state F: "Jamf Pro" unavailable, no removal date; the compliance entries named (or by id): evidence',
      fleet: fleet()
        .legacyPartner({ displayName: 'Jamf Pro', partnerState: 'unavailable', lastHeartbeatDateTime: null })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .compliancePartner({ displayName: null })
        .build(),
      findings: [
        {
          messageId: 'ended',
          text: {
            en: 'The legacy Jamf connector "Jamf Pro" in Partner device management is unavailable and nothing replaces it: Partner compliance management (complianceManagementPartners) has no Jamf entry, so Jamf Pro sends neither inventory nor compliance to Intune and Entra',
            it: 'Il connettore Jamf legacy "Jamf Pro" in Gestione dei dispositivi partner è unavailable e nulla lo sostituisce: Gestione della conformità dei partner (complianceManagementPartners) non ha alcuna voce Jamf, quindi Jamf Pro non invia né inventario né conformità a Intune ed Entra',
          },
          evidence: [
            {
              source: LEGACY,
              record: 'dmp-0001',
              fields: {
                displayName: 'Jamf Pro',
                isConfigured: true,
                partnerState: 'unavailable',
                lastHeartbeatDateTime: null,
                whenPartnerDevicesWillBeRemovedDateTime: null,
              },
            },
            { source: DC, fields: { entries: ['Contoso MTD', 'cmp-0003'] } },
          ],
        },
      ],
    },
    {
      name: 'no partner entry at all',
      fleet: fleet().build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 0, jamfLegacyNotConfigured: 0, complianceEntries: 0 },
          subjects: ['tenant-1'],
          severity: 'critical',
          text: { en: EN('is empty', 'is empty'), it: IT('è vuota', 'è vuota') },
          evidence: [
            { source: LEGACY, fields: { entries: [] } },
            { source: DC, fields: { entries: [] } },
          ],
        },
      ],
    },
    {
      name: 'a Jamf legacy entry that was never configured and another vendor in compliance management',
      fleet: fleet()
        .legacyPartner({ id: 'dmp-j', isConfigured: false, partnerState: 'unknown', lastHeartbeatDateTime: null })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 1, jamfLegacyNotConfigured: 1, complianceEntries: 1 },
          subjects: ['tenant-1'],
          text: {
            en: EN('lists 1 entry, including 1 Jamf entry that is not configured', 'lists 1 entry, none of them Jamf'),
            it: IT('contiene 1 voce, tra cui 1 voce Jamf non configurata', 'contiene 1 voce, nessuna di Jamf'),
          },
          evidence: [
            { source: LEGACY, fields: { entries: ['Jamf'] } },
            {
              source: LEGACY,
              record: 'dmp-j',
              fields: { displayName: 'Jamf', isConfigured: false, partnerState: 'unknown' },
            },
            { source: DC, fields: { entries: ['Contoso MTD'] } },
          ],
        },
      ],
    },
    {
      name: 'two Jamf legacy entries never configured, another vendor, two other compliance partners',
      fleet: fleet()
        .legacyPartner({ id: 'k', displayName: 'Kandji' })
        .legacyPartner({ id: 'j1', isConfigured: false, partnerState: 'unknown' })
        .legacyPartner({ id: 'j2', displayName: 'Jamf Pro', isConfigured: false, partnerState: null })
        .compliancePartner({ displayName: 'Contoso MTD' })
        .compliancePartner({ id: 'cmp-x', displayName: null })
        .build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 3, jamfLegacyNotConfigured: 2, complianceEntries: 2 },
          text: {
            en: EN(
              'lists 3 entries, including 2 Jamf entries that are not configured',
              'lists 2 entries, none of them Jamf',
            ),
            it: IT('contiene 3 voci, tra cui 2 voci Jamf non configurate', 'contiene 2 voci, nessuna di Jamf'),
          },
          evidence: [
            { source: LEGACY, fields: { entries: ['Kandji', 'Jamf', 'Jamf Pro'] } },
            {
              source: LEGACY,
              record: 'j1',
              fields: { displayName: 'Jamf', isConfigured: false, partnerState: 'unknown' },
            },
            {
              source: LEGACY,
              record: 'j2',
              fields: { displayName: 'Jamf Pro', isConfigured: false, partnerState: null },
            },
            { source: DC, fields: { entries: ['Contoso MTD', 'cmp-x'] } },
          ],
        },
      ],
    },
    {
      name: 'only another vendor is configured as device management partner',
      fleet: fleet().legacyPartner({ displayName: 'Kandji' }).legacyPartner({ displayName: 'Mosyle' }).build(),
      findings: [
        {
          messageId: 'none',
          data: { legacyEntries: 2, jamfLegacyNotConfigured: 0, complianceEntries: 0 },
          subjects: ['tenant-1'],
          text: {
            en: EN('lists 2 entries, none of them Jamf', 'is empty'),
            it: IT('contiene 2 voci, nessuna di Jamf', 'è vuota'),
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'legacy partners forbidden',
      fleet: fleet()
        .status('graph/v1.0/deviceManagement/deviceManagementPartners', 'forbidden', {
          needs: ['DeviceManagementServiceConfig.Read.All'],
        })
        .build(),
      reason: { kind: 'forbidden', needs: ['DeviceManagementServiceConfig.Read.All'] },
    },
    {
      name: 'compliance partners partial',
      fleet: fleet().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'partial').build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'compliance partners not collected',
      fleet: fleet().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'missing').build(),
      reason: { kind: 'not-collected', dataset: 'graph/v1.0/deviceManagement/complianceManagementPartners' },
    },
  ],
});
