import { join } from 'node:path';
import { Option } from 'commander';
import type { Lang } from '../../checks/define.js';
import { diagnoseSnapshot } from '../../diagnose.js';
import { packageRoot } from '../../paths.js';
import { FORMATS } from '../../report/formats.js';
import { note } from '../output.js';
import { writeReport } from './diagnose.js';
import type { RegisterCommand } from './index.js';

export const EXAMPLE_SNAPSHOT = 'examples/contoso-snapshot';

export const registerDemo: RegisterCommand = (program) => {
  program
    .command('demo')
    .description('Diagnose the example tenant that ships with jidoctor (no credentials, no network)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['en', 'it']).default('en'))
    .option('--output <file>', 'write the report to a file')
    .option('--no-color', 'no colours')
    .action(async (opts) => {
      const dir = join(packageRoot(), EXAMPLE_SNAPSHOT);
      note(`jidoctor demo: diagnosing the example snapshot in ${dir}`);
      const lang = opts.lang as Lang;
      const { report } = await diagnoseSnapshot(dir, { lang });
      await writeReport(report, { format: opts.format, lang, output: opts.output, color: opts.color });
      note(`Next: jidoctor diagnose --snapshot ${EXAMPLE_SNAPSHOT} --format json, or jidoctor explain <check id>`);
    });
};
