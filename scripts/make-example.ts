/**
 * Writes examples/contoso-snapshot: a realistic legacy-mode tenant in the snapshot format (raw Graph and Jamf
 * Pro API bodies), where most checks have something to say. Deterministic: run it again and nothing changes.
 * Usage: node --import tsx scripts/make-example.ts
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'contoso-snapshot');
const AS_OF = Date.parse('2026-11-29T09:30:00Z');
const H = 3_600_000;
const D = 24 * H;
const at = (msAgo: number) => new Date(AS_OF - msAgo).toISOString().replace('.000Z', 'Z');

function guid(label: string): string {
  const h = createHash('sha1').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TENANT = guid('tenant');
const G = 'https://graph.microsoft.com/v1.0';
const IDS = {
  intuneApi: 'c161e42e-d4df-4a3d-9b42-e7a3c31f59d4',
  graph: '00000003-0000-0000-c000-000000000000',
  updateDeviceAttributes: '7b3c62c0-bbe4-4ceb-971b-ecc50a191b3e',
  graphApplicationReadAll: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  graphUserRead: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  intuneA: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5',
  aadP1: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  exchange: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  emsSku: 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e',
};

async function writeText(rel: string, text: string): Promise<void> {
  const file = join(root, rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function put(rel: string, body: unknown): Promise<void> {
  const file = join(root, rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
}

const graphCollection = (path: string, value: unknown[], select?: string) => ({
  '@odata.context': `${G}/$metadata#${path}${select ? `(${select})` : ''}`,
  value,
});

interface MacSpec {
  name: string;
  serial: string;
  user: string;
  realname: string;
  /** Jamf local account states */
  aad?: 'ACTIVATED' | 'UNRESPONSIVE' | 'DEACTIVATED';
  checkInAgo?: number;
  intune?: 'jamf' | 'none' | 'duplicate' | 'mdm-extra';
  entra?: 'compliant' | 'noncompliant' | 'duplicate' | 'none';
}

const people: Array<[string, string]> = [
  ['ada.lovelace', 'Ada Lovelace'],
  ['alan.turing', 'Alan Turing'],
  ['grace.hopper', 'Grace Hopper'],
  ['edsger.dijkstra', 'Edsger Dijkstra'],
  ['barbara.liskov', 'Barbara Liskov'],
  ['donald.knuth', 'Donald Knuth'],
  ['margaret.hamilton', 'Margaret Hamilton'],
  ['ken.thompson', 'Ken Thompson'],
  ['frances.allen', 'Frances Allen'],
  ['john.backus', 'John Backus'],
  ['radia.perlman', 'Radia Perlman'],
  ['tim.berners-lee', 'Tim Berners-Lee'],
  ['katherine.johnson', 'Katherine Johnson'],
  ['dennis.ritchie', 'Dennis Ritchie'],
  ['hedy.lamarr', 'Hedy Lamarr'],
  ['linus.pauling', 'Linus Pauling'],
  ['sophie.wilson', 'Sophie Wilson'],
  ['niklaus.wirth', 'Niklaus Wirth'],
  ['lynn.conway', 'Lynn Conway'],
  ['claude.shannon', 'Claude Shannon'],
];

const macs: MacSpec[] = people.map(([user, realname], i) => ({
  name: `${['LON', 'MIL', 'NYC', 'ROM'][i % 4]}-MBP-${String(101 + i).padStart(4, '0')}`,
  serial: `C02${createHash('sha1').update(user).digest('hex').slice(0, 9).toUpperCase()}`,
  user,
  realname,
}));
// The problems of the example tenant, one Mac each.
macs[1]!.checkInAgo = 3 * D + 5 * H; // jamf/check-in-overdue
macs[2]!.aad = 'UNRESPONSIVE'; // jamf/entra-registration-unresponsive
macs[3]!.aad = 'DEACTIVATED'; // jamf/entra-registration-deactivated
macs[3]!.intune = 'none';
macs[3]!.entra = 'none';
macs[4]!.intune = 'duplicate'; // intune/duplicate-device-records
macs[5]!.entra = 'duplicate'; // entra/duplicate-device-records
macs[6]!.intune = 'mdm-extra'; // intune/enrolled-outside-jamf
macs[7]!.intune = 'none'; // intune/jamf-mac-not-reported
macs[8]!.entra = 'noncompliant'; // compliance/intune-entra-mismatch
macs[9]!.checkInAgo = 26 * H; // a second overdue Mac

