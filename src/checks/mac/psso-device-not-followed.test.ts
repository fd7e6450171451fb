import { expect } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { macEvidence } from '../../../test/logs-fixtures.js';
import { macFolder } from '../../../test/mac-fixtures.js';
import type { Fleet } from '../../model/types.js';
import check from './psso-device-not-followed.js';

// The Entra device id getPSSOStatus names in test/fixtures/mac/psso-status-registered.txt.
const PSSO_ID = '5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34';
const OLD_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const registered = (s: string) => macFolder(s, { psso: 'psso-status-registered.txt' });
const withJamf = (serial: string, deviceId: string | null) =>
  fleet()
    .compliancePartner()
    .jamf({
      general: { name: `Mac ${serial}` },
      hardware: { serialNumber: serial },
      localUserAccounts: [
        { username: 'anna', azureActiveDirectoryId: 'ACTIVATED', computerAzureActiveDirectoryId: deviceId },
      ],
    });
const at = (f: Fleet, version: string | null): Fleet => {
  f.jamf.version = version;
  return f;
};

const r1 = await registered('C02PD01');
const r2 = await registered('C02PD02');
const r3 = await registered('C02PD03');
const r4 = await registered('C02PD04');
const r5 = await registered('C02PD05');
const r6 = await registered('C02PD06');
const notReg = await macFolder('C02PD07', { psso: 'psso-status-enabled-not-registered.txt' });
const appSsoOnly = await macFolder('C02PD08', { appSso: 'app-sso-registered.txt' });
const onlyLog = await macEvidence('C02PD09', ['jamf-basic.log']);
const r10 = await registered('C02PD10');
const OTHER_ID = 'f1e2d3c4-b5a6-4978-8a6b-5c4d3e2f1a0b';

