import { DATASETS } from './datasets.js';
import type { Collected, CompliancePartner, LegacyPartner, ModeDetection } from './types.js';

const JAMF = /jamf/i;

export function jamfLegacyPartners(list: LegacyPartner[]): LegacyPartner[] {
  return list.filter((p) => JAMF.test(p.displayName ?? ''));
}

export function jamfCompliancePartners(list: CompliancePartner[]): CompliancePartner[] {
  return list.filter((p) => JAMF.test(p.displayName ?? ''));
}

/** A legacy partner entry counts as set up when it is configured or has left the `unknown` state. */
export function isLegacyConfigured(p: LegacyPartner): boolean {
  return p.isConfigured === true || (p.partnerState != null && p.partnerState !== 'unknown');
}

/**
 * Integration mode: legacy (deviceManagementPartners / managementAgent jamf), device-compliance
 * (complianceManagementPartners), both, none, or unknown when the connector data was not collected. `jamfAgent`:
 * how many of the tenant's Intune Mac records have managementAgent jamf.
 */
export function detectMode(c: Collected, jamfAgent: number): ModeDetection {
  const legacyKnown = c.datasets.get(DATASETS.legacyPartners.id)?.status === 'complete';
  const dcKnown = c.datasets.get(DATASETS.compliancePartners.id)?.status === 'complete';
  const intuneKnown = c.datasets.get(DATASETS.managedDevices.id)?.status === 'complete';
  const reasons: string[] = [];

  const legacy = legacyKnown ? jamfLegacyPartners(c.legacyPartners).filter(isLegacyConfigured) : [];
  for (const p of legacy) {
    reasons.push(`deviceManagementPartners: ${p.displayName ?? 'Jamf'} ${p.partnerState ?? 'state unknown'}`);
  }
  if (jamfAgent > 0) reasons.push(`${jamfAgent} managedDevices with managementAgent jamf`);
  const dc = dcKnown ? jamfCompliancePartners(c.compliancePartners) : [];
  for (const p of dc) {
    reasons.push(
      `complianceManagementPartners: ${p.displayName ?? 'Jamf'} ${p.partnerState ?? 'state unknown'}, macOS ${
        p.macOsOnboarded ? 'onboarded' : 'not onboarded'
      }`,
    );
  }
  const isLegacy = legacy.length > 0 || jamfAgent > 0;
  const isDc = dc.length > 0;
  if (isLegacy && isDc) return { detected: 'both', why: reasons.join('; ') };
  if (isLegacy) {
    if (!dcKnown) reasons.push('complianceManagementPartners not collected');
    return { detected: 'legacy', why: reasons.join('; ') };
  }
  if (isDc) {
    if (!legacyKnown) reasons.push('deviceManagementPartners not collected');
    return { detected: 'device-compliance', why: reasons.join('; ') };
  }
  if (legacyKnown && dcKnown) {
    return {
      detected: 'none',
      why: `no Jamf entry configured in deviceManagementPartners or complianceManagementPartners${
        intuneKnown ? '; no managedDevices with managementAgent jamf' : ''
      }`,
    };
  }
  const missing = [
    legacyKnown ? null : DATASETS.legacyPartners.id,
    dcKnown ? null : DATASETS.compliancePartners.id,
  ].filter(Boolean);
  return { detected: 'unknown', why: `cannot tell: ${missing.join(' and ')} not collected completely` };
}
