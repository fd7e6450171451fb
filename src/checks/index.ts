import type { AnyCheck } from './define.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';
import logsCheckInStopped from './logs/check-in-stopped.js';
import logsCompanyPortalOpenedDirectly from './logs/company-portal-opened-directly.js';
import logsDuplicateMsalAccounts from './logs/duplicate-msal-accounts.js';
import logsGraphTokenFailed from './logs/graph-token-failed.js';
import logsIntuneConnectionFailed from './logs/intune-connection-failed.js';
import logsKeychainAccessPrompt from './logs/keychain-access-prompt.js';
import logsPartnerManagementDisabled from './logs/partner-management-disabled.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [
  intuneDuplicateDeviceRecords as unknown as AnyCheck,
  logsCompanyPortalOpenedDirectly as unknown as AnyCheck,
  logsPartnerManagementDisabled as unknown as AnyCheck,
  logsIntuneConnectionFailed as unknown as AnyCheck,
  logsGraphTokenFailed as unknown as AnyCheck,
  logsKeychainAccessPrompt as unknown as AnyCheck,
  logsDuplicateMsalAccounts as unknown as AnyCheck,
  logsCheckInStopped as unknown as AnyCheck,
];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
