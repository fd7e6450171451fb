/**
 * The datasets of a snapshot (docs/snapshot-format): their logical id (used in a check's `requires`), where they
 * live in the snapshot and which permission reads them. A `{id}` dataset is a family: one file per object.
 */
export interface DatasetDef {
  id: string;
  /** Snapshot paths, first preferred; Jamf inventory may be under any of v1..v4. */
  paths: string[];
  permissions: string[];
  service: 'graph' | 'jamf' | 'local';
  title: string;
  /** The request as Jamf's or Microsoft's reference names it, for `jidoctor permissions` (Jamf datasets). */
  endpoint?: string;
}

const g = (id: string, permissions: string[], title: string): DatasetDef => ({
  id,
  paths: [id],
  permissions,
  service: 'graph',
  title,
});

export const DATASETS = {
  managedDevices: g(
    'graph/v1.0/deviceManagement/managedDevices',
    ['DeviceManagementManagedDevices.Read.All'],
    'Intune managed devices',
  ),
  devices: g('graph/v1.0/devices', ['Device.Read.All'], 'Entra devices'),
  legacyPartners: g(
    'graph/v1.0/deviceManagement/deviceManagementPartners',
    ['DeviceManagementServiceConfig.Read.All'],
    'Partner device management (legacy Jamf connector)',
  ),
  compliancePartners: g(
    'graph/v1.0/deviceManagement/complianceManagementPartners',
    ['DeviceManagementServiceConfig.Read.All'],
    'Partner compliance management (Jamf Device Compliance)',
  ),
  compliancePolicies: g(
    'graph/v1.0/deviceManagement/deviceCompliancePolicies',
    ['DeviceManagementConfiguration.Read.All'],
    'Compliance policies and assignments',
  ),
  groups: g('graph/v1.0/groups/{id}', ['GroupMember.Read.All'], 'Groups named by assignments'),
  groupMembers: g('graph/v1.0/groups/{id}/members', ['GroupMember.Read.All'], 'Members of those groups'),
  applications: g('graph/v1.0/applications', ['Application.Read.All'], 'App registrations'),
  servicePrincipals: g('graph/v1.0/servicePrincipals', ['Application.Read.All'], 'Service principals'),
  appRoleAssignments: g(
    'graph/v1.0/servicePrincipals/{id}/appRoleAssignments',
    ['Application.Read.All'],
    'Granted application permissions',
  ),
  permissionGrants: g('graph/v1.0/oauth2PermissionGrants', ['Directory.Read.All'], 'Delegated permission grants'),
  users: g('graph/v1.0/users', ['User.Read.All'], 'Users and their licences'),
  subscribedSkus: g('graph/v1.0/subscribedSkus', ['Organization.Read.All'], 'Tenant licences'),
  conditionalAccess: g(
    'graph/v1.0/identity/conditionalAccess/policies',
    ['Policy.Read.All'],
    'Conditional Access policies',
  ),
  organization: g('graph/v1.0/organization', ['Organization.Read.All'], 'Organization'),
  jamfVersion: {
    id: 'jamf/api/v1/jamf-pro-version',
    paths: ['jamf/api/v1/jamf-pro-version'],
    // Jamf documents no privilege for it: any valid token reads it.
    permissions: [],
    service: 'jamf',
    title: 'Jamf Pro version',
    endpoint: 'GET /api/v1/jamf-pro-version',
  },
  checkIn: {
    id: 'jamf/api/v3/check-in',
    paths: ['jamf/api/v3/check-in'],
    permissions: ['Read Computer Check-In'],
    service: 'jamf',
    title: 'Jamf Pro check-in settings',
    endpoint: 'GET /api/v3/check-in',
  },
  computers: {
    id: 'jamf/computers-inventory',
    paths: [
      'jamf/api/v4/computers-inventory',
      'jamf/api/v3/computers-inventory',
      'jamf/api/v2/computers-inventory',
      'jamf/api/v1/computers-inventory',
    ],
    permissions: ['Read Computers'],
    service: 'jamf',
    title: 'Jamf Pro computer inventory',
    endpoint: 'GET /api/v1…v4/computers-inventory',
  },
  jamfCompliance: {
    id: 'jamf/api/v1/conditional-access/device-compliance-information/computer/{id}',
    paths: ['jamf/api/v1/conditional-access/device-compliance-information/computer/{id}'],
    // Jamf's privilege for this endpoint (ruby-jss OAPISchemas, Jamf Pro 10.40 and 11.6.1 schemas), not Read Computers.
    permissions: ['Read Device Compliance Information'],
    service: 'jamf',
    title: 'Jamf device compliance information',
    endpoint: 'GET /api/v1/conditional-access/device-compliance-information/computer/{id}',
  },
  // Read only for the computers whose Device Compliance registration is in question (src/collect/jamf/sections.ts):
  // the same inventory request with one section and an RSQL id filter, stored apart from the inventory pages.
  installedProfiles: {
    id: 'jamf/computers-inventory-sections/CONFIGURATION_PROFILES',
    paths: ['jamf/computers-inventory-sections/CONFIGURATION_PROFILES'],
    permissions: ['Read Computers'],
    service: 'jamf',
    title: 'Configuration profiles installed on the Macs not yet registered (Jamf inventory)',
    endpoint: 'GET /api/v1…v4/computers-inventory?section=CONFIGURATION_PROFILES&filter=id=in=(…)',
  },
  computerApplications: {
    id: 'jamf/computers-inventory-sections/APPLICATIONS',
    paths: ['jamf/computers-inventory-sections/APPLICATIONS'],
    permissions: ['Read Computers'],
    service: 'jamf',
    title: 'Applications of the Macs Device Compliance does not apply to (Jamf inventory)',
    endpoint: 'GET /api/v1…v4/computers-inventory?section=APPLICATIONS&filter=id=in=(…)',
  },
  macosProfileList: {
    id: 'jamf/JSSResource/osxconfigurationprofiles',
    paths: ['jamf/JSSResource/osxconfigurationprofiles'],
    permissions: ['Read macOS Configuration Profiles'],
    service: 'jamf',
    title: 'Jamf Pro macOS configuration profiles (list)',
    endpoint: 'GET /JSSResource/osxconfigurationprofiles',
  },
  macosProfiles: {
    id: 'jamf/JSSResource/osxconfigurationprofiles/id/{id}',
    paths: ['jamf/JSSResource/osxconfigurationprofiles/id/{id}'],
    permissions: ['Read macOS Configuration Profiles'],
    service: 'jamf',
    title: 'Jamf Pro macOS configuration profiles installed on those Macs (payloads)',
    endpoint: 'GET /JSSResource/osxconfigurationprofiles/id/{id}/subset/General',
  },
  macs: {
    id: 'macs',
    paths: ['macs'],
    permissions: [],
    service: 'local',
    title: 'Files collected on the Macs (logs, status; jidoctor mac-script collect)',
  },
  networkProbe: {
    id: 'local/network-probe',
    paths: [],
    permissions: [],
    service: 'local',
    title: 'Network probe from where the tool runs (--probe-network)',
  },
} as const satisfies Record<string, DatasetDef>;

export type DatasetKey = keyof typeof DATASETS;
export type DatasetId = (typeof DATASETS)[DatasetKey]['id'];

export const DATASET_BY_ID: ReadonlyMap<string, DatasetDef> = new Map(
  Object.values(DATASETS).map((d) => [d.id, d as DatasetDef]),
);
