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
