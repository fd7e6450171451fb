import complianceEntraStateNeverSet from './compliance/entra-state-never-set.js';
import complianceIntuneEntraMismatch from './compliance/intune-entra-mismatch.js';
import complianceJamfEntraMismatch from './compliance/jamf-entra-mismatch.js';
import complianceJamfInventoryStale from './compliance/jamf-inventory-stale.js';
import compliancePolicyTargetsDevices from './compliance/policy-targets-devices.js';
import complianceReportedToOldEntraDevice from './compliance/reported-to-old-entra-device.js';
import complianceUserOutsidePartnerScope from './compliance/user-outside-partner-scope.js';
import connectorBothIntegrations from './connector/both-integrations.js';
import connectorDeviceComplianceAllUsers from './connector/device-compliance-all-users.js';
import connectorDeviceCompliancePartnerState from './connector/device-compliance-partner-state.js';
import connectorLegacyHeartbeatStale from './connector/legacy-heartbeat-stale.js';
import connectorLegacyIntegrationRetired from './connector/legacy-integration-retired.js';
import connectorLegacyLeftovers from './connector/legacy-leftovers.js';
import connectorLegacyPartnerState from './connector/legacy-partner-state.js';
import connectorNoIntegration from './connector/no-integration.js';
import connectorOtherMacosCompliancePartner from './connector/other-macos-compliance-partner.js';
import type { AnyCheck } from './define.js';
import entraDuplicateDeviceRecords from './entra/duplicate-device-records.js';
import entraAppJamfAppConsentMissing from './entra-app/jamf-app-consent-missing.js';
import entraAppJamfAppCredentialExpired from './entra-app/jamf-app-credential-expired.js';
import entraAppJamfAppPermissions from './entra-app/jamf-app-permissions.js';
import entraAppNativeConnectorMissing from './entra-app/native-connector-missing.js';
import entraAppRegistrationAppNotExcluded from './entra-app/registration-app-not-excluded.js';
import entraAppRegistrationBlockedBaselineScopes from './entra-app/registration-blocked-baseline-scopes.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';
import intuneEnrolledOutsideJamf from './intune/enrolled-outside-jamf.js';
import intuneJamfMacNotReported from './intune/jamf-mac-not-reported.js';
import jamfCheckInOverdue from './jamf/check-in-overdue.js';
import jamfCompanyPortalMissing from './jamf/company-portal-missing.js';
import jamfEntraRegistrationDeactivated from './jamf/entra-registration-deactivated.js';
import jamfEntraRegistrationUnresponsive from './jamf/entra-registration-unresponsive.js';
import jamfSsoExtensionProfileMissing from './jamf/sso-extension-profile-missing.js';
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
import logsSsoAssociatedDomainBlocked from './logs/sso-associated-domain-blocked.js';
import macMicrosoftCaNotEnabled from './mac/microsoft-ca-not-enabled.js';
import macMigrationPending from './mac/migration-pending.js';
import macPssoDeviceNotFollowed from './mac/psso-device-not-followed.js';
import macPssoWithoutJamfRegistration from './mac/psso-without-jamf-registration.js';
import macRegistrationAppMismatch from './mac/registration-app-mismatch.js';
import macSsoExtensionProfileMissing from './mac/sso-extension-profile-missing.js';
import networkRequiredEndpoints from './network/required-endpoints.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [
  // Tenant and connector
  connectorNoIntegration,
  connectorLegacyPartnerState,
  connectorLegacyHeartbeatStale,
  connectorDeviceCompliancePartnerState,
  connectorDeviceComplianceAllUsers,
  connectorOtherMacosCompliancePartner,
  connectorBothIntegrations,
  connectorLegacyIntegrationRetired,
  connectorLegacyLeftovers,
  // Entra applications and permissions
  entraAppJamfAppPermissions,
  entraAppJamfAppConsentMissing,
  entraAppJamfAppCredentialExpired,
  entraAppNativeConnectorMissing,
  entraAppRegistrationAppNotExcluded,
  entraAppRegistrationBlockedBaselineScopes,
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
  complianceUserOutsidePartnerScope,
  complianceEntraStateNeverSet,
  complianceJamfInventoryStale,
  complianceReportedToOldEntraDevice,
  jamfSsoExtensionProfileMissing,
  jamfCompanyPortalMissing,
  // Mac-side logs
  logsCompanyPortalOpenedDirectly,
  logsPartnerManagementDisabled,
  logsIntuneConnectionFailed,
  logsGraphTokenFailed,
  logsKeychainAccessPrompt,
  logsDuplicateMsalAccounts,
  logsCheckInStopped,
  // Mac-side settings (property lists, Platform SSO, profiles)
  macMicrosoftCaNotEnabled,
  macRegistrationAppMismatch,
  macMigrationPending,
  macPssoWithoutJamfRegistration,
  macPssoDeviceNotFollowed,
  macSsoExtensionProfileMissing,
  logsConditionalAccessBlocked,
  logsEnrollmentRestricted,
  logsSsoAssociatedDomainBlocked,
  // Network
  networkRequiredEndpoints,
] as unknown as readonly AnyCheck[];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
