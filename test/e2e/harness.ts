/** Test harness: a simulated tenant on 127.0.0.1, collected by the real collector into a temporary snapshot. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FaultPlan,
  type GenerateOptions,
  generateTenant,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type TruthEntry,
} from '../../sim/index.js';
import type { CollectOptions } from '../../src/collect/collect.js';
import type { LiveConfig } from '../../src/collect/config.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { collectLive } from '../../src/live.js';

export const FAST_HTTP = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 } as const;

export function liveConfigFor(sim: Simulator, jamfAuth: 'oauth' | 'user' = 'oauth'): LiveConfig {
  const c = sim.credentials;
  return {
    graph: {
      tenantId: c.tenantId,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      cloud: 'public',
      loginBaseUrl: sim.loginUrl,
      graphBaseUrl: sim.graphUrl,
    },
    jamf:
      jamfAuth === 'oauth'
        ? { url: sim.jamfUrl, clientId: c.jamfClientId, clientSecret: c.jamfClientSecret }
        : { url: sim.jamfUrl, username: c.jamfUsername, password: c.jamfPassword },
  };
}

export interface RoundTrip {
  sim: Simulator;
  truth: TruthEntry[];
  dir: string;
  collected: Awaited<ReturnType<typeof collectLive>>['collected'];
  result: Awaited<ReturnType<typeof collectLive>>['result'];
  report: ReturnType<typeof diagnoseCollected>['report'];
}

export async function roundTrip(
  gen: GenerateOptions,
  options: {
    faults?: FaultPlan;
    sim?: Partial<SimulatorOptions>;
    jamfAuth?: 'oauth' | 'user';
    collect?: Partial<CollectOptions>;
  } = {},
): Promise<RoundTrip> {
  const { tenant, truth } = generateTenant(gen);
  const simOpts: SimulatorOptions = { tenant, ...options.sim };
  if (options.faults) simOpts.faults = options.faults;
  const sim = await startSimulator(simOpts);
  const dir = await mkdtemp(join(tmpdir(), 'jidoctor-rt-'));
  try {
    const { collected, result } = await collectLive({
      config: liveConfigFor(sim, options.jamfAuth),
      outDir: dir,
      http: FAST_HTTP,
      ...options.collect,
    });
    const { report } = diagnoseCollected(collected, { kind: 'live', path: dir });
    return { sim, truth, dir, collected, result, report };
  } finally {
    await sim.close();
  }
}

export async function cleanup(rt: { dir: string }): Promise<void> {
  await rm(rt.dir, { recursive: true, force: true });
}

/** The environment a CLI child process collects from (and writes to) the simulator with: its credentials and URLs. */
export function simEnv(sim: Simulator): Record<string, string> {
  const c = sim.credentials;
  return {
    AZURE_TENANT_ID: c.tenantId,
    AZURE_CLIENT_ID: c.clientId,
    AZURE_CLIENT_SECRET: c.clientSecret,
    JIDOCTOR_LOGIN_URL: sim.loginUrl,
    JIDOCTOR_GRAPH_URL: sim.graphUrl,
    JAMF_URL: sim.jamfUrl,
    JAMF_CLIENT_ID: c.jamfClientId,
    JAMF_CLIENT_SECRET: c.jamfClientSecret,
    JIDOCTOR_RETRY_BASE_MS: '1',
  };
}
