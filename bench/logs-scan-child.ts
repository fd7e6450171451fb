/** Child of bench/logs.bench.ts: scans one file with the real scanner and prints time, lines, hits and peak RSS. */
import { createReadStream, statSync } from 'node:fs';
import { CHUNK, scanStream } from '../src/logs/scan.js';

const file = process.argv[2]!;
const rssBefore = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const r = await scanStream(file, createReadStream(file, { highWaterMark: CHUNK }), { mtime: statSync(file).mtimeMs });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const hitLines = r.groups.reduce((n, g) => n + g.count, 0);
process.stdout.write(
  `${JSON.stringify({
    ms,
    bytes: r.info.bytes,
    lines: r.info.lines,
    family: r.info.family,
    hitLines,
    rssBeforeMiB: rssBefore / 2 ** 20,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
