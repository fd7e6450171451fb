import { readFile } from 'node:fs/promises';
import type { FaultPlan } from '../../../sim/index.js';
import { InputError } from '../../errors.js';
import { note } from '../output.js';
import type { RegisterCommand } from './index.js';

const int = (flag: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InputError(`${flag} ${v}: expected a whole number from ${min} to ${max}`);
  return n;
};

/**
 * `jidoctor sim`: the simulated tenant in the foreground, on 127.0.0.1. It prints the URLs and the (simulator-only)
 * credentials to pass to `collect`; these are written straight to stdout because printing them is the point,
 * and they open nothing but this local simulator.
 */
export const registerSim: RegisterCommand = (program) => {
  program
    .command('sim')
    .description('Run a simulated Microsoft Graph + Jamf Pro tenant on 127.0.0.1 and print how to collect from it')
    .option(
      '--scenario <name>',
      'legacy, device-compliance, healthy-legacy, healthy-device-compliance, no-integration, both-integrations',
      'legacy',
    )
    .option('--macs <n>', 'number of Macs', int('--macs', 1, 200_000), 50)
    .option('--seed <s>', 'seed of the generator and of the faults', int('--seed', 0, 2 ** 31), 1)
    .option('--faults <file>', 'fault plan (JSON: {"seed":1,"rules":[{"route":"GET /v1.0/devices","rate429":0.2}]})')
    .option('--latency <ms>', 'latency added to every request', int('--latency', 0, 60_000), 0)
    .option(
      '--non-mac-devices <n>',
      'devices that are not Macs (Windows PCs, iPhones, Android phones) in Entra and, in legacy mode, Intune: a mixed tenant',
      int('--non-mac-devices', 0, 2_000_000),
    )
    .option('--extra-users <n>', 'users without a Mac (a mixed tenant)', int('--extra-users', 0, 2_000_000))
    .option(
      '--entra-only-devices <n>',
      'Entra devices no MDM manages (registered Windows PCs, iPhones, Android phones): in Entra only, not in Intune',
      int('--entra-only-devices', 0, 2_000_000),
    )
    .action(
      async (opts: {
        scenario: string;
        macs: number;
        seed: number;
        faults?: string;
        latency: number;
        nonMacDevices?: number;
        extraUsers?: number;
        entraOnlyDevices?: number;
      }) => {
        const { buildScenario, SCENARIOS, startSimulator } = await import('../../../sim/index.js');
        const built = buildScenario(opts.scenario, {
          seed: opts.seed,
          macs: opts.macs,
          ...(opts.nonMacDevices !== undefined ? { otherDevices: opts.nonMacDevices } : {}),
          ...(opts.extraUsers !== undefined ? { extraUsers: opts.extraUsers } : {}),
          ...(opts.entraOnlyDevices !== undefined ? { entraOnlyDevices: opts.entraOnlyDevices } : {}),
        });
        if (!built)
          throw new InputError(`--scenario ${opts.scenario}: expected one of ${Object.keys(SCENARIOS).join(', ')}`);
        let faults: FaultPlan = { seed: opts.seed, rules: [] };
        if (opts.faults) {
          try {
            faults = JSON.parse(await readFile(opts.faults, 'utf8')) as FaultPlan;
          } catch {
            throw new InputError(`--faults ${opts.faults}: expected a readable JSON fault plan`);
          }
          if (!Array.isArray(faults.rules)) throw new InputError(`--faults ${opts.faults}: rules: expected an array`);
          faults.rules.forEach((rule, i) => {
            const route = (rule as { route?: unknown }).route;
            if (typeof route !== 'string')
              throw new InputError(`--faults ${opts.faults}: rules[${i}].route: expected a regular expression string`);
            try {
              new RegExp(route);
            } catch {
              throw new InputError(
                `--faults ${opts.faults}: rules[${i}].route: expected a valid regular expression, found "${route}"`,
              );
            }
          });
        }
        if (opts.latency) faults.latencyMs = opts.latency;
        const sim = await startSimulator({ tenant: built.tenant, faults });
        const c = sim.credentials;
        process.stdout.write(
          [
            `# jidoctor simulator: scenario ${opts.scenario} (${built.scenario.description}), ${opts.macs} Macs, seed ${opts.seed}`,
            `# Microsoft Graph + Entra ID token endpoint: ${sim.graphUrl}`,
            `# Jamf Pro: ${sim.jamfUrl} (Jamf Pro ${sim.tenant.jamf.version})`,
            '# These credentials open only this simulator. In another shell:',
            `export AZURE_TENANT_ID=${c.tenantId}`,
            `export AZURE_CLIENT_ID=${c.clientId}`,
            `export AZURE_CLIENT_SECRET='${c.clientSecret}'`,
            `export JIDOCTOR_LOGIN_URL=${sim.loginUrl}`,
            `export JIDOCTOR_GRAPH_URL=${sim.graphUrl}`,
            `export JAMF_URL=${sim.jamfUrl}`,
            `export JAMF_CLIENT_ID=${c.jamfClientId}`,
            `export JAMF_CLIENT_SECRET='${c.jamfClientSecret}'`,
            `# or a Jamf user: JAMF_USERNAME=${c.jamfUsername} JAMF_PASSWORD='${c.jamfPassword}'`,
            'jidoctor collect --out ./sim-snapshot   # or: jidoctor diagnose --live',
            '',
          ].join('\n'),
        );
        // Changes between two collections (the benchmark's delta run): `touch 0.01 [seed]`, `expire-delta` on stdin.
        const { attachControl } = await import('../../../sim/index.js');
        const stopControl = attachControl(sim.tenant, process.stdin, (line) => process.stdout.write(`${line}\n`));
        note('simulator running; Ctrl-C to stop (stdin: touch FRACTION [SEED], expire-delta)');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        stopControl();
        await sim.close();
        note(`simulator stopped after ${sim.log.length} requests`);
      },
    );
};
