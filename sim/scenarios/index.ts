import { type GenerateOptions, generateTenant, type Mode, type SimTenant, type TruthEntry } from '../tenant.js';

/** Named scenarios of `jidoctor sim --scenario NAME`. */
export interface Scenario {
  name: string;
  description: string;
  mode: Mode;
  /** undefined: every problem of the mode; []: none. */
  problems?: string[];
  integration?: 'single' | 'none' | 'both';
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
  return { ...generateTenant(opts), scenario };
}
