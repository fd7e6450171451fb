import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTenant, startSimulator } from '/work/wt/users-batch/sim/index.js';
import { collectLive } from '/work/wt/users-batch/src/live.js';
import { diagnoseCollected } from '/work/wt/users-batch/src/diagnose.js';
import { liveConfigFor, FAST_HTTP } from '/work/wt/users-batch/test/e2e/harness.js';

const macs = Number(process.argv[2] ?? 500);
const extra = Number(process.argv[3] ?? 20000);
const latency = Number(process.argv[4] ?? 0);
const { tenant } = generateTenant({ seed: 7, macs, mode: 'legacy', extraUsers: extra, otherDevices: 0, problems: ['licenses/intune-missing', 'licenses/entra-p1-missing'], perProblem: 3 });
const reports: string[][] = [];
for (const full of [true, false]) {
  const sim = await startSimulator({ tenant, faults: { seed: 1, rules: [], latencyMs: latency }, ...(process.env.NOADV && !full ? { graphRefuseAdvancedQueries: true } : {}) });
  const dir = await mkdtemp(join(tmpdir(), 'jid-measure-'));
  const t0 = Date.now();
  const { collected, result } = await collectLive({ config: liveConfigFor(sim), outDir: dir, http: FAST_HTTP, full });
  const wall = Date.now() - t0;
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).datasets['graph/v1.0/users'];
  const g = sim.log.filter((l) => l.service === 'graph');
  const userReqs = g.filter((l) => l.path === '/v1.0/users' || l.path === '/v1.0/$batch').length;
  const rep = diagnoseCollected(collected, { kind: 'live', path: dir }).report;
  reports.push([...rep.checks.map((c) => `${c.id}:${c.outcome}:${c.findings}`), ...rep.findings.map((f) => f.fingerprint).sort()]);
  console.log(JSON.stringify({ full, macs, extraUsers: extra, latency, usersRead: m.records, userRequests: userReqs, graphRequests: g.length, graphBytes: result.stats.graph.bytes, wallMs: wall, lookup: m.lookup }));
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
console.log('same diagnosis:', JSON.stringify(reports[0]) === JSON.stringify(reports[1]));
