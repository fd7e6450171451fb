// The checks whose code the checks-speed change replaced, as of commit 79d5cc3, by id.
import type { AnyCheck } from '../../src/checks/define.js';
import compliance_intune_entra_mismatch from './compliance/intune-entra-mismatch.js';
import entra_duplicate_device_records from './entra/duplicate-device-records.js';
import intune_duplicate_device_records from './intune/duplicate-device-records.js';
import jamf_check_in_overdue from './jamf/check-in-overdue.js';
import jamf_entra_registration_deactivated from './jamf/entra-registration-deactivated.js';
import jamf_entra_registration_unresponsive from './jamf/entra-registration-unresponsive.js';
import licenses_entra_p1_missing from './licenses/entra-p1-missing.js';
import licenses_intune_missing from './licenses/intune-missing.js';

export const REFERENCE_CHECKS: readonly AnyCheck[] = [
  compliance_intune_entra_mismatch as unknown as AnyCheck,
  entra_duplicate_device_records as unknown as AnyCheck,
  intune_duplicate_device_records as unknown as AnyCheck,
  jamf_check_in_overdue as unknown as AnyCheck,
  jamf_entra_registration_deactivated as unknown as AnyCheck,
  jamf_entra_registration_unresponsive as unknown as AnyCheck,
  licenses_intune_missing as unknown as AnyCheck,
  licenses_entra_p1_missing as unknown as AnyCheck,
];
