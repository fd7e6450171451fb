import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    s: { isTTY, columns: 100, write: (c: string) => chunks.push(c) > 0 } as unknown as NodeJS.WriteStream,
  };
}

describe('Progress', () => {
  it('draws datasets, records, pages and retries on a TTY', () => {
    const { chunks, s } = stream(true);
    const p = Progress.for(s, false);
    p.start('graph/v1.0/devices');
    p.update('graph/v1.0/devices', 1998, 2);
    p.retry();
    p.done('graph/v1.0/devices', { status: 'complete', records: 1998, pages: 2 });
    p.finish();
    const out = chunks.join('');
    expect(out).toContain('✓ graph/v1.0/devices  1998 records, 2 pages');
    expect(out).toContain('retries: 1');
  });

  it('is silent when not a TTY, and with --quiet', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { chunks, s } = stream(tty);
      const p = Progress.for(s, quiet);
      p.start('x');
      p.update('x', 1, 1);
      p.done('x', { status: 'complete', records: 1, pages: 1 });
      p.finish();
      expect(chunks).toEqual([]);
    }
  });
});
