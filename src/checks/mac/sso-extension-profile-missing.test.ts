import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder } from '../../../test/mac-fixtures.js';
import check from './sso-extension-profile-missing.js';

const dc = () => fleet().compliancePartner();
const counted = await macFolder('C02SE01', { collector: 'mac-settings-healthy.txt', profiles: 'profiles-none.txt' });
const countedZero = await macFolder('C02SE02', { collector: 'mac-settings-broken.txt' });
const listingWithout = await macFolder('C02SE03', { profiles: 'profiles-without-sso.txt' });
const noneInstalled = await macFolder('C02SE04', { profiles: 'profiles-none.txt' });
const otherSsoPayload = await macFolder('C02SE05', { profiles: 'profiles-sso-payload.txt' });
const idsOnly = await macFolder('C02SE06', { profiles: 'profiles-ids-only.txt' });
const onlyLog = await macEvidence('C02SE07', ['jamf-basic.log']);

testCheck(check, {
  valid: [
    { name: 'collector: the extension id counted in the installed profiles', fleet: dc().macLogs(counted).build() },
  ],
  invalid: [
    {
      name: 'collector: counted 0',
      fleet: dc().macLogs(countedZero).macLogs(counted).build(),
      findings: [
        {
          messageId: 'missing',
          text: {
            en: 'C02SE02: no installed profile configures com.microsoft.CompanyPortalMac.ssoextension (macs/C02SE02/mac-settings.txt:8)',
            it: 'C02SE02: nessun profilo installato configura com.microsoft.CompanyPortalMac.ssoextension (macs/C02SE02/mac-settings.txt:8)',
          },
          data: { mac: 'C02SE02', file: 'macs/C02SE02/mac-settings.txt:8' },
          subjects: ['C02SE02'],
        },
      ],
    },
    {
      name: 'profiles show: payload types listed, no extensible SSO payload',
      fleet: dc().macLogs(listingWithout).build(),
      findings: [{ messageId: 'missing', data: { mac: 'C02SE03', file: 'macs/C02SE03/profiles-configuration.txt:7' } }],
    },
    {
      name: 'profiles show: no profile installed',
      fleet: dc().macLogs(noneInstalled).build(),
      findings: [{ messageId: 'missing', data: { mac: 'C02SE04', file: 'macs/C02SE04/profiles-configuration.txt:1' } }],
    },
  ],
  cannotCheck: [
    { name: 'no macs/ folder', fleet: dc().status('macs', 'missing').build(), reason: { kind: 'not-collected' } },
    {
      name: 'near miss: an extensible SSO payload whose extension the listing does not show',
      fleet: dc().macLogs(otherSsoPayload).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'a listing of identifiers only',
      fleet: dc().macLogs(idsOnly).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'only jamf.log',
      fleet: dc().macLogs(onlyLog).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'C02SE07: the installed configuration profiles (profiles show) not among the files of macs/C02SE07',
      },
    },
  ],
  notApplicable: [{ name: 'legacy integration', fleet: fleet().legacyPartner().macLogs(countedZero).build() }],
});
