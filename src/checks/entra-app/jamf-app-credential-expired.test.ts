import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { IDS } from '../util.js';
import check from './jamf-app-credential-expired.js';

// The builder's clock is 2026-11-29T09:30:00Z.
const APP_ID = '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f';
const CC_ID = '5b1a9c2e-0d3f-4e6a-8b7c-1d2e3f4a5b6c';

const secret = (endDateTime: string | null, keyId = 'k1') => ({ keyId, displayName: 'Jamf Pro', endDateTime });

const jamfApp = (creds: { passwordCredentials?: unknown[]; keyCredentials?: unknown[] }) => ({
  id: 'obj-jamf-app',
  appId: APP_ID,
  displayName: 'Jamf Conditional Access',
  requiredResourceAccess: [
    { resourceAppId: IDS.intuneApiApp, resourceAccess: [{ id: IDS.updateDeviceAttributes, type: 'Role' }] },
  ],
  ...creds,
});

const manual = () => fleet().legacyPartner({ singleTenantAppId: APP_ID });

testCheck(check, {
  valid: [
    {
      name: 'a secret valid for a year',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2027-11-29T00:00:00Z')] }))
        .build(),
    },
    {
      name: 'an expired secret next to a valid certificate',
      fleet: manual()
        .application(
          jamfApp({
            passwordCredentials: [secret('2026-01-01T00:00:00Z')],
            keyCredentials: [secret('2027-06-01T00:00:00Z', 'k2')],
          }),
        )
        .build(),
    },
    {
      name: 'a secret without an end date never expires',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-01-01T00:00:00Z'), secret(null, 'k2')] }))
        .build(),
    },
    {
      name: 'expiring in 30 days and one minute is not yet a warning',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-12-29T09:31:00Z')] }))
        .build(),
    },
    {
      name: 'expiring in 31 days is not yet a warning',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-12-30T09:31:00Z')] }))
        .build(),
    },
  ],
  invalid: [
    {
      name: 'no secret or certificate',
      fleet: manual().application(jamfApp({})).build(),
      findings: [
        {
          messageId: 'no-credentials',
          data: { app: 'Jamf Conditional Access', appId: APP_ID },
          subjects: [APP_ID],
          severity: 'high',
          text: {
            en: `The Jamf Pro app "Jamf Conditional Access" (${APP_ID}) has no client secret or certificate, so Jamf Pro cannot sign in to Microsoft Graph`,
            it: `L'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) non ha alcun segreto client o certificato, quindi Jamf Pro non può accedere a Microsoft Graph`,
          },
          evidence: [
            {
              source: 'graph/v1.0/applications',
              record: 'obj-jamf-app',
              fields: {
                appId: APP_ID,
                displayName: 'Jamf Conditional Access',
                'credentials[].kind': [],
                'credentials[].keyId': [],
                'credentials[].displayName': [],
                'credentials[].endDateTime': [],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'an app without a display name is named by its appId',
      fleet: manual()
        .application({ ...jamfApp({}), displayName: null })
        .build(),
      findings: [{ messageId: 'no-credentials', data: { app: APP_ID, appId: APP_ID } }],
    },
    {
      name: 'every credential expired',
      fleet: manual()
        .application(
          jamfApp({
            passwordCredentials: [secret('2025-11-01T00:00:00Z'), secret('2026-11-19T09:30:00Z', 'k2')],
            keyCredentials: [{ endDateTime: '2026-03-01T00:00:00Z' }],
          }),
        )
        .build(),
      findings: [
        {
          messageId: 'expired',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            count: 3,
            lastExpired: '2026-11-19T09:30:00.000Z',
            daysAgo: 10,
          },
          subjects: [APP_ID],
          severity: 'high',
          text: {
            en: `All 3 credentials of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) have expired; the newest on 2026-11-19T09:30:00.000Z, 10 days ago`,
            it: `Tutte le 3 credenziali dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) sono scadute; la più recente il 2026-11-19T09:30:00.000Z, 10 giorni fa`,
          },
          evidence: [
            {
              source: 'graph/v1.0/applications',
              record: 'obj-jamf-app',
              fields: {
                appId: APP_ID,
                displayName: 'Jamf Conditional Access',
                'credentials[].kind': ['secret', 'secret', 'certificate'],
                'credentials[].keyId': ['k1', 'k2', ''],
                'credentials[].displayName': ['Jamf Pro', 'Jamf Pro', ''],
                'credentials[].endDateTime': [
                  '2025-11-01T00:00:00.000Z',
                  '2026-11-19T09:30:00.000Z',
                  '2026-03-01T00:00:00.000Z',
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the only secret expired at the instant of collection',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-11-29T09:30:00Z')] }))
        .build(),
      findings: [
        {
          messageId: 'expired',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            count: 1,
            lastExpired: '2026-11-29T09:30:00.000Z',
            daysAgo: 0,
          },
          text: {
            en: `The only credential of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) expired on 2026-11-29T09:30:00.000Z`,
            it: `L'unica credenziale dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) è scaduta il 2026-11-29T09:30:00.000Z`,
          },
        },
      ],
    },
    {
      name: 'both certificates expired, the newest (listed first) a day ago',
      fleet: manual()
        .application(
          jamfApp({
            keyCredentials: [secret('2026-11-28T09:00:00Z'), secret('2026-11-01T00:00:00Z', 'k2')],
          }),
        )
        .build(),
      findings: [
        {
          messageId: 'expired',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            count: 2,
            lastExpired: '2026-11-28T09:00:00.000Z',
            daysAgo: 1,
          },
          text: {
            en: `All 2 credentials of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) have expired; the newest on 2026-11-28T09:00:00.000Z, 1 day ago`,
            it: `Tutte le 2 credenziali dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) sono scadute; la più recente il 2026-11-28T09:00:00.000Z, 1 giorno fa`,
          },
        },
      ],
    },
    {
      name: 'one credential expired a day ago',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-11-28T09:00:00Z')] }))
        .build(),
      findings: [
        {
          messageId: 'expired',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            count: 1,
            lastExpired: '2026-11-28T09:00:00.000Z',
            daysAgo: 1,
          },
          text: {
            en: `The only credential of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) expired on 2026-11-28T09:00:00.000Z, 1 day ago`,
            it: `L'unica credenziale dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) è scaduta il 2026-11-28T09:00:00.000Z, 1 giorno fa`,
          },
        },
      ],
    },
    {
      name: 'the newest secret expires in exactly 30 days: a warning',
      fleet: manual()
        .application(jamfApp({ passwordCredentials: [secret('2026-12-29T09:30:00Z')] }))
        .build(),
      findings: [
        {
          messageId: 'expiring',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            kind: 'secret',
            expires: '2026-12-29T09:30:00.000Z',
            daysLeft: 30,
          },
        },
      ],
    },
    {
      name: 'a certificate expiring in one day and a bit, beside an expired secret',
      fleet: manual()
        .application(
          jamfApp({
            passwordCredentials: [secret('2026-01-01T00:00:00Z')],
            keyCredentials: [secret('2026-11-30T10:00:00Z', 'k2')],
          }),
        )
        .build(),
      findings: [
        {
          messageId: 'expiring',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            kind: 'certificate',
            expires: '2026-11-30T10:00:00.000Z',
            daysLeft: 1,
          },
          text: {
            en: `The newest certificate of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) expires on 2026-11-30T10:00:00.000Z, in 1 day`,
            it: `Il certificato più recente dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) scade il 2026-11-30T10:00:00.000Z, tra 1 giorno`,
          },
        },
      ],
    },
    {
      name: 'the newest secret expires within 30 days: a warning',
      fleet: manual()
        .application(
          jamfApp({ passwordCredentials: [secret('2026-06-01T00:00:00Z'), secret('2026-12-20T00:00:00Z', 'k2')] }),
        )
        .build(),
      findings: [
        {
          messageId: 'expiring',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            kind: 'secret',
            expires: '2026-12-20T00:00:00.000Z',
            daysLeft: 20,
          },
          subjects: [APP_ID],
          severity: 'medium',
          text: {
            en: `The newest client secret of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) expires on 2026-12-20T00:00:00.000Z, in 20 days`,
            it: `Il segreto client più recente dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) scade il 2026-12-20T00:00:00.000Z, tra 20 giorni`,
          },
        },
      ],
    },
    {
      name: 'a certificate expiring in a few hours',
      fleet: manual()
        .application(jamfApp({ keyCredentials: [secret('2026-11-29T15:00:00Z')] }))
        .build(),
      findings: [
        {
          messageId: 'expiring',
          data: {
            app: 'Jamf Conditional Access',
            appId: APP_ID,
            kind: 'certificate',
            expires: '2026-11-29T15:00:00.000Z',
            daysLeft: 0,
          },
          text: {
            en: `The newest certificate of the Jamf Pro app "Jamf Conditional Access" (${APP_ID}) expires on 2026-11-29T15:00:00.000Z, in less than a day`,
            it: `Il certificato più recente dell'app Jamf Pro "Jamf Conditional Access" (${APP_ID}) scade il 2026-11-29T15:00:00.000Z, tra meno di un giorno`,
          },
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'applications forbidden',
      fleet: manual()
        .status('graph/v1.0/applications', 'forbidden', { needs: ['Application.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Application.Read.All'] },
    },
    {
      name: 'applications partial',
      fleet: manual().status('graph/v1.0/applications', 'partial').build(),
      reason: { kind: 'partial' },
    },
    {
      name: 'no Jamf Pro app can be identified',
      fleet: fleet().legacyPartner().build(),
      reason: { kind: 'incomplete-data', detail: 'no Jamf Pro app registration could be identified' },
    },
    {
      name: 'the app named by the partner does not exist',
      fleet: fleet().legacyPartner({ singleTenantAppId: 'deadbeef-0000-4000-8000-000000000000' }).build(),
      reason: { kind: 'incomplete-data' },
    },
    {
      name: 'Cloud Connector: the credentials are Jamf’s',
      fleet: fleet().legacyPartner({ partnerAppType: 'multiTenantApp', singleTenantAppId: CC_ID }).build(),
      reason: {
        kind: 'incomplete-data',
        detail: 'Cloud Connector: the app and its credentials belong to Jamf and are not visible in this tenant',
      },
    },
  ],
  notApplicable: [
    {
      name: 'device-compliance mode',
      fleet: fleet().compliancePartner().application(jamfApp({})).build(),
    },
    { name: 'no integration at all', fleet: fleet().application(jamfApp({})).build() },
  ],
});
