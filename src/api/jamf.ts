import { z } from 'zod';
import { isoDate, jamfId, optBool, optString } from './common.js';

/** Wire schemas of the Jamf Pro API payloads the tool reads (computers-inventory v1 to v4 and friends). */

export const jamfPage = z.object({ totalCount: z.number().nullable().optional(), results: z.array(z.unknown()) });

export const localUserAccount = z.object({
  uid: z.union([z.string(), z.number()]).nullable().optional(),
  username: optString,
  fullName: optString,
  userAccountType: optString,
  computerAzureActiveDirectoryId: optString,
  userAzureActiveDirectoryId: optString,
  azureActiveDirectoryId: optString,
});

export const computerInventory = z.object({
  id: jamfId,
  udid: optString,
  general: z
    .object({
      name: optString,
      lastContactTime: isoDate,
      lastCheckIn: isoDate,
      lastContact: isoDate,
      reportDate: isoDate,
      lastEnrolledDate: isoDate,
      remoteManagement: z.object({ managed: optBool }).nullable().optional(),
      mdmCapable: z.object({ capable: optBool }).nullable().optional(),
      platform: optString,
    })
    .nullable()
    .optional(),
  hardware: z.object({ serialNumber: optString, model: optString }).nullable().optional(),
  operatingSystem: z.object({ name: optString, version: optString }).nullable().optional(),
  userAndLocation: z.object({ username: optString, realname: optString, email: optString }).nullable().optional(),
  localUserAccounts: z.array(localUserAccount).nullable().optional(),
  applications: z
    .array(z.object({ name: optString, bundleId: optString, version: optString }))
    .nullable()
    .optional(),
});
export type ComputerInventoryWire = z.infer<typeof computerInventory>;

export const jamfProVersion = z.object({ version: optString });

export const checkInSettings = z.object({ checkInFrequency: z.number().nullable().optional() });

export const deviceComplianceInformation = z.object({
  deviceId: jamfId.nullable().optional(),
  applicable: optBool,
  complianceState: optString,
  complianceVendor: optString,
  complianceVendorDeviceInformation: z
    .union([
      z.array(z.object({ deviceIds: z.array(z.string()).nullable().optional() })),
      z.object({ deviceIds: z.array(z.string()).nullable().optional() }),
    ])
    .nullable()
    .optional(),
});
export type DeviceComplianceInformationWire = z.infer<typeof deviceComplianceInformation>;

/**
 * One installed configuration profile of a computer (computers-inventory section CONFIGURATION_PROFILES). Fields as
 * the Jamf Pro API schema names them (ComputerConfigurationProfile: id, username, lastInstalled, removable,
 * displayName, profileIdentifier; `uuid` from 11.29): macadmins/jamf-pro-sdk-python
 * https://github.com/macadmins/jamf-pro-sdk-python/blob/main/src/jamf_pro_sdk/models/pro/computers.py and ruby-jss
 * Jamf::OAPISchemas::ComputerConfigurationProfile (generated from Jamf Pro 11.9.2 `/api/schema`).
 */
export const computerConfigurationProfile = z.object({
  id: jamfId.nullable().optional(),
  username: optString,
  lastInstalled: optString,
  removable: optBool,
  displayName: optString,
  profileIdentifier: optString,
  uuid: optString,
});

/**
 * One application of a computer (computers-inventory section APPLICATIONS; ComputerApplication: name, path,
 * version, macAppStore, sizeMegabytes, bundleId, updateAvailable, externalVersionId; same sources).
 */
export const computerApplication = z.object({
  name: optString,
  path: optString,
  version: optString,
  bundleId: optString,
});

/**
 * A computers-inventory record asked for one section only (`section=CONFIGURATION_PROFILES` or
 * `section=APPLICATIONS`, `filter=id=in=(…)`): the id and that section; unrequested sections come back null.
 */
export const computerSection = z.object({
  id: jamfId,
  configurationProfiles: z.array(computerConfigurationProfile).nullable().optional(),
  applications: z.array(computerApplication).nullable().optional(),
});
export type ComputerSectionWire = z.infer<typeof computerSection>;

/**
 * Classic API `GET /JSSResource/osxconfigurationprofiles` with `Accept: application/json`:
 * `{ "os_x_configuration_profiles": [ { "id": 10, "name": "WiFi" } ] }` (the list element of
 * deploymenttheory/go-api-sdk-jamfpro sdk/jamfpro/classicapi_macos_configuration_profiles.go,
 * MacOSConfigurationProfileListItem; JSON form as in public mocks of the endpoint). Some Classic lists wrap each
 * element (`{ "profile": { "id", "name" } }`): both are read.
 */
const classicProfileRef = z.object({ id: jamfId, name: optString });
export const macosProfileList = z.object({
  os_x_configuration_profiles: z
    .array(z.union([classicProfileRef, z.object({ profile: classicProfileRef })]))
    .nullable()
    .optional(),
});
export type MacosProfileListWire = z.infer<typeof macosProfileList>;

/**
 * Classic API `GET /JSSResource/osxconfigurationprofiles/id/{id}` with `Accept: application/json`:
 * `{ "os_x_configuration_profile": { "general": { "id", "name", "uuid", "payloads", … }, "scope": {…} } }`, where
 * `general.payloads` is the profile as an XML property list in a string (go-api-sdk-jamfpro
 * MacOSConfigurationProfileSubsetGeneral: id, name, description, site, category, distribution_method,
 * user_removable, level, uuid, redeploy_on_update, payloads).
 */
export const macosProfile = z.object({
  os_x_configuration_profile: z.object({
    general: z
      .object({
        id: jamfId.nullable().optional(),
        name: optString,
        uuid: optString,
        level: optString,
        payloads: optString,
      })
      .nullable()
      .optional(),
  }),
});
export type MacosProfileWire = z.infer<typeof macosProfile>;
