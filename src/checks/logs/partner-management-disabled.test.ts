import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence, macEvidenceOf, syslogLine } from '../../../test/logs-fixtures.js';
import check from './partner-management-disabled.js';

const tab = await macEvidence('C02P1', ['company-portal-tab.log']);
const pipe = await macEvidence('C02P2', ['company-portal-pipe.log']);
const clean = await macEvidence('C02P3', ['company-portal-space.log', 'near-misses.log']);
const none = await macEvidence('C02P4', ['jamf-basic.log', 'sso-extension.log']);

/**
 * Migration states (partner shapes: https://learn.microsoft.com/en-us/graph/api/resources/intune-onboarding-devicemanagementpartner
 * and …/intune-onboarding-compliancemanagementpartner); clock 2026-11-29T09:30Z. Removal 2027-01-12T10:00Z: the
 * legacy connector stopped about 2026-10-14T10:00Z. The refusal is the article's text (cause 5), as Company Portal
 * logs it in the unified log.
 */
const terminated = (removal: string | null) => ({
  partnerState: 'terminated',
  whenPartnerDevicesWillBeRemovedDateTime: removal,
});
const C = () => fleet().legacyPartner(terminated('2027-01-12T10:00:00Z')).compliancePartner();
const REFUSED =
  'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.';
const refusal = (serial: string, instant: string) =>
  macEvidenceOf(serial, { 'unified.log': `${syslogLine(instant, REFUSED, 'Company Portal[812]')}\n` });
const before = await refusal('C02P5', '2026-10-14T10:00:00Z');
const after = await refusal('C02P6', '2026-10-14T10:00:01Z');

