// Mutation score of each check against its OWN tests (CONTRIBUTING.md "Mutation testing").
//   node scripts/mutate.mjs                          every check (not define/index/util), then model/mode on its own
//   node scripts/mutate.mjs jamf/check-in-overdue    one check (ids or paths under src/, several allowed)
//   node scripts/mutate.mjs --table [report.json]    only print the table of an earlier run
//   Stryker options pass through as --name=value: node scripts/mutate.mjs --concurrency=1 jamf/check-in-overdue
// Each mutated file is tested by the test file beside it (<name>.test.ts) and nothing else: one Stryker run whose
// vitest include (JIDOCTOR_MUTATE_TESTS, vitest.stryker.config.ts) is those test files. A check's tests run only
// that check (test/check-tester.ts), so per-test coverage keeps each file's mutants on its own tests.
// `npm run mutate` is the plain Stryker run: every unit test under src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPORT = 'reports/mutation/mutation.json';
// The checks' shared infrastructure: every check's tests run it, and the static mutants of util.ts (built at import)
// each rerun every test file. `npm run mutate` (all unit tests under src/) measures them.
const SHARED = new Set(['src/checks/define.ts', 'src/checks/index.ts', 'src/checks/util.ts']);

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function target(arg) {
  if (arg.endsWith('.ts')) return arg.startsWith('src/') ? arg : `src/${arg}`;
  if (arg === 'model/mode') return 'src/model/mode.ts';
  return `src/checks/${arg}.ts`;
}

/** Per file: mutants that count (not ignored), killed (by a failing test, or by a timeout), survived, no coverage. */
export function table(reportPath = REPORT) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const rows = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const counted = mutants.filter((m) => m.status !== 'Ignored' && m.status !== 'CompileError');
    const n = (s) => counted.filter((m) => m.status === s).length;
    rows.push({
      file: relative(process.cwd(), file) || file,
      mutants: counted.length,
      killed: n('Killed') + n('Timeout'),
      timeout: n('Timeout'),
      survived: n('Survived'),
      noCoverage: n('NoCoverage'),
    });
  }
  rows.sort((a, b) => a.file.localeCompare(b.file));
  const pct = (k, t) => (t ? ((100 * k) / t).toFixed(1) : '-');
  const all = { file: 'all', mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  console.log('| file | mutants | killed | of which timeouts | survived | no coverage | % |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of [...rows, all]) {
    if (r !== all) for (const k of ['mutants', 'killed', 'timeout', 'survived', 'noCoverage']) all[k] += r[k];
    console.log(
      `| ${r.file} | ${r.mutants} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${pct(r.killed, r.mutants)} |`,
    );
  }
  return rows;
}

const argv = process.argv.slice(2);
// Stryker options pass through as --name=value (e.g. --concurrency=1); the other arguments are targets.
const options = argv.filter((a) => a.startsWith('--') && a !== '--table');
const args = argv.filter((a) => !options.includes(a));
if (args[0] === '--table') {
  table(args[1]);
} else {
  const files = args.length
    ? args.map(target)
    : walk('src/checks')
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !SHARED.has(f))
        .sort();
  // src/model/mode.ts runs in every test fleet's buildFleet(): in a run with the checks' tests they would all count
  // as its tests. Measure it on its own: node scripts/mutate.mjs model/mode
  for (const f of files) if (!existsSync(f)) throw new Error(`${f}: no such file`);
  const tests = files.map((f) => f.replace(/\.ts$/, '.test.ts')).filter((t) => existsSync(t));
  if (files.includes('src/checks/util.ts')) tests.push('src/checks/row-evidence.test.ts');
  if (files.includes('src/checks/licenses/shared.ts')) tests.push('src/checks/licenses/*.test.ts');
  const res = spawnSync('npx', ['stryker', 'run', '--mutate', files.join(','), ...options], {
    stdio: 'inherit',
    env: { ...process.env, JIDOCTOR_MUTATE_TESTS: tests.join(',') },
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
  table();
}
