#!/usr/bin/env node
// Builds the optional native page scanner (native/scan.cc, over simdjson) at install time. It needs a C++
// compiler, Node.js's headers and simdjson's (Debian: `apt-get install libsimdjson-dev`). Without them the build
// is skipped with one line, and jidoctor reads snapshots with its JavaScript scanner: same results, slower on
// very large snapshots. JIDOCTOR_NATIVE=0 skips the build.
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

if (process.env.JIDOCTOR_NATIVE === '0') skip('JIDOCTOR_NATIVE=0');
if (!existsSync(join(dir, 'binding.gyp'))) skip('no native/ sources');
const header = ['/usr/include/simdjson.h', '/usr/local/include/simdjson.h'].find((p) => existsSync(p));
if (!header) skip('simdjson headers not found; on Debian/Ubuntu: apt-get install libsimdjson-dev');

// npm sets npm_config_node_gyp to its own node-gyp; outside npm, the one on PATH.
const gyp = process.env.npm_config_node_gyp;
const args = ['rebuild', '--directory', dir];
if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
const r = gyp
  ? spawnSync(process.execPath, [gyp, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  : spawnSync('node-gyp', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (r.error) skip(`node-gyp could not start: ${r.error.message}`);
if (r.status !== 0) {
  const line = (r.stderr ?? '').split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.status}`;
  skip(`build failed: ${line.trim().slice(0, 200)}`);
}
console.log('jidoctor: native scanner built (simdjson).');
