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
        },
      ],
    },
    {
      name: 'every credential expired',
      fleet: manual()
        .application(
          jamfApp({
            passwordCredentials: [secret('2025-11-01T00:00:00Z'), secret('2026-11-19T09:30:00Z', 'k2')],
            keyCredentials: [secret('2026-03-01T00:00:00Z', 'k3')],
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
      reason: { kind: 'incomplete-data' },
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
