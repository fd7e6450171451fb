import complianceIntuneEntraMismatch from './compliance/intune-entra-mismatch.js';
import complianceJamfEntraMismatch from './compliance/jamf-entra-mismatch.js';
import compliancePolicyTargetsDevices from './compliance/policy-targets-devices.js';
import connectorBothIntegrations from './connector/both-integrations.js';
import connectorDeviceComplianceAllUsers from './connector/device-compliance-all-users.js';
import connectorDeviceCompliancePartnerState from './connector/device-compliance-partner-state.js';
import connectorLegacyHeartbeatStale from './connector/legacy-heartbeat-stale.js';
import connectorLegacyIntegrationRetired from './connector/legacy-integration-retired.js';
import connectorLegacyPartnerState from './connector/legacy-partner-state.js';
import connectorNoIntegration from './connector/no-integration.js';
import type { AnyCheck } from './define.js';
import entraDuplicateDeviceRecords from './entra/duplicate-device-records.js';
import entraAppJamfAppConsentMissing from './entra-app/jamf-app-consent-missing.js';
import entraAppJamfAppCredentialExpired from './entra-app/jamf-app-credential-expired.js';
import entraAppJamfAppPermissions from './entra-app/jamf-app-permissions.js';
import entraAppNativeConnectorMissing from './entra-app/native-connector-missing.js';
import entraAppRegistrationAppNotExcluded from './entra-app/registration-app-not-excluded.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';
import intuneEnrolledOutsideJamf from './intune/enrolled-outside-jamf.js';
import intuneJamfMacNotReported from './intune/jamf-mac-not-reported.js';
import jamfCheckInOverdue from './jamf/check-in-overdue.js';
import jamfEntraRegistrationDeactivated from './jamf/entra-registration-deactivated.js';
import jamfEntraRegistrationUnresponsive from './jamf/entra-registration-unresponsive.js';
import licensesEntraP1Missing from './licenses/entra-p1-missing.js';
import licensesIntuneMissing from './licenses/intune-missing.js';
import logsCheckInStopped from './logs/check-in-stopped.js';
import logsCompanyPortalOpenedDirectly from './logs/company-portal-opened-directly.js';
import logsConditionalAccessBlocked from './logs/conditional-access-blocked.js';
import logsDuplicateMsalAccounts from './logs/duplicate-msal-accounts.js';
import logsEnrollmentRestricted from './logs/enrollment-restricted.js';
import logsGraphTokenFailed from './logs/graph-token-failed.js';
import logsIntuneConnectionFailed from './logs/intune-connection-failed.js';
import logsKeychainAccessPrompt from './logs/keychain-access-prompt.js';
import logsPartnerManagementDisabled from './logs/partner-management-disabled.js';
import networkRequiredEndpoints from './network/required-endpoints.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [
  // Tenant and connector
  connectorNoIntegration,
  connectorLegacyPartnerState,
  connectorLegacyHeartbeatStale,
  connectorDeviceCompliancePartnerState,
  connectorDeviceComplianceAllUsers,
  connectorBothIntegrations,
  connectorLegacyIntegrationRetired,
  // Entra applications and permissions
  entraAppJamfAppPermissions,
  entraAppJamfAppConsentMissing,
  entraAppJamfAppCredentialExpired,
  entraAppNativeConnectorMissing,
  entraAppRegistrationAppNotExcluded,
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
  complianceJamfEntraMismatch,
  // Mac-side logs
  logsCompanyPortalOpenedDirectly,
  logsPartnerManagementDisabled,
  logsIntuneConnectionFailed,
  logsGraphTokenFailed,
  logsKeychainAccessPrompt,
  logsDuplicateMsalAccounts,
  logsCheckInStopped,
  logsConditionalAccessBlocked,
  logsEnrollmentRestricted,
  // Network
  networkRequiredEndpoints,
] as unknown as readonly AnyCheck[];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
