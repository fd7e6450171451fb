import { resolve } from 'node:path';
import { note } from '../output.js';
import type { RegisterCommand } from './index.js';
import { addLiveOptions, addSinceOption, type LiveFlags, runLive, summarise } from './live.js';

export const registerCollect: RegisterCommand = (program) => {
  const cmd = program
    .command('collect')
    .description(
      'Collect from Microsoft Graph and the Jamf Pro API into a snapshot folder (credentials from the environment or --config)',
    )
    .requiredOption('--out <dir>', 'snapshot folder to write (docs/snapshot-format.md)');
  addSinceOption(addLiveOptions(cmd)).action(async (opts: LiveFlags & { out: string }) => {
    const dir = resolve(opts.out);
    const { result } = await runLive(opts, dir);
    for (const line of summarise(result)) note(line);
    note(`snapshot written to ${dir}`);
    note(`next: jidoctor diagnose --snapshot ${opts.out}`);
  });
};
