import type { AnyCheck } from './define.js';
import intuneDuplicateDeviceRecords from './intune/duplicate-device-records.js';

/** The registry: every check of the catalogue, in catalogue order. A meta-test keeps it in step with the files. */
export const CHECKS: readonly AnyCheck[] = [intuneDuplicateDeviceRecords as unknown as AnyCheck];

export function checkById(id: string): AnyCheck | undefined {
  return CHECKS.find((c) => c.id === id);
}
