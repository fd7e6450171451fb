/**
 * Collection benchmark: the real collector (MSAL included) against the simulator (`jidoctor sim`, in its own
 * process so that its CPU does not count against the collector) with 50 ms latency on every request and 50,000
 * Macs (legacy mode: no per-computer requests). Prints the wall time against the
 * latency-bound minimum for the page counts (computed, and measured in this run as a chain of that many
 * sequential requests to the same simulator), and the requests made against the minimum the APIs allow.
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
  const macs = Number(args.find((a) => a.startsWith('--macs='))?.slice(7) ?? 50_000);
  const latency = Number(args.find((a) => a.startsWith('--latency='))?.slice(10) ?? 50);
  const t0 = Date.now();
  const built = buildScenario('healthy-legacy', { seed: 42, macs })!;
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

    const cpu0 = process.cpuUsage();
    const c0 = performance.now();
    const result = await collectToSnapshot({ config, outDir: dir, http: { baseDelayMs: 50 } });
    const wallMs = performance.now() - c0;
    const cpu = process.cpuUsage(cpu0);
    const collectorCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    const min = minimumRequests(tenant);
    const made = result.stats.graph.requests + result.stats.jamf.requests;
    const auth = 2; // one Entra token, one Jamf token
    const computedMs = critical * latency;
    const figures = {
      macs,
      latencyMs: latency,
      generateMs: genMs,
      criticalPathRounds: critical,
      graphRounds: rounds.graph,
      jamfRounds: rounds.jamf,
      latencyBoundMs: computedMs,
      measuredChainMs: Math.round(baselineMs),
      wallMs: Math.round(wallMs),
      ratioToLatencyBound: +(wallMs / computedMs).toFixed(3),
      ratioToMeasuredChain: +(wallMs / baselineMs).toFixed(3),
      requestsMade: made,
      requestsMinimum: min.graph + min.jamf + auth,
      requestsRatio: +(made / (min.graph + min.jamf + auth)).toFixed(3),
      collectorCpuMs,
      collectorCpuShare: +(collectorCpuMs / wallMs).toFixed(3),
      retries: result.stats.graph.retries + result.stats.jamf.retries,
      complete: Object.values(result.datasets).every((d) => d.status === 'complete'),
      inventoryRecords:
        Object.entries(result.datasets).find(([k]) => k.endsWith('/computers-inventory'))?.[1].records ?? null,
    };
    console.log(`${macs} Macs, ${latency} ms per request (tenant generated in ${genMs} ms)`);
    console.log(`critical path: ${critical} sequential requests (Graph ${rounds.graph}, Jamf ${rounds.jamf})`);
    console.log(`wall time / latency-bound minimum (${critical} × ${latency} ms): ${figures.ratioToLatencyBound}`);
    console.log(`wall time / measured chain of ${critical} requests in this run: ${figures.ratioToMeasuredChain}`);
    console.log(
      `collector CPU / wall time: ${figures.collectorCpuShare} (the rest is waiting on the network and the simulator)`,
    );
    console.log(`requests made / minimum: ${made} / ${figures.requestsMinimum} = ${figures.requestsRatio}`);
    console.log(`all datasets complete: ${figures.complete}; ${figures.inventoryRecords} computers`);
    return { name: 'collect', figures };
  } finally {
    child.kill('SIGINT');
    await rm(dir, { recursive: true, force: true });
  }
}
