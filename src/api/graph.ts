import { z } from 'zod';
import { isoDate, optBool, optString } from './common.js';

/** Wire schemas of the Microsoft Graph v1.0 payloads the tool reads. Unknown fields are accepted and dropped. */

export const graphCollection = z.object({ value: z.array(z.unknown()) });

export const managedDevice = z.object({
  id: z.string(),
  deviceName: optString,
  serialNumber: optString,
  azureADDeviceId: optString,
  managementAgent: optString,
  complianceState: optString,
  deviceRegistrationState: optString,
  lastSyncDateTime: isoDate,
  enrolledDateTime: isoDate,
  userPrincipalName: optString,
  emailAddress: optString,
  userId: optString,
  operatingSystem: optString,
  osVersion: optString,
  udid: optString,
  managementState: optString,
});
export type ManagedDeviceWire = z.infer<typeof managedDevice>;

export const entraDevice = z.object({
  id: z.string(),
  deviceId: optString,
  displayName: optString,
  operatingSystem: optString,
  operatingSystemVersion: optString,
  accountEnabled: optBool,
  isCompliant: optBool,
  isManaged: optBool,
  managementType: optString,
  trustType: optString,
  approximateLastSignInDateTime: isoDate,
  registrationDateTime: isoDate,
});
export type EntraDeviceWire = z.infer<typeof entraDevice>;

const assignmentTarget = z
  .object({
    '@odata.type': optString,
    groupId: optString,
  })
  .nullable()
  .optional();

export const deviceManagementPartner = z.object({
  id: z.string(),
  displayName: optString,
  isConfigured: optBool,
  partnerState: optString,
  partnerAppType: optString,
  singleTenantAppId: optString,
  lastHeartbeatDateTime: isoDate,
  whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: isoDate,
  whenPartnerDevicesWillBeRemovedDateTime: isoDate,
  groupsRequiringPartnerEnrollment: z
    .array(z.object({ target: assignmentTarget }))
    .nullable()
    .optional(),
});
export type DeviceManagementPartnerWire = z.infer<typeof deviceManagementPartner>;

export const complianceManagementPartner = z.object({
  id: z.string(),
  displayName: optString,
  partnerState: optString,
  lastHeartbeatDateTime: isoDate,
  macOsOnboarded: optBool,
  macOsEnrollmentAssignments: z
    .array(z.object({ target: assignmentTarget }))
    .nullable()
    .optional(),
});
export type ComplianceManagementPartnerWire = z.infer<typeof complianceManagementPartner>;

export const compliancePolicy = z.object({
  '@odata.type': optString,
  id: z.string(),
  displayName: optString,
  assignments: z
    .array(z.object({ id: optString, target: assignmentTarget }))
    .nullable()
    .optional(),
});
export type CompliancePolicyWire = z.infer<typeof compliancePolicy>;

export const group = z.object({
  id: z.string(),
  displayName: optString,
  groupTypes: z.array(z.string()).nullable().optional(),
  membershipRule: optString,
  securityEnabled: optBool,
});
export type GroupWire = z.infer<typeof group>;

export const directoryObject = z.object({
  '@odata.type': optString,
  id: z.string(),
});

const credential = z.object({
  keyId: optString,
  displayName: optString,
  endDateTime: isoDate,
  startDateTime: isoDate,
});

export const application = z.object({
  id: z.string(),
  appId: z.string(),
  displayName: optString,
  requiredResourceAccess: z
    .array(
      z.object({
        resourceAppId: z.string(),
        resourceAccess: z
          .array(z.object({ id: z.string(), type: optString }))
          .nullable()
          .optional(),
      }),
    )
    .nullable()
    .optional(),
  passwordCredentials: z.array(credential).nullable().optional(),
  keyCredentials: z.array(credential).nullable().optional(),
});
export type ApplicationWire = z.infer<typeof application>;

export const servicePrincipal = z.object({
  id: z.string(),
  appId: z.string(),
  displayName: optString,
  accountEnabled: optBool,
  appOwnerOrganizationId: optString,
  appRoles: z
    .array(z.object({ id: z.string(), value: optString, displayName: optString }))
    .nullable()
    .optional(),
});
export type ServicePrincipalWire = z.infer<typeof servicePrincipal>;

export const appRoleAssignment = z.object({
  id: optString,
  appRoleId: z.string(),
  principalId: optString,
  resourceId: z.string(),
  resourceDisplayName: optString,
});
export type AppRoleAssignmentWire = z.infer<typeof appRoleAssignment>;

export const oauth2PermissionGrant = z.object({
  id: optString,
  clientId: z.string(),
  consentType: optString,
  resourceId: z.string(),
  scope: optString,
});
export type OAuth2PermissionGrantWire = z.infer<typeof oauth2PermissionGrant>;

export const user = z.object({
  id: z.string(),
  userPrincipalName: optString,
  mail: optString,
  displayName: optString,
  accountEnabled: optBool,
  assignedPlans: z
    .array(
      z.object({
        servicePlanId: z.string(),
        capabilityStatus: optString,
        service: optString,
      }),
    )
    .nullable()
    .optional(),
});
export type UserWire = z.infer<typeof user>;

export const subscribedSku = z.object({
  skuId: z.string(),
  skuPartNumber: optString,
  capabilityStatus: optString,
  consumedUnits: z.number().nullable().optional(),
  prepaidUnits: z.object({ enabled: z.number().nullable().optional() }).nullable().optional(),
  servicePlans: z
    .array(z.object({ servicePlanId: z.string(), servicePlanName: optString }))
    .nullable()
    .optional(),
});
export type SubscribedSkuWire = z.infer<typeof subscribedSku>;

const stringList = z.array(z.string()).nullable().optional();

export const conditionalAccessPolicy = z.object({
  id: z.string(),
  displayName: optString,
  state: optString,
  conditions: z
    .object({
      applications: z
        .object({ includeApplications: stringList, excludeApplications: stringList })
        .nullable()
        .optional(),
      users: z.object({ includeUsers: stringList, includeGroups: stringList }).nullable().optional(),
      platforms: z.object({ includePlatforms: stringList, excludePlatforms: stringList }).nullable().optional(),
    })
    .nullable()
    .optional(),
  grantControls: z.object({ operator: optString, builtInControls: stringList }).nullable().optional(),
});
export type ConditionalAccessPolicyWire = z.infer<typeof conditionalAccessPolicy>;

export const organization = z.object({
  id: z.string(),
  displayName: optString,
});
