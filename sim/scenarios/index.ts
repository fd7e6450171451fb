import {
  type GenerateOptions,
  generateTenant,
  type MigrationState,
  type Mode,
  type SimTenant,
  type TruthEntry,
} from '../tenant.js';

/** Named scenarios of `jidoctor sim --scenario NAME`. */
export interface Scenario {
  name: string;
  description: string;
  mode: Mode;
  /** undefined: every problem of the mode; []: none. */
  problems?: string[];
  integration?: 'single' | 'none' | 'both';
  /** The migration state (tenant.ts MigrationState); sets the connectors. */
  migration?: MigrationState;
  /** C/D: whether the legacy Entra apps are still there (default: the seed decides). */
  legacyApps?: boolean;
}

export const SCENARIOS: Record<string, Scenario> = {
  legacy: {
    name: 'legacy',
    description: 'legacy macOS Intune integration with every injectable problem of the catalogue',
    mode: 'legacy',
  },
  'device-compliance': {
    name: 'device-compliance',
    description: 'Jamf Device Compliance with every injectable problem of the catalogue',
    mode: 'device-compliance',
  },
  'no-integration': {
    name: 'no-integration',
    description: 'no Jamf connector in Intune at all',
    mode: 'device-compliance',
    problems: [],
    integration: 'none',
  },
  'both-integrations': {
    name: 'both-integrations',
    description: 'legacy integration still enabled while Device Compliance is onboarded',
    mode: 'legacy',
    problems: [],
    integration: 'both',
  },
  migrated: {
    name: 'migrated',
    description:
      'migrated to Device Compliance (state C): legacy connector terminated, its Intune records draining, every Device Compliance problem',
    mode: 'device-compliance',
    migration: 'C',
  },
  'healthy-migrated': {
    name: 'healthy-migrated',
    description:
      'migrated to Device Compliance (state C), nothing wrong: only the legacy records Intune removes by itself',
    mode: 'device-compliance',
    problems: [],
    migration: 'C',
    legacyApps: false,
  },
  'migrated-residue': {
    name: 'migrated-residue',
    description: 'migrated to Device Compliance (state D): legacy records left after the removal date',
    mode: 'device-compliance',
    problems: [],
    migration: 'D',
  },
  'legacy-ended': {
    name: 'legacy-ended',
    description: 'legacy connector terminated and nothing replaces it (state F)',
    mode: 'device-compliance',
    problems: [],
    migration: 'F',
  },
  'device-compliance-half-set-up': {
    name: 'device-compliance-half-set-up',
    description: 'Jamf Device Compliance partner added but macOS not onboarded (state G)',
    mode: 'device-compliance',
    problems: [],
    migration: 'G',
  },
  'healthy-legacy': {
    name: 'healthy-legacy',
    description: 'legacy integration, nothing wrong',
    mode: 'legacy',
    problems: [],
  },
  'healthy-device-compliance': {
    name: 'healthy-device-compliance',
    description: 'Device Compliance, nothing wrong',
    mode: 'device-compliance',
    problems: [],
  },
};

export function buildScenario(
  name: string,
  options: Omit<GenerateOptions, 'mode' | 'problems'>,
): { tenant: SimTenant; truth: TruthEntry[]; scenario: Scenario } | null {
  const scenario = SCENARIOS[name];
  if (!scenario) return null;
  const opts: GenerateOptions = { ...options, mode: scenario.mode };
  if (scenario.problems) opts.problems = scenario.problems;
  if (scenario.integration) opts.integration = scenario.integration;
  if (scenario.migration) opts.migration = scenario.migration;
  if (scenario.legacyApps !== undefined) opts.legacyApps = scenario.legacyApps;
  return { ...generateTenant(opts), scenario };
}
