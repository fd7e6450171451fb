import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import type { Lang } from '../../checks/define.js';
import { CHECKS } from '../../checks/index.js';
import { Progress } from '../../collect/progress.js';
import { diagnoseCollected } from '../../diagnose.js';
import { InputError } from '../../errors.js';
import { collectLive } from '../../live.js';
import { FORMATS } from '../../report/formats.js';
import { checkOutput, note } from '../output.js';
import { writeReport } from './diagnose.js';
import type { RegisterCommand } from './index.js';
import { summarise } from './live.js';

/**
 * `jidoctor demo`: starts the simulated tenant in-process on 127.0.0.1, collects from it through exactly the
 * collector a real tenant uses (MSAL included; only the base URLs differ), diagnoses and prints the report.
 * No credentials, no network beyond 127.0.0.1, no probe.
 */
export const registerDemo: RegisterCommand = (program) => {
  program
    .command('demo')
    .description('Collect from a simulated tenant on 127.0.0.1 and diagnose it, live (no credentials, no network)')
    .addOption(
      new Option(
        '--mode <mode>',
        'the simulated tenant: migrated (from the legacy integration to Device Compliance, what most tenants have), device-compliance (set up directly), legacy',
      )
        .choices(['migrated', 'device-compliance', 'legacy'])
        .default('migrated'),
    )
    .option('--macs <n>', 'number of Macs', '40')
    .option('--seed <s>', 'seed of the simulated tenant', '1')
    .option('--save-snapshot <dir>', 'where to write the snapshot (default: a new folder under the temp dir)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .option('--output <file>', 'write the report to a file')
    .option('--quiet', 'no progress display')
    .option('--no-color', 'no colours')
    .action(async (opts) => {
      const macs = Number(opts.macs);
      const seed = Number(opts.seed);
      if (!Number.isInteger(macs) || macs < 1 || macs > 100_000)
        throw new InputError(`--macs ${opts.macs}: expected a whole number from 1 to 100000`);
      if (!Number.isInteger(seed) || seed < 0) throw new InputError(`--seed ${opts.seed}: expected a whole number`);
      const lang = opts.lang as Lang;
      await checkOutput(opts.output as string | undefined);
      const { generateTenant, startSimulator } = await import('../../../sim/index.js');
      // migrated: state C (legacy connector terminated, its Intune records draining, Device Compliance on).
      const { tenant } = generateTenant(
        opts.mode === 'migrated'
          ? { seed, macs, mode: 'device-compliance', migration: 'C' }
          : { seed, macs, mode: opts.mode },
      );
      const sim = await startSimulator({ tenant });
      const dir = opts.saveSnapshot ? resolve(opts.saveSnapshot) : await mkdtemp(join(tmpdir(), 'jidoctor-demo-'));
      note(
        `jidoctor demo: simulated ${opts.mode} tenant with ${macs} Macs on ${sim.graphUrl} (Graph) and ${sim.jamfUrl} (Jamf Pro)`,
      );
      try {
        const c = sim.credentials;
        const { collected, result } = await collectLive({
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
          outDir: dir,
          progress: Progress.for(process.stderr, opts.quiet === true),
          checks: CHECKS,
        });
        for (const line of summarise(result)) note(line);
        const { report } = diagnoseCollected(collected, { kind: 'simulator', path: dir }, { lang });
        await writeReport(report, { format: opts.format, lang, output: opts.output, color: opts.color });
        note(`snapshot written to ${dir}`);
        note(
          `next: jidoctor diagnose --snapshot ${dir} --format json, jidoctor explain <check id>, or jidoctor sim to collect by hand`,
        );
      } finally {
        await sim.close();
      }
    });
};