testCheck(check, {
  valid: [
    { name: 'Company Portal logs without the refusal', fleet: fleet().macLogs(clean).build() },
    {
      name: 'C: a refusal at the stop is residue of the legacy era',
      fleet: C().macLogs(before).build(),
      notes: [
        {
          messageId: 'residue',
          severity: 'info',
          text: {
            en: 'C02P5: 1 line of the legacy integration, the last on 2026-10-14 10:00:00 +0000, before the legacy Intune connector stopped (about 2026-10-14): residue of the migration, nothing to fix — Company Portal refused the registration-only launch: partner management (the Jamf integration) is turned off in Intune (macs/C02P5/unified.log:1)',
            it: 'C02P5: 1 riga dell’integrazione legacy, l’ultima il 2026-10-14 10:00:00 +0000, prima dell’arresto del connettore Intune legacy (circa il 2026-10-14): residuo della migrazione, niente da correggere — Il Portale aziendale ha rifiutato l’avvio di sola registrazione: la gestione partner (l’integrazione Jamf) è disattivata in Intune (macs/C02P5/unified.log:1)',
          },
        },
      ],
    },
    { name: 'C: no refusal in the Company Portal logs', fleet: C().macLogs(clean).build() },
  ],
  invalid: [
    {
      name: 'the -r refusal in the tab-separated format',
      fleet: fleet().macLogs(tab).build(),
      findings: [
        {
          messageId: 'seen',
          data: {
            mac: 'C02P1',
            signature: 'registration-only-flag-refused',
            count: 1,
            file: 'macs/C02P1/company-portal-tab.log',
            line: 2,
            last: '2021-04-25 07:14:42 (local time, zone unknown)',
          },
          text: {
            en: 'C02P1: Company Portal refused the registration-only launch: partner management (the Jamf integration) is turned off in Intune — 1 line, last on 2021-04-25 07:14:42 (local time, zone unknown) (macs/C02P1/company-portal-tab.log:2)',
            it: 'C02P1: Il Portale aziendale ha rifiutato l’avvio di sola registrazione: la gestione partner (l’integrazione Jamf) è disattivata in Intune — 1 riga, l’ultima il 2021-04-25 07:14:42 (local time, zone unknown) (macs/C02P1/company-portal-tab.log:2)',
          },
          subjects: ['C02P1', 'macs/C02P1/company-portal-tab.log'],
        },
      ],
    },
    {
      name: 'the pop-up title in the pipe-separated format',
      fleet: fleet().macLogs(pipe).build(),
      findings: [{ messageId: 'seen', subjects: ['C02P2', 'macs/C02P2/company-portal-pipe.log'] }],
    },
    {
      name: 'L: the refusal on a legacy tenant',
      fleet: fleet().legacyPartner().macLogs(before).build(),
      findings: [{ messageId: 'seen', severity: 'high', subjects: ['C02P5', 'macs/C02P5/unified.log'] }],
    },
    {
      name: 'B: the refusal while both integrations are on',
      fleet: fleet().legacyPartner().compliancePartner().macLogs(before).build(),
      findings: [{ messageId: 'seen', subjects: ['C02P5', 'macs/C02P5/unified.log'] }],
    },
    {
      name: 'C: a refusal one second after the legacy connector stopped',
      fleet: C().macLogs(after).build(),
      findings: [
        {
          messageId: 'afterStop',
          severity: 'high',
          subjects: ['C02P6', 'macs/C02P6/unified.log'],
          text: {
            en: 'C02P6: Company Portal refused the registration-only launch: partner management (the Jamf integration) is turned off in Intune — 1 line, the last on 2026-10-14 10:00:01 +0000, after the legacy Intune connector stopped (about 2026-10-14: Intune removes its Macs on 2027-01-12) (macs/C02P6/unified.log:1)',
            it: 'C02P6: Il Portale aziendale ha rifiutato l’avvio di sola registrazione: la gestione partner (l’integrazione Jamf) è disattivata in Intune — 1 riga, l’ultima il 2026-10-14 10:00:01 +0000, dopo l’arresto del connettore Intune legacy (circa il 2026-10-14: Intune rimuove i suoi Mac il 2027-01-12) (macs/C02P6/unified.log:1)',
          },
        },
      ],
    },
    {
      name: 'D: the removal date has passed, a refusal after the stop',
      fleet: fleet().legacyPartner(terminated('2026-11-20T10:00:00Z')).compliancePartner().macLogs(after).build(),
      findings: [
        {
          messageId: 'afterStop',
          data: {
            mac: 'C02P6',
            signature: 'registration-only-flag-refused',
            count: 1,
            file: 'macs/C02P6/unified.log',
            line: 1,
            last: '2026-10-14 10:00:01 +0000',
            stopped: '2026-08-22',
            removal: '2026-11-20',
          },
        },
      ],
    },
    {
      name: 'F: legacy ended and nothing replaced it: the refusal after the stop is cause 5 itself',
      fleet: fleet().legacyPartner(terminated('2027-01-12T10:00:00Z')).macLogs(after).build(),
      findings: [{ messageId: 'afterStop', subjects: ['C02P6', 'macs/C02P6/unified.log'] }],
    },
    {
      name: 'state unknown (complianceManagementPartners forbidden): reported as the line says',
      fleet: C().status('graph/v1.0/deviceManagement/complianceManagementPartners', 'forbidden').macLogs(after).build(),
      findings: [{ messageId: 'seen', subjects: ['C02P6', 'macs/C02P6/unified.log'] }],
    },
  ],
  cannotCheck: [
    {
      name: 'C: no Company Portal or unified log, nothing to date',
      fleet: C().macLogs(none).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'D without a removal date: the refusal cannot be told from residue',
      fleet: fleet().legacyPartner(terminated(null)).compliancePartner().macLogs(after).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'no Company Portal or unified log',
      fleet: fleet().macLogs(none).build(),
      reason: { kind: 'incomplete-data' },
    },
    { name: 'macs not collected', fleet: fleet().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
  ],
  notApplicable: [
    { name: 'E: clean Device Compliance', fleet: fleet().compliancePartner().macLogs(after).build() },
    {
      name: 'G: Device Compliance half set up',
      fleet: fleet().compliancePartner({ macOsOnboarded: false }).macLogs(after).build(),
    },
  ],
});
