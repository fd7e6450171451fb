import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { testCheck } from '../../../test/check-tester.js';
import { runChecks } from '../../engine/run.js';
import { IDS } from '../util.js';
import check from './registration-blocked-baseline-scopes.js';

// A policy in Graph's conditionalAccessPolicy shape
// (https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy: conditions.applications
// include/excludeApplications, grantControls.operator and builtInControls), for all resources with exclusions, as
// Microsoft's baseline-scopes page describes the affected policies
// (https://learn.microsoft.com/entra/identity/conditional-access/concept-enforcement-resource-exclusions).
const policy = (id: string, include: string[], exclude: string[], controls: string[], operator = 'OR') => ({
  id,
  displayName: `CA ${id}`,
  state: 'enabled',
  conditions: {
    applications: { includeApplications: include, excludeApplications: exclude },
    users: { includeUsers: ['All'] },
    platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
  },
  grantControls: { operator, builtInControls: controls },
});
const EXO = '00000002-0000-0ff1-ce00-000000000000';
const GCC_HIGH_APP = 'dcf07df3-346f-4f0e-b803-c1f0ea0fb5ae';
const AFTER = '2026-07-01T08:00:00Z';
const dc = (asOf = AFTER) => fleet(asOf).compliancePartner();

testCheck(check, {
  valid: [
    {
      name: 'all resources without any exclusion (near miss: that is registration-app-not-excluded, not this)',
      fleet: dc()
        .conditionalAccess(policy('ca-1', ['All'], [], ['compliantDevice']))
        .build(),
    },
    {
      name: 'a policy for chosen resources, with exclusions',
      fleet: dc()
        .conditionalAccess(policy('ca-1', ['Office365'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .build(),
    },
    {
      name: 'compliant device OR MFA: the user can meet MFA',
      fleet: dc()
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['mfa', 'compliantDevice']))
        .build(),
    },
    {
      name: 'MFA only: no device control',
      fleet: dc()
        .conditionalAccess(policy('ca-1', ['All'], [EXO], ['mfa']))
        .build(),
    },
    {
      name: 'report-only and disabled policies',
      fleet: dc()
        .conditionalAccess({
          ...policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']),
          state: 'enabledForReportingButNotEnforced',
        })
        .conditionalAccess({
          ...policy('ca-2', ['All'], [EXO], ['compliantDevice']),
          state: 'disabled',
        })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'on the first day of enforcement, the registration app excluded (boundary)',
      fleet: dc('2026-06-15T00:00:00Z')
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .build(),
      findings: [
        {
          messageId: 'app-excluded',
          text: {
            en: 'The Conditional Access policy "CA ca-1" targets all resources, requires a compliant device (compliantDevice) and excludes "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970); since 2026-06-15 that exclusion may no longer exempt the registration sign-in, so Macs may fail to register with 530003',
            it: 'Il criterio di accesso condizionale "CA ca-1" riguarda tutte le risorse, richiede un dispositivo conforme (compliantDevice) ed esclude "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970); dal 2026-06-15 quell\'esclusione potrebbe non esentare più l\'accesso della registrazione, quindi i Mac potrebbero non registrarsi (errore 530003)',
          },
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
            since: '2026-06-15',
          },
          subjects: ['ca-1'],
          severity: 'medium',
        },
      ],
    },
    {
      name: 'GCC High: its registration app, found by appId, excluded',
      fleet: dc()
        .servicePrincipal({ appId: GCC_HIGH_APP, displayName: 'User registration app for Device Compliance' })
        .conditionalAccess(policy('ca-1', ['All'], [GCC_HIGH_APP], ['compliantDevice', 'mfa'], 'AND'))
        .build(),
      findings: [
        {
          messageId: 'app-excluded',
          data: {
            policy: 'CA ca-1',
            controls: ['compliantDevice'],
            app: 'User registration app for Device Compliance',
            appId: GCC_HIGH_APP,
            since: '2026-06-15',
          },
        },
      ],
    },
    {
      name: 'other resources excluded: excluding the registration app as well would not help',
      fleet: dc()
        .conditionalAccess(policy('ca-2', ['All'], [EXO], ['domainJoinedDevice']))
        .build(),
      findings: [
        {
          messageId: 'other-exclusions',
          text: {
            en: 'The Conditional Access policy "CA ca-2" targets all resources, requires a Microsoft Entra hybrid joined device (domainJoinedDevice) and excludes 00000002-0000-0ff1-ce00-000000000000; since 2026-06-15 this makes it apply to baseline-scope sign-ins too, so excluding "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970) as well may not let Macs register',
            it: 'Il criterio di accesso condizionale "CA ca-2" riguarda tutte le risorse, richiede un dispositivo aggiunto ibrido a Microsoft Entra (domainJoinedDevice) ed esclude 00000002-0000-0ff1-ce00-000000000000; dal 2026-06-15 per questo si applica anche agli accessi con i soli ambiti di base, quindi escludere anche "User registration app for Device Compliance" (b03c10a8-71c7-45f9-b44a-3335ab76e970) potrebbe non bastare ai Mac per registrarsi',
          },
          data: {
            policy: 'CA ca-2',
            controls: ['domainJoinedDevice'],
            excluded: EXO,
            app: 'User registration app for Device Compliance',
            appId: IDS.deviceComplianceRegistrationApp,
            since: '2026-06-15',
          },
          subjects: ['ca-2'],
        },
      ],
    },
    {
      name: 'the registration app among other exclusions (in upper case): the app is excluded; evidence',
      fleet: dc()
        .conditionalAccess(
          policy('ca-3', ['All'], [EXO, IDS.deviceComplianceRegistrationApp.toUpperCase()], ['compliantDevice']),
        )
        .build(),
      findings: [
        {
          messageId: 'app-excluded',
          subjects: ['ca-3'],
          evidence: [
            {
              source: 'graph/v1.0/identity/conditionalAccess/policies',
              record: 'ca-3',
              fields: {
                displayName: 'CA ca-3',
                state: 'enabled',
                'conditions.applications.includeApplications': ['All'],
                'conditions.applications.excludeApplications': [EXO, IDS.deviceComplianceRegistrationApp.toUpperCase()],
                'grantControls.operator': 'OR',
                'grantControls.builtInControls': ['compliantDevice'],
              },
            },
          ],
        },
      ],
    },
  ],
  cannotCheck: [
    {
      name: 'Conditional Access forbidden',
      fleet: dc()
        .status('graph/v1.0/identity/conditionalAccess/policies', 'forbidden', { needs: ['Policy.Read.All'] })
        .build(),
      reason: { kind: 'forbidden', needs: ['Policy.Read.All'] },
    },
  ],
  notApplicable: [
    {
      name: 'a snapshot of the day before enforcement began (boundary)',
      fleet: dc('2026-06-14T23:59:59Z')
        .conditionalAccess(policy('ca-1', ['All'], [IDS.deviceComplianceRegistrationApp], ['compliantDevice']))
        .build(),
    },
    {
      name: 'legacy integration',
      fleet: fleet(AFTER)
        .legacyPartner()
        .conditionalAccess(policy('ca-1', ['All'], [EXO], ['compliantDevice']))
        .build(),
    },
  ],
});

describe('entra-app/registration-blocked-baseline-scopes before the date', () => {
  it('says why in both languages: the snapshot predates the enforcement', () => {
    const f = dc('2026-03-02T10:00:00Z').build();
    const r = runChecks(f, [check as never]).checks[0]!;
    expect(r.outcome).toBe('notApplicable');
    expect(r.reason?.kind).toBe('condition');
    expect(r.reason?.text).toEqual({
      en: 'the snapshot was taken on 2026-03-02, before Microsoft began enforcing baseline scopes (2026-06-15)',
      it: "l'istantanea è del 2026-03-02, prima che Microsoft iniziasse ad applicare gli ambiti di base (2026-06-15)",
    });
  });
});
