/**
 * Collection benchmark: the real collector (MSAL included) against the simulator (`jidoctor sim`, in its own
 * process so that its CPU does not count against the collector) with 50 ms latency on every request, on a MIXED
 * tenant: 20,000 Macs among 300,000 other devices (Windows PCs, iPhones, Android phones) in Intune and Entra
 * (`--macs=N --non-mac=N --latency=MS`; legacy mode: no per-computer requests). In the same run it collects twice
 * from the same simulator: `--full` (whole collections: the baseline) and with the server-side filters. Prints, for
 * each, the requests, the bytes received and the wall time, against the latency-bound minimum for the page counts
 * (computed, and measured in this run as a chain of that many sequential requests to the same simulator), and
 * which datasets are not complete, and why.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScenario } from '../sim/index.js';
import { collectToSnapshot } from '../src/collect/collect.js';
import { minimumRequests, minimumRounds } from '../test/e2e/minimum.js';
import type { BenchResult } from './run.js';

export default async function bench(args: string[]): Promise<BenchResult> {
  const macs = Number(args.find((a) => a.startsWith('--macs='))?.slice(7) ?? 20_000);
  const nonMac = Number(args.find((a) => a.startsWith('--non-mac='))?.slice(10) ?? 300_000);
  const extraUsers = Number(args.find((a) => a.startsWith('--extra-users='))?.slice(14) ?? 180_000);
  const latency = Number(args.find((a) => a.startsWith('--latency='))?.slice(10) ?? 50);
  const t0 = Date.now();
  const built = buildScenario('healthy-legacy', { seed: 42, macs, otherDevices: nonMac, extraUsers })!;
  const tenant = built.tenant;
  const genMs = Date.now() - t0;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/jidoctor.js'),
      'sim',
      '--scenario',
      'healthy-legacy',
      '--macs',
      String(macs),
      '--seed',
      '42',
      '--latency',
      String(latency),
      '--non-mac-devices',
      String(nonMac),
      '--extra-users',
      String(extraUsers),
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('jidoctor collect')) {
        const vars: Record<string, string> = {};
        for (const m of out.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) vars[m[1]!] = m[2]!;
        resolve(vars);
      }
    });
    child.once('exit', (code) => reject(new Error(`jidoctor sim exited with ${code}`)));
  });
  const config = {
    graph: {
      tenantId: env.AZURE_TENANT_ID!,
      clientId: env.AZURE_CLIENT_ID!,
      clientSecret: env.AZURE_CLIENT_SECRET!,
      cloud: 'public' as const,
      loginBaseUrl: env.JIDOCTOR_LOGIN_URL!,
      graphBaseUrl: env.JIDOCTOR_GRAPH_URL!,
    },
    jamf: { url: env.JAMF_URL!, clientId: env.JAMF_CLIENT_ID!, clientSecret: env.JAMF_CLIENT_SECRET! },
  };
  const sim = { jamfUrl: env.JAMF_URL! };
  const dir = await mkdtemp(join(tmpdir(), 'jidoctor-bench-'));
  try {
    // Baseline measured in this run: one sequential chain of requests as long as the critical path.
    const rounds = minimumRounds(tenant);
    const critical = Math.max(rounds.graph, rounds.jamf);
    const b0 = performance.now();
    for (let i = 0; i < critical; i++) {
      const r = await fetch(`${sim.jamfUrl}/api/v1/jamf-pro-version`);
      await r.arrayBuffer();
    }
    const baselineMs = performance.now() - b0;

    const one = async (full: boolean) => {
      const out = join(dir, full ? 'full' : 'filtered');
      const cpu0 = process.cpuUsage();
      const c0 = performance.now();
      const result = await collectToSnapshot({ config, outDir: out, http: { baseDelayMs: 50 }, full });
      const wallMs = performance.now() - c0;
      const cpu = process.cpuUsage(cpu0);
      const requests = result.stats.graph.requests + result.stats.jamf.requests;
      const bytes = result.stats.graph.bytes + result.stats.jamf.bytes;
      const incomplete = Object.entries(result.datasets)
        .filter(([, d]) => d.status !== 'complete')
        .map(
          ([k, d]) => `${k}: ${d.status}${d.error ? ` (${d.error})` : d.needs ? ` (grant ${d.needs.join(', ')})` : ''}`,
        );
      return {
        wallMs: Math.round(wallMs),
        requests,
        bytes,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        retries: result.stats.graph.retries + result.stats.jamf.retries,
        incomplete,
        intuneRecords: result.datasets['graph/v1.0/deviceManagement/managedDevices']?.records ?? null,
      };
    };
    const full = await one(true);
    const filtered = await one(false);
    const min = minimumRequests(tenant);
    const auth = 2; // one Entra token, one Jamf token
    const computedMs = critical * latency;
    // The Macs' own data: the tenant with only its Macs' Intune records, Entra devices and people.
    const macUsers = new Set(
      tenant.graph.managedDevices
        .filter((d) => d.managementAgent === 'jamf')
        .map((d) => String(d.userPrincipalName).toLowerCase()),
    );
    const macsOnly = {
      ...tenant,
      graph: {
        ...tenant.graph,
        managedDevices: tenant.graph.managedDevices.filter(
          (d) => /^\s*mac/i.test(String(d.operatingSystem ?? '')) || d.managementAgent === 'jamf',
        ),
        devices: tenant.graph.devices.filter((d) => /^\s*mac/i.test(String(d.operatingSystem ?? ''))),
        // The people of the Macs: those a Mac's Intune record names.
        users: tenant.graph.users.filter((u) => macUsers.has(String(u.userPrincipalName).toLowerCase())),
      },
    };
    const minMacs = minimumRequests(macsOnly);
    const roundsMacs = minimumRounds(macsOnly);
    const criticalMacs = Math.max(roundsMacs.graph, roundsMacs.jamf);
    const figures = {
      macs,
      nonMacDevices: nonMac,
      extraUsers,
      latencyMs: latency,
      generateMs: genMs,
      measuredChainMs: Math.round(baselineMs),
      full: { ...full, requestsMinimum: min.graph + min.jamf + auth, latencyBoundMs: computedMs },
      filtered: {
        ...filtered,
        requestsMinimumForMacs: minMacs.graph + minMacs.jamf + auth,
        latencyBoundMsForMacs: criticalMacs * latency,
      },
      bytesRatio: +(filtered.bytes / full.bytes).toFixed(3),
      requestsRatio: +(filtered.requests / full.requests).toFixed(3),
      wallRatio: +(filtered.wallMs / full.wallMs).toFixed(3),
      filteredRequestsToMacMinimum: +(filtered.requests / (minMacs.graph + minMacs.jamf + auth)).toFixed(3),
      filteredWallToMacLatencyBound: +(filtered.wallMs / (criticalMacs * latency)).toFixed(3),
    };
    console.log(
      `${macs} Macs among ${nonMac} other devices, ${latency} ms per request (tenant generated in ${genMs} ms)`,
    );
    console.log('| collection | requests | bytes received | wall (ms) | collector CPU (ms) | retries |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, r] of [
      ['--full (baseline)', full],
      ['filtered', filtered],
    ] as const)
      console.log(`| ${name} | ${r.requests} | ${r.bytes} | ${r.wallMs} | ${r.cpuMs} | ${r.retries} |`);
    console.log(
      `filtered / full: requests ${figures.requestsRatio}, bytes ${figures.bytesRatio}, wall ${figures.wallRatio} (Intune records ${filtered.intuneRecords} instead of ${full.intuneRecords})`,
    );
    console.log(
      `filtered against the Macs' own minimum: requests ${filtered.requests} / ${figures.filtered.requestsMinimumForMacs} = ${figures.filteredRequestsToMacMinimum}; wall / latency-bound ${criticalMacs} × ${latency} ms = ${figures.filteredWallToMacLatencyBound}`,
    );
    console.log(`wall time of a chain of ${critical} requests measured in this run: ${Math.round(baselineMs)} ms`);
    for (const [name, r] of [
      ['--full', full],
      ['filtered', filtered],
    ] as const)
      console.log(
        r.incomplete.length ? `${name}: not complete: ${r.incomplete.join('; ')}` : `${name}: every dataset complete`,
      );
    return { name: 'collect', figures };
  } finally {
    child.kill('SIGINT');
    await rm(dir, { recursive: true, force: true });
  }
}
