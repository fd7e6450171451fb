import { collectScript, DEFAULT_WINDOW } from '../../mac/script.js';
import { emit } from '../output.js';
import type { RegisterCommand } from './index.js';

export const registerMacScript: RegisterCommand = (program, setExit) => {
  const group = program.command('mac-script').description('Print a shell script to run on a Mac');
  group
    .command('collect')
    .description(
      'Print a read-only POSIX sh script that gathers the logs and status jidoctor logs reads into one zip (run it with sudo or as a Jamf policy)',
    )
    .option('--window <duration>', 'how far back log show reads (e.g. 7d, 24h, 90m)', DEFAULT_WINDOW)
    .option('--output <file>', 'write the script to a file instead of stdout')
    .action(async (opts: { window: string; output?: string }) => {
      await emit(collectScript(opts.window), opts.output);
      setExit(0);
    });
};
