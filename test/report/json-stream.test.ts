import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateTenant, startSimulator } from '../../sim/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { Progress } from '../../src/collect/progress.js';
import { diagnoseCollected } from '../../src/diagnose.js';
import { collectLive } from '../../src/live.js';
import { redact } from '../../src/redact.js';
import { renderJson } from '../../src/report/json.js';
import { emitJsonToFile, emitJsonToStdout } from '../emit-json.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

it('the streamed JSON report of a live demo (simulator on 127.0.0.1; the collector registers its secrets) is redact(renderJson(report)), byte for byte', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jidoctor-json-demo-'));
  dirs.push(dir);
  const { tenant } = generateTenant({ seed: 3, macs: 60, mode: 'legacy' });
  const sim = await startSimulator({ tenant });
  try {
    const c = sim.credentials;
    const { collected } = await collectLive({
      config: {
        graph: {
          tenantId: c.tenantId,
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          cloud: 'public',
          loginBaseUrl: sim.loginUrl,
          graphBaseUrl: sim.graphUrl,
        },
        jamf: { url: sim.jamfUrl, clientId: c.jamfClientId, clientSecret: c.jamfClientSecret },
      },
      outDir: join(dir, 'snapshot'),
      progress: Progress.for(process.stderr, true),
      checks: CHECKS,
    });
    const { report } = diagnoseCollected(collected, { kind: 'simulator', path: null }, { generatedAt: 0 });
    expect(report.findings.length).toBeGreaterThan(0);
    // The collector's secrets are registered: one in the report would be masked.
    expect(redact(`x ${c.clientSecret} x`)).toBe('x [redacted] x');
    const old = redact(renderJson(report));
    expect(await emitJsonToFile(report, join(dir, 'report.json'), 500)).toBe(old);
    expect(await emitJsonToFile(report, join(dir, 'report2.json'))).toBe(old);
    expect((await emitJsonToStdout(report, 300)).text).toBe(old);
  } finally {
    await sim.close();
  }
}, 60_000);
