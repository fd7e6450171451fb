import { Command, CommanderError } from 'commander';
import { ExitCode, JidoctorError } from '../errors.js';
import { redact } from '../redact.js';
import { printable } from '../report/wrap.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';

/** The only top-level catch: every error becomes one line on stderr and a documented exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('jidoctor')
    .description(
      'Finds out why Jamf Pro Macs integrated with Microsoft Intune / Entra ID misbehave, proves it, and fixes it safely.',
    )
    .version(VERSION)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let exit: number = ExitCode.ok;
  for (const register of COMMANDS) {
    register(program, (code) => {
      exit = code;
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof JidoctorError) {
      // File names, values and ids in a message come from the data: the one sanitiser of human output.
      process.stderr.write(`jidoctor: ${printable(redact(err.message)).replace(/\n/g, ' ')}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(
      `jidoctor: internal error: ${printable(redact(e?.message ?? String(err))).replace(/\n/g, ' ')}\n` +
        'This is a bug in jidoctor. Please report it with the command you ran (set JIDOCTOR_DEBUG=1 for details).\n',
    );
    if (process.env.JIDOCTOR_DEBUG) process.stderr.write(`${redact(e?.stack ?? '')}\n`);
    return ExitCode.internal;
  }
}

// A reader that stops early (`jidoctor … | head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
