import complianceIntuneEntraMismatch from './compliance/intune-entra-mismatch.js';
import compliancePolicyTargetsDevices from './compliance/policy-targets-devices.js';
import type { AnyCheck } from './define.js';
import entraDuplicateDeviceRecords from './entra/duplicate-device-records.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';
import intuneEnrolledOutsideJamf from './intune/enrolled-outside-jamf.js';
import intuneJamfMacNotReported from './intune/jamf-mac-not-reported.js';
import jamfCheckInOverdue from './jamf/check-in-overdue.js';
import jamfEntraRegistrationDeactivated from './jamf/entra-registration-deactivated.js';
import jamfEntraRegistrationUnresponsive from './jamf/entra-registration-unresponsive.js';
import licensesEntraP1Missing from './licenses/entra-p1-missing.js';
import licensesIntuneMissing from './licenses/intune-missing.js';
import networkRequiredEndpoints from './network/required-endpoints.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [
  // Licences and policies
  licensesIntuneMissing,
  licensesEntraP1Missing,
  compliancePolicyTargetsDevices,
  // Devices
  jamfCheckInOverdue,
  jamfEntraRegistrationUnresponsive,
  jamfEntraRegistrationDeactivated,
  intuneDuplicateDeviceRecords,
  entraDuplicateDeviceRecords,
  intuneEnrolledOutsideJamf,
  intuneJamfMacNotReported,
  complianceIntuneEntraMismatch,
  // Network
  networkRequiredEndpoints,
] as unknown as readonly AnyCheck[];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
