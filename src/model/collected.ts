import type { Collected } from './types.js';

/** Collected data with nothing in it yet; `init` sets the fields a caller already knows. */
export function emptyCollected(init: Partial<Collected> = {}): Collected {
  return {
    asOf: 0,
    asOfSource: 'manifest',
    tenant: { id: null, name: null },
    jamfUrl: null,
    jamfVersion: null,
    checkInFrequency: null,
    datasets: new Map(),
    managedDevices: [],
    devices: [],
    computers: [],
    jamfCompliance: [],
    legacyPartners: [],
    compliancePartners: [],
    compliancePolicies: [],
    groups: new Map(),
    applications: [],
    servicePrincipals: [],
    permissionGrants: [],
    users: [],
    skus: [],
    conditionalAccessPolicies: [],
    network: null,
    ...init,
  };
}
