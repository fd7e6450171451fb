import type { Planner } from '../types.js';
import { advisoryPlanner, advisoryWithScriptPlanner } from './advisory.js';
import { complianceMismatchPlanner, enrolledOutsideJamfPlanner } from './cause6.js';
import { entraDuplicatesPlanner, intuneDuplicatesPlanner } from './duplicates.js';

/**
 * The planner of every check of the catalogue, by id. A check missing here has no plan: the registry test fails.
 * Advisory checks are listed explicitly so that a new check is never planned by accident.
 */
export const PLANNERS: Record<string, Planner> = {
  'intune/duplicate-device-records': intuneDuplicatesPlanner,
  'entra/duplicate-device-records': entraDuplicatesPlanner,
  'compliance/intune-entra-mismatch': complianceMismatchPlanner,
  'compliance/jamf-entra-mismatch': advisoryWithScriptPlanner,
  'intune/enrolled-outside-jamf': enrolledOutsideJamfPlanner,
  'connector/no-integration': advisoryPlanner,
  'connector/legacy-partner-state': advisoryPlanner,
  'connector/legacy-heartbeat-stale': advisoryPlanner,
  'connector/device-compliance-partner-state': advisoryPlanner,
  'connector/device-compliance-all-users': advisoryPlanner,
  'connector/both-integrations': advisoryPlanner,
  'connector/legacy-integration-retired': advisoryPlanner,
  'connector/legacy-leftovers': advisoryPlanner,
  'entra-app/jamf-app-permissions': advisoryPlanner,
  'entra-app/jamf-app-consent-missing': advisoryPlanner,
  'entra-app/jamf-app-credential-expired': advisoryPlanner,
  'entra-app/native-connector-missing': advisoryPlanner,
  'entra-app/registration-app-not-excluded': advisoryPlanner,
  'licenses/intune-missing': advisoryPlanner,
  'licenses/entra-p1-missing': advisoryPlanner,
  'compliance/policy-targets-devices': advisoryPlanner,
  'jamf/check-in-overdue': advisoryPlanner,
  'jamf/entra-registration-unresponsive': advisoryPlanner,
  'jamf/entra-registration-deactivated': advisoryPlanner,
  'intune/jamf-mac-not-reported': advisoryPlanner,
  'logs/company-portal-opened-directly': advisoryWithScriptPlanner,
  'logs/partner-management-disabled': advisoryPlanner,
  'logs/intune-connection-failed': advisoryPlanner,
  'logs/graph-token-failed': advisoryPlanner,
  'logs/keychain-access-prompt': advisoryWithScriptPlanner,
  'logs/duplicate-msal-accounts': advisoryPlanner,
  'logs/check-in-stopped': advisoryPlanner,
  'mac/microsoft-ca-not-enabled': advisoryPlanner,
  'mac/registration-app-mismatch': advisoryPlanner,
  'mac/migration-pending': advisoryPlanner,
  'mac/psso-without-jamf-registration': advisoryPlanner,
  'mac/psso-device-not-followed': advisoryPlanner,
  'mac/sso-extension-profile-missing': advisoryPlanner,
  'logs/conditional-access-blocked': advisoryPlanner,
  'logs/enrollment-restricted': advisoryPlanner,
  'logs/sso-associated-domain-blocked': advisoryPlanner,
  'network/required-endpoints': advisoryPlanner,
  // Device Compliance (issue 13): settings and memberships a person changes; nothing to delete mechanically.
  'connector/other-macos-compliance-partner': advisoryPlanner,
  'entra-app/registration-blocked-baseline-scopes': advisoryPlanner,
  'compliance/user-outside-partner-scope': advisoryPlanner,
  'compliance/entra-state-never-set': advisoryPlanner,
  'compliance/jamf-inventory-stale': advisoryPlanner,
  'compliance/reported-to-old-entra-device': advisoryPlanner,
  // Rows 9 and 20: a profile to scope and an app to deploy in Jamf Pro.
  'jamf/sso-extension-profile-missing': advisoryPlanner,
  'jamf/company-portal-missing': advisoryPlanner,
};

/** Checks whose plan offers the cause-6 Mac clean-up script (`--script`). */
export const SCRIPT_CHECKS: readonly string[] = Object.entries(PLANNERS)
  .filter(([, p]) => p.script)
  .map(([id]) => id);