testCheck(check, {
  valid: [
    {
      name: 'Jamf Pro 11.9.0 follows the new device',
      fleet: at(withJamf('C02PD01', OLD_ID).macLogs(r1).build(), '11.9.0-t1718000000'),
    },
    {
      name: 'Jamf Pro 11.10 (not below 11.9 by text order)',
      fleet: at(withJamf('C02PD01', OLD_ID).macLogs(r1).build(), '11.10.1'),
    },
    {
      name: 'Jamf Pro 11.8.1 but Jamf holds the same device',
      fleet: at(withJamf('C02PD02', PSSO_ID.toUpperCase()).macLogs(r2).build(), '11.8.1'),
    },
    {
      name: 'Platform SSO enabled, not registered',
      fleet: at(withJamf('C02PD07', OLD_ID).macLogs(notReg).build(), '11.8.1'),
    },
  ],
  invalid: [
    {
      name: 'Jamf Pro 11.8.1 holds the old device',
      fleet: at(withJamf('C02PD03', OLD_ID).macLogs(r3).build(), '11.8.1-t1712345678'),
      findings: [
        {
          messageId: 'oldJamfPro',
          text: {
            en: 'C02PD03: Platform SSO registered Entra device 5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34 (macs/C02PD03/psso-status.txt:2), Jamf Pro 11.8.1-t1712345678 still holds 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d: versions before 11.9 do not follow the new device',
            it: 'C02PD03: Platform SSO ha registrato il dispositivo Entra 5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34 (macs/C02PD03/psso-status.txt:2), Jamf Pro 11.8.1-t1712345678 conserva ancora 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d: le versioni precedenti alla 11.9 non seguono il nuovo dispositivo',
          },
          data: {
            mac: 'C02PD03',
            version: '11.8.1-t1712345678',
            pssoDeviceId: PSSO_ID,
            jamfDeviceIds: OLD_ID,
            file: 'macs/C02PD03/psso-status.txt:2',
          },
          subjects: ['C02PD03'],
          severity: 'high',
        },
      ],
    },
    {
      name: 'version not collected, the ids differ',
      fleet: at(withJamf('C02PD04', OLD_ID).macLogs(r4).build(), null),
      findings: [
        {
          messageId: 'deviceIdDiffers',
          text: {
            en: 'C02PD04: Platform SSO registered Entra device 5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34 (macs/C02PD04/psso-status.txt:2), Jamf holds 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d; the Jamf Pro version was not collected',
            it: 'C02PD04: Platform SSO ha registrato il dispositivo Entra 5e4d7c2a-9b31-4f0e-8a6d-2c1b0f9e7d34 (macs/C02PD04/psso-status.txt:2), Jamf conserva 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d; la versione di Jamf Pro non è stata raccolta',
          },
          data: {
            mac: 'C02PD04',
            version: '',
            pssoDeviceId: PSSO_ID,
            jamfDeviceIds: OLD_ID,
            file: 'macs/C02PD04/psso-status.txt:2',
          },
          severity: 'medium',
        },
      ],
    },
    {
      name: 'two Jamf records of the Mac hold other devices: every id, once, in order; evidence',
      fleet: at(
        withJamf('C02PD10', OTHER_ID)
          .jamf({
            general: { name: 'Mac C02PD10 (old record)' },
            hardware: { serialNumber: 'C02PD10' },
            localUserAccounts: [
              { username: 'anna', computerAzureActiveDirectoryId: ` ${OLD_ID.toUpperCase()} ` },
              { username: 'guest', computerAzureActiveDirectoryId: OTHER_ID },
              { username: 'admin', computerAzureActiveDirectoryId: null },
            ],
          })
          .jamf({ general: { name: 'Mac C02PD10 (no accounts)' }, hardware: { serialNumber: 'C02PD10' } })
          .macLogs(r10)
          .build(),
        '11.8.1',
      ),
      findings: [
        {
          messageId: 'oldJamfPro',
          data: {
            mac: 'C02PD10',
            version: '11.8.1',
            pssoDeviceId: PSSO_ID,
            jamfDeviceIds: `${OLD_ID}, ${OTHER_ID}`,
            file: 'macs/C02PD10/psso-status.txt:2',
          },
          evidence: [
            {
              source: 'macs/C02PD10/psso-status.txt',
              line: 2,
              text: expect.stringContaining(`primary_registration_metadata_device_id"): "${PSSO_ID}"`),
            },
            {
              source: 'jamf computers-inventory',
              fields: { computerAzureActiveDirectoryId: [OLD_ID, OTHER_ID], jamfProVersion: '11.8.1' },
            },
          ],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'no macs/ folder',
      fleet: at(fleet().compliancePartner().status('macs', 'missing').build(), '11.8.1'),
      reason: { kind: 'not-collected' },
    },
    {
      name: "version unknown and Jamf's device id unknown",
      fleet: at(withJamf('C02PD05', null).macLogs(r5).build(), null),
      reason: {
        kind: 'incomplete-data',
        detail: "C02PD05: Jamf's computerAzureActiveDirectoryId of the Mac not collected",
      },
    },
    {
      name: 'Mac not in the Jamf inventory',
      fleet: at(fleet().compliancePartner().macLogs(r6).build(), '11.8.1'),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'app-sso says registered, no device id',
      fleet: at(withJamf('C02PD08', OLD_ID).macLogs(appSsoOnly).build(), '11.8.1'),
      reason: { kind: 'incomplete-data', detail: 'C02PD08: the Entra device id of getPSSOStatus not collected' },
    },
    {
      name: 'only jamf.log',
      fleet: at(fleet().compliancePartner().macLogs(onlyLog).build(), '11.8.1'),
      reason: {
        kind: 'incomplete-data',
        detail:
          'C02PD09: the Platform SSO status (getPSSOStatus or app-sso platform -s) not among the files of macs/C02PD09',
      },
    },
  ],
  notApplicable: [{ name: 'legacy integration', fleet: at(fleet().legacyPartner().macLogs(r3).build(), '11.8.1') }],
});
