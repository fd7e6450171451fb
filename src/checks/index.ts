import connectorBothIntegrations from './connector/both-integrations.js';
import connectorDeviceComplianceAllUsers from './connector/device-compliance-all-users.js';
import connectorDeviceCompliancePartnerState from './connector/device-compliance-partner-state.js';
import connectorLegacyHeartbeatStale from './connector/legacy-heartbeat-stale.js';
import connectorLegacyIntegrationRetired from './connector/legacy-integration-retired.js';
import connectorLegacyPartnerState from './connector/legacy-partner-state.js';
import connectorNoIntegration from './connector/no-integration.js';
import type { AnyCheck } from './define.js';
import entraAppJamfAppConsentMissing from './entra-app/jamf-app-consent-missing.js';
import entraAppJamfAppCredentialExpired from './entra-app/jamf-app-credential-expired.js';
import entraAppJamfAppPermissions from './entra-app/jamf-app-permissions.js';
import entraAppNativeConnectorMissing from './entra-app/native-connector-missing.js';
import entraAppRegistrationAppNotExcluded from './entra-app/registration-app-not-excluded.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [
  connectorNoIntegration as unknown as AnyCheck,
  connectorLegacyPartnerState as unknown as AnyCheck,
  connectorLegacyHeartbeatStale as unknown as AnyCheck,
  connectorDeviceCompliancePartnerState as unknown as AnyCheck,
  connectorDeviceComplianceAllUsers as unknown as AnyCheck,
  connectorBothIntegrations as unknown as AnyCheck,
  connectorLegacyIntegrationRetired as unknown as AnyCheck,
  entraAppJamfAppPermissions as unknown as AnyCheck,
  entraAppJamfAppConsentMissing as unknown as AnyCheck,
  entraAppJamfAppCredentialExpired as unknown as AnyCheck,
  entraAppNativeConnectorMissing as unknown as AnyCheck,
  entraAppRegistrationAppNotExcluded as unknown as AnyCheck,
  intuneDuplicateDeviceRecords as unknown as AnyCheck,
];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
