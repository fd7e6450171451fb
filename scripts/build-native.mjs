#!/usr/bin/env node
// Builds the optional native page scanner (native/scan.cc, over simdjson) at install time. It needs a C++
// compiler, Node.js's headers and simdjson's (Debian: `apt-get install libsimdjson-dev`; macOS: `brew install
// simdjson`). simdjson is looked for where `pkg-config simdjson` says, then under /usr, /usr/local, /opt/homebrew
// (Homebrew on Apple silicon) and /opt/local (MacPorts). Without it the build is skipped with one line, and
// jidoctor reads snapshots with its JavaScript scanner: same results, slower on very large snapshots.
// JIDOCTOR_NATIVE=0 skips the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'native');
const skip = (why) => {
  console.log(`jidoctor: native scanner not built (${why}); the JavaScript scanner will be used.`);
  process.exit(0);
};

/** Where simdjson's header and library are: pkg-config first, then the usual prefixes. */
export function findSimdjson(exists = existsSync, run = spawnSync) {
  const pc = run('pkg-config', ['--cflags-only-I', '--libs-only-L', 'simdjson'], { encoding: 'utf8' });
  if (!pc.error && pc.status === 0) {
    const words = String(pc.stdout ?? '')
      .trim()
      .split(/\s+/);
    const incs = words.filter((w) => w.startsWith('-I')).map((w) => w.slice(2));
    const libs = words.filter((w) => w.startsWith('-L')).map((w) => w.slice(2));
    const inc = incs.find((d) => exists(join(d, 'simdjson.h')));
    if (inc) return { include: inc, lib: libs[0] ?? null, via: 'pkg-config' };
    // pkg-config names no -I for a header in the compiler's own search path (/usr/include).
    if (incs.length === 0 && exists('/usr/include/simdjson.h'))
      return { include: null, lib: libs[0] ?? null, via: 'pkg-config' };
  }
  for (const prefix of ['/usr', '/usr/local', '/opt/homebrew', '/opt/local']) {
    if (!exists(join(prefix, 'include', 'simdjson.h'))) continue;
    // The compiler searches /usr/include itself; naming it with -I would reorder the system headers.
    if (prefix === '/usr') return { include: null, lib: null, via: prefix };
    return { include: join(prefix, 'include'), lib: join(prefix, 'lib'), via: prefix };
  }
  return null;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) build();

function build() {
  if (process.env.JIDOCTOR_NATIVE === '0') skip('JIDOCTOR_NATIVE=0');
  if (!existsSync(join(dir, 'binding.gyp'))) skip('no native/ sources');
  const found = findSimdjson();
  if (!found)
    skip(
      'simdjson headers not found; on Debian/Ubuntu: apt-get install libsimdjson-dev; on macOS: brew install simdjson',
    );
  const env = { ...process.env };
  if (found.include) env.JIDOCTOR_SIMDJSON_INCLUDE = found.include;
  if (found.lib) env.JIDOCTOR_SIMDJSON_LIB = found.lib;

  // npm sets npm_config_node_gyp to its own node-gyp; outside npm, the one on PATH.
  const gyp = process.env.npm_config_node_gyp;
  const args = ['rebuild', '--directory', dir];
  if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
  const r = gyp
    ? spawnSync(process.execPath, [gyp, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env })
    : spawnSync('node-gyp', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  if (r.error) skip(`node-gyp could not start: ${r.error.message}`);
  if (r.status !== 0) {
    const line = (r.stderr ?? '').split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.status}`;
    skip(`build failed: ${line.trim().slice(0, 200)}`);
  }
  console.log('jidoctor: native scanner built (simdjson).');
}