const deviceId = (m: MacSpec, gen = 0) => guid(`entra-device-${m.serial}-${gen}`);
const upn = (user: string) => `${user}@contoso.com`;

async function main(): Promise<void> {
  await rm(root, { recursive: true, force: true });

  await put('manifest.json', {
    format: 'jidoctor-snapshot',
    version: 1,
    collectedAt: new Date(AS_OF).toISOString().replace('.000Z', 'Z'),
    collector: 'scripts/make-example.ts (hand-built example tenant)',
    tenant: { id: TENANT, name: 'Contoso' },
    jamf: { url: 'https://contoso.jamfcloud.com', version: '11.12.0' },
    datasets: {
      'graph/v1.0/deviceManagement/managedDevices': {
        status: 'complete',
        records: 0,
        pages: 2,
        query:
          '$select=id,deviceName,serialNumber,azureADDeviceId,managementAgent,complianceState,lastSyncDateTime,enrolledDateTime,userPrincipalName,userId,operatingSystem,osVersion',
      },
      'graph/v1.0/identity/conditionalAccess/policies': {
        status: 'forbidden',
        httpStatus: 403,
        code: 'AccessDenied',
        needs: ['Policy.Read.All'],
      },
    },
  });

  await put('graph/v1.0/organization.json', graphCollection('organization', [{ id: TENANT, displayName: 'Contoso' }]));

  // Legacy partner: enabled, but Jamf Pro's last heartbeat is two days old.
  const jamfAppId = guid('jamf-app-appId');
  await put(
    'graph/v1.0/deviceManagement/deviceManagementPartners.json',
    graphCollection('deviceManagement/deviceManagementPartners', [
      {
        id: guid('dmp-jamf'),
        displayName: 'Jamf',
        isConfigured: true,
        partnerState: 'enabled',
        partnerAppType: 'singleTenantApp',
        singleTenantAppId: jamfAppId,
        lastHeartbeatDateTime: at(2 * D + 3 * H),
        whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: null,
        whenPartnerDevicesWillBeRemovedDateTime: null,
        groupsRequiringPartnerEnrollment: [],
      },
    ]),
  );
  await put(
    'graph/v1.0/deviceManagement/complianceManagementPartners.json',
    graphCollection('deviceManagement/complianceManagementPartners', []),
  );

  // Entra: the Jamf Pro app asks for more than update_device_attributes, consent is incomplete, secret expiring.
  await put(
    'graph/v1.0/applications.json',
    graphCollection('applications', [
      {
        id: guid('jamf-app-object'),
        appId: jamfAppId,
        displayName: 'Jamf Conditional Access',
        signInAudience: 'AzureADMultipleOrgs',
        requiredResourceAccess: [
          { resourceAppId: IDS.intuneApi, resourceAccess: [{ id: IDS.updateDeviceAttributes, type: 'Role' }] },
          {
            resourceAppId: IDS.graph,
            resourceAccess: [
              { id: IDS.graphApplicationReadAll, type: 'Role' },
              { id: IDS.graphUserRead, type: 'Scope' },
            ],
          },
        ],
        passwordCredentials: [
          { keyId: guid('secret-1'), displayName: 'jamf-2025', endDateTime: at(40 * D), hint: 'a1B' },
          { keyId: guid('secret-2'), displayName: 'jamf-2026', endDateTime: at(-20 * D), hint: 'x9Q' },
        ],
        keyCredentials: [],
      },
      {
        id: guid('other-app'),
        appId: guid('other-appId'),
        displayName: 'HR Portal',
        requiredResourceAccess: [],
        passwordCredentials: [],
        keyCredentials: [],
      },
    ]),
  );
  const jamfSp = guid('jamf-sp');
  const intuneSp = guid('intune-sp');
  const graphSp = guid('graph-sp');
  await put(
    'graph/v1.0/servicePrincipals.json',
    graphCollection('servicePrincipals', [
      {
        id: jamfSp,
        appId: jamfAppId,
        displayName: 'Jamf Conditional Access',
        accountEnabled: true,
        appOwnerOrganizationId: TENANT,
        appRoles: [],
      },
      {
        id: guid('native-sp'),
        appId: guid('native-appId'),
        displayName: 'Jamf Native macOS Connector',
        accountEnabled: true,
        appOwnerOrganizationId: guid('jamf-tenant'),
        appRoles: [],
      },
      {
        id: intuneSp,
        appId: IDS.intuneApi,
        displayName: 'Microsoft Intune API',
        accountEnabled: true,
        appRoles: [
          {
            id: IDS.updateDeviceAttributes,
            value: 'update_device_attributes',
            displayName: 'Send device attributes to Microsoft Intune',
          },
        ],
      },
      {
        id: graphSp,
        appId: IDS.graph,
        displayName: 'Microsoft Graph',
        accountEnabled: true,
        appRoles: [
          { id: IDS.graphApplicationReadAll, value: 'Application.Read.All', displayName: 'Read all applications' },
        ],
      },
    ]),
  );
  await put(
    `graph/v1.0/servicePrincipals/${jamfSp}/appRoleAssignments.json`,
    graphCollection(`servicePrincipals('${jamfSp}')/appRoleAssignments`, [
      {
        id: guid('ara-1'),
        appRoleId: IDS.updateDeviceAttributes,
        principalId: jamfSp,
        principalType: 'ServicePrincipal',
        principalDisplayName: 'Jamf Conditional Access',
        resourceId: intuneSp,
        resourceDisplayName: 'Microsoft Intune API',
        createdDateTime: '2024-03-04T10:00:00Z',
      },
    ]),
  );
  await put(
    'graph/v1.0/oauth2PermissionGrants.json',
    graphCollection('oauth2PermissionGrants', [
      {
        id: guid('grant-1'),
        clientId: jamfSp,
        consentType: 'AllPrincipals',
        principalId: null,
        resourceId: graphSp,
        scope: 'User.Read',
      },
    ]),
  );

  // Users: two lack a licence; one Mac's user is not in the directory at all.
  const users = macs
    .filter((m) => m.user !== 'claude.shannon')
    .map((m, i) => {
      const plans = [
        {
          assignedDateTime: '2024-01-01T00:00:00Z',
          capabilityStatus: 'Enabled',
          service: 'exchange',
          servicePlanId: IDS.exchange,
        },
      ];
      if (m.user !== 'donald.knuth')
        plans.push({
          assignedDateTime: '2024-01-01T00:00:00Z',
          capabilityStatus: 'Enabled',
          service: 'SCO',
          servicePlanId: IDS.intuneA,
        });
      if (m.user !== 'frances.allen')
        plans.push({
          assignedDateTime: '2024-01-01T00:00:00Z',
          capabilityStatus: 'Enabled',
          service: 'AADPremiumService',
          servicePlanId: IDS.aadP1,
        });
      return {
        id: guid(`user-${m.user}`),
        userPrincipalName: upn(m.user),
        displayName: m.realname,
        mail: upn(m.user),
        accountEnabled: i !== 17,
        assignedLicenses: [{ skuId: IDS.emsSku, disabledPlans: [] }],
        assignedPlans: plans,
      };
    });
  await put(
    'graph/v1.0/users.json',
    graphCollection('users', users, 'id,userPrincipalName,accountEnabled,assignedLicenses,assignedPlans'),
  );
  await put(
    'graph/v1.0/subscribedSkus.json',
    graphCollection('subscribedSkus', [
      {
        skuId: IDS.emsSku,
        skuPartNumber: 'EMS',
        capabilityStatus: 'Enabled',
        consumedUnits: 19,
        prepaidUnits: { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
        servicePlans: [
          { servicePlanId: IDS.intuneA, servicePlanName: 'INTUNE_A' },
          { servicePlanId: IDS.aadP1, servicePlanName: 'AAD_PREMIUM' },
        ],
      },
    ]),
  );

  // Compliance policies: one is assigned to a device group, which the integration does not support.
  const usersGroup = guid('group-mac-users');
  const devicesGroup = guid('group-all-macs');
  await put(
    'graph/v1.0/deviceManagement/deviceCompliancePolicies.json',
    graphCollection('deviceManagement/deviceCompliancePolicies', [
      {
        '@odata.type': '#microsoft.graph.macOSCompliancePolicy',
        id: guid('policy-baseline'),
        displayName: 'macOS baseline (Jamf)',
        version: 4,
        storageRequireEncryption: true,
        osMinimumVersion: '14.0',
        assignments: [
          {
            id: `${guid('policy-baseline')}_${usersGroup}`,
            target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: usersGroup },
          },
        ],
      },
      {
        '@odata.type': '#microsoft.graph.macOSCompliancePolicy',
        id: guid('policy-filevault'),
        displayName: 'macOS FileVault required',
        version: 2,
        storageRequireEncryption: true,
        assignments: [
          {
            id: `${guid('policy-filevault')}_${devicesGroup}`,
            target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: devicesGroup },
          },
        ],
      },
      {
        '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
        id: guid('policy-windows'),
        displayName: 'Windows baseline',
        version: 1,
        assignments: [{ id: 'w_adadadad', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }],
      },
    ]),
  );
  await put(`graph/v1.0/groups/${usersGroup}.json`, {
    '@odata.context': `${G}/$metadata#groups/$entity`,
    id: usersGroup,
    displayName: 'Mac users',
    groupTypes: [],
    membershipRule: null,
    securityEnabled: true,
  });
  await put(
    `graph/v1.0/groups/${usersGroup}/members.json`,
    graphCollection(
      'directoryObjects(id)',
      users.slice(0, 12).map((u) => ({ '@odata.type': '#microsoft.graph.user', id: u.id })),
    ),
  );
  await put(`graph/v1.0/groups/${devicesGroup}.json`, {
    '@odata.context': `${G}/$metadata#groups/$entity`,
    id: devicesGroup,
    displayName: 'All Macs (devices)',
    groupTypes: ['DynamicMembership'],
    membershipRule: '(device.deviceOSType -eq "MacMDM")',
    securityEnabled: true,
  });

  // Devices across Jamf, Intune and Entra.
  const intune: unknown[] = [];
  const entra: unknown[] = [];
  const jamf: unknown[] = [];
  macs.forEach((m, i) => {
    const checkIn = at(m.checkInAgo ?? (7 + i) * 60_000);
    const current = deviceId(m, m.entra === 'duplicate' ? 1 : 0);
    const state = m.aad ?? 'ACTIVATED';
    jamf.push({
      id: String(100 + i),
      udid: guid(`udid-${m.serial}`).toUpperCase(),
      general: {
        name: m.name,
        lastIpAddress: `203.0.113.${10 + i}`,
        jamfBinaryVersion: '11.12.0-t1731000000',
        platform: 'Mac',
        remoteManagement: { managed: true, managementUsername: 'jamfmgmt' },
        mdmCapable: { capable: true, capableUsers: [m.user.split('.')[0]] },
        reportDate: checkIn,
        lastContactTime: checkIn,
        lastEnrolledDate: '2025-09-12T14:03:10Z',
        managementId: guid(`mgmt-${m.serial}`),
      },
      hardware: { make: 'Apple', model: 'MacBook Pro (14-inch, M3, 2023)', serialNumber: m.serial, appleSilicon: true },
      operatingSystem: { name: 'macOS', version: '15.6.1', build: '24G90' },
      userAndLocation: { username: m.user.split('.')[0], realname: m.realname, email: upn(m.user), position: null },
      localUserAccounts: [
        {
          uid: '501',
          username: m.user.split('.')[0],
          fullName: m.realname,
          admin: false,
          userAccountType: 'LOCAL',
          computerAzureActiveDirectoryId: state === 'DEACTIVATED' ? null : current,
          userAzureActiveDirectoryId: guid(`user-${m.user}`),
          azureActiveDirectoryId: state,
        },
        {
          uid: '502',
          username: 'jamfadmin',
          fullName: 'Jamf Admin',
          admin: true,
          userAccountType: 'LOCAL',
          azureActiveDirectoryId: 'DEACTIVATED',
        },
      ],
      extensionAttributes: [],
    });
    const intuneRecord = (
      id: string,
      agent: string,
      sync: string,
      entraId: string,
      enrolled = '2025-09-12T14:10:00Z',
    ) => ({
      id,
      deviceName: m.name,
      serialNumber: m.serial,
      azureADDeviceId: entraId,
      managementAgent: agent,
      complianceState: 'compliant',
      lastSyncDateTime: sync,
      enrolledDateTime: enrolled,
      userPrincipalName: upn(m.user),
      userId: guid(`user-${m.user}`),
      operatingSystem: 'macOS',
      osVersion: '15.6.1',
    });
    if (m.intune !== 'none') intune.push(intuneRecord(guid(`md-${m.serial}`), 'jamf', at(2 * H + i * 60_000), current));
    if (m.intune === 'duplicate')
      intune.push(
        intuneRecord(
          guid(`md-old-${m.serial}`),
          'jamf',
          at(95 * D),
          guid(`entra-old-${m.serial}`),
          '2025-03-01T09:00:00Z',
        ),
      );
    if (m.intune === 'mdm-extra')
      intune.push(intuneRecord(guid(`md-direct-${m.serial}`), 'mdm', at(6 * D), current, '2026-10-02T08:00:00Z'));
    if (m.entra !== 'none') {
      entra.push({
        id: guid(`entra-obj-${m.serial}`),
        deviceId: current,
        displayName: m.name,
        operatingSystem: 'MacMDM',
        operatingSystemVersion: '15.6.1',
        accountEnabled: true,
        isCompliant: m.entra !== 'noncompliant',
        isManaged: true,
        managementType: 'jamf',
        trustType: 'Workplace',
        approximateLastSignInDateTime: at(3 * D),
        registrationDateTime: '2025-09-12T14:12:00Z',
      });
    }
    if (m.entra === 'duplicate') {
      entra.push({
        id: guid(`entra-obj-old-${m.serial}`),
        deviceId: deviceId(m, 0),
        displayName: m.name,
        operatingSystem: 'MacMDM',
        operatingSystemVersion: '14.5',
        accountEnabled: true,
        isCompliant: false,
        isManaged: true,
        managementType: 'jamf',
        trustType: 'Workplace',
        approximateLastSignInDateTime: at(120 * D),
        registrationDateTime: '2025-03-01T09:05:00Z',
      });
    }
  });
  // A Windows PC in both Intune and Entra: not a Mac, left out of every device check.
  intune.push({
    id: guid('md-win'),
    deviceName: 'LON-PC-0007',
    serialNumber: 'PF3ABC12',
    azureADDeviceId: guid('entra-win'),
    managementAgent: 'mdm',
    complianceState: 'noncompliant',
    lastSyncDateTime: at(4 * H),
    enrolledDateTime: '2024-05-05T09:00:00Z',
    userPrincipalName: upn('alan.turing'),
    operatingSystem: 'Windows',
    osVersion: '10.0.26100.2314',
  });
  entra.push({
    id: guid('entra-obj-win'),
    deviceId: guid('entra-win'),
    displayName: 'LON-PC-0007',
    operatingSystem: 'Windows',
    accountEnabled: true,
    isCompliant: false,
    isManaged: true,
    trustType: 'AzureAd',
  });

  // Intune: two response bodies in one file (form 2), the first with its nextLink, as Graph pages them.
  const half = Math.ceil(intune.length / 2);
  await put('graph/v1.0/deviceManagement/managedDevices.json', [
    {
      '@odata.context': `${G}/$metadata#deviceManagement/managedDevices`,
      '@odata.nextLink': `${G}/deviceManagement/managedDevices?$skiptoken=ZXhhbXBsZS1za2lwdG9rZW4`,
      value: intune.slice(0, half),
    },
    { '@odata.context': `${G}/$metadata#deviceManagement/managedDevices`, value: intune.slice(half) },
  ]);
  // Entra: one body (form 1).
  await put('graph/v1.0/devices.json', graphCollection('devices', entra));

  // Jamf Pro: v3 inventory as a page folder (form 3), two pages of 12.
  await put('jamf/api/v1/jamf-pro-version.json', { version: '11.12.0-t1731000000' });
  await put('jamf/api/v3/check-in.json', {
    checkInFrequency: 15,
    createHooks: true,
    hookLog: false,
    hookPolicies: false,
    createStartupScript: true,
    startupLog: true,
    startupPolicies: false,
    startupSsh: false,
    enableLocalConfigurationProfiles: false,
  });
  // Files collected on three of the Macs (macs/{serial}/), as `jidoctor mac-script collect` gathers them.
  const local = (msAgo: number) => new Date(AS_OF - msAgo).toISOString().replace('T', ' ').slice(0, 23);
  const cp = macs[6]!; // enrolled in Intune directly: Company Portal says so
  await writeText(
    `macs/${cp.serial}/Users/${cp.user.split('.')[0]}/Library/Logs/Company Portal/com.microsoft.CompanyPortalMac 2026-10-02.log`,
    [
      `${local(58 * D)} | application | 1 | AppDelegate.swift: 88 (applicationDidFinishLaunching(_:)) | Company Portal 5.2409.1 started`,
      `${local(58 * D - 2000)} | application | 1 | WelcomeViewController.swift: 253 (startLogin()) | Portal launched without WPJ only arg while account is under partner management`,
      `${local(58 * D - 9000)} | workplaceJoin | 22168 | WorkplaceJoinStateManager.swift: 174 (refreshWorkplaceJoinState()) | Refreshing WPJ State`,
      '',
    ].join('\n'),
  );
  const stale = macs[1]!; // stopped checking in three days ago; jamf.log shows the last recurring check-in
  const jamfLog: string[] = [];
  const host = stale.name;
  const day = (msAgo: number) => {
    const d = new Date(AS_OF - msAgo);
    const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
    const mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    return `${wd} ${mo} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  };
  for (let h = 80; h >= 78; h--) {
    jamfLog.push(
      `${day(h * H)} ${host} jamf[${4000 + h}]: Checking for policies triggered by "recurring check-in" for user "${stale.user.split('.')[0]}"...`,
    );
    jamfLog.push(`${day(h * H - 3000)} ${host} jamf[${4000 + h}]: No patch policies were found.`);
  }
  jamfLog.push(
    `${day(77 * H)} ${host} jamf[4100]: There was an error.`,
    '',
    'Unknown Error - An unknown error has occurred',
    '',
  );
  jamfLog.push(
    `${day(2 * H)} ${host} jamf[4200]: Checking for policies triggered by "startup" for user "${stale.user.split('.')[0]}"...`,
  );
  await writeText(`macs/${stale.serial}/var/log/jamf.log`, `${jamfLog.join('\n')}\n`);
  const aad = macs[2]!; // UNRESPONSIVE: jamfAAD cannot pick the right MSAL account
  await writeText(
    `macs/${aad.serial}/jamfAAD-log-show.txt`,
    [
      'Timestamp               Ty Process[PID:TID]',
      `${local(30 * H)} Df Jamf Conditional Access[61877:3a1f20] [com.jamf.management.jamfAAD:jamfAAD] Launching Company Portal`,
      `${local(29 * H)} Df Jamf Conditional Access[62410:3a9c11] [com.jamf.management.jamfAAD:jamfAAD] posible for silent token acquire to fail now if the wrong account is picked`,
      `${local(29 * H - 5000)} E  Jamf Conditional Access[62410:3a9c11] [com.jamf.management.jamfAAD:jamfAAD] Error Domain=MSALErrorDomain Code=-50001 MSALErrorDescriptionKey=Workplace join is required`,
      '',
    ].join('\n'),
  );

  const pageSize = 12;
  for (let p = 0; p * pageSize < jamf.length; p++) {
    await put(`jamf/api/v3/computers-inventory/page-${String(p + 1).padStart(5, '0')}.json`, {
      totalCount: jamf.length,
      results: jamf.slice(p * pageSize, (p + 1) * pageSize),
    });
  }
}

await main();
console.log(`wrote ${root}`);
