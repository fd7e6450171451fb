import { describe, expect, it } from 'vitest';
import { cleanup, roundTrip } from './harness.js';

/**
 * Jamf Pro inventory paging by the rows received (issue 14 item 13): a server that serves fewer rows per page than
 * `page-size` asks must still be read whole, not page 0 and a `partial` dataset.
 */
describe('Jamf Pro inventory paging', () => {
  for (const cap of [7, 10, 2000]) {
    it(`a server whose pages hold at most ${cap} computers is read whole`, async () => {
      const rt = await roundTrip({ seed: 3, macs: 40, mode: 'legacy' }, { sim: { jamfMaxPageSize: cap } });
      try {
        const total = rt.sim.tenant.jamf.computers.length;
        expect(total).toBeGreaterThan(20);
        const entry = Object.entries(rt.result.datasets).find(([k]) => /computers-inventory$/.test(k))?.[1];
        expect(entry, JSON.stringify(entry)).toMatchObject({ status: 'complete', records: total });
        const ids = new Set(rt.sim.tenant.jamf.computers.map((c) => c.id));
        expect(new Set(rt.collected.computers.map((c) => c.id))).toEqual(ids);
        // Every page asked for at most what the server serves, and no page was asked twice.
        const pages = rt.sim.log.filter((l) => /computers-inventory$/.test(l.path));
        expect(pages.length).toBe(Math.ceil(total / Math.min(cap, 2000)));
      } finally {
        await cleanup(rt);
      }
    });
  }
});
