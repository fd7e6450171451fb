import { describe, expect, it } from 'vitest';
import { DATASETS } from '../model/datasets.js';
import { entryOfError } from './datasets.js';
import { HttpStatusError } from './http.js';

/**
 * A Jamf Pro 403 is recorded with the privileges to grant, never an empty `needs` (issue 14 item 14). The body is
 * Jamf Pro API's error envelope ({ httpStatus, errors: [{ code, description, id, field }] }), as in
 * https://developer.jamf.com/jamf-pro/docs/jamf-pro-api-overview (error responses) and shared/research/jamf.md.
 */
const forbidden = (url: string) =>
  new HttpStatusError(
    403,
    url,
    '',
    { httpStatus: 403, errors: [{ code: 'INVALID_PRIVILEGE', description: 'Forbidden', id: '0', field: null }] },
    1,
  );

describe('a Jamf Pro 403', () => {
  it('on every Jamf dataset names at least one privilege', () => {
    for (const d of Object.values(DATASETS).filter((x) => x.service === 'jamf')) {
      const e = entryOfError(forbidden(`https://x.jamfcloud.com/${d.paths[0]}`), d.id, 'jamf', {
        records: 0,
        pages: 0,
      });
      expect(e.status, d.id).toBe('forbidden');
      expect(e.needs?.length, d.id).toBeGreaterThan(0);
    }
  });

  it('on the version probe, which needs no particular privilege: the read privileges of the role, and why', () => {
    const e = entryOfError(
      forbidden('https://x.jamfcloud.com/api/v1/jamf-pro-version'),
      DATASETS.jamfVersion.id,
      'jamf',
      {
        records: 0,
        pages: 0,
      },
    );
    // Every privilege jidoctor reads Jamf Pro with (the datasets' own list, Device Compliance's included).
    expect(e.needs).toEqual([
      'Read Computer Check-In',
      'Read Computers',
      'Read Device Compliance Information',
      'Read macOS Configuration Profiles',
    ]);
    expect(e.error).toMatch(/API role/);
  });

  it('on the inventory: its own privilege (near miss: not the whole list)', () => {
    const e = entryOfError(forbidden('https://x/api/v2/computers-inventory'), DATASETS.computers.id, 'jamf', {
      records: 0,
      pages: 0,
    });
    expect(e.needs).toEqual(['Read Computers']);
    expect(e.error).toBeUndefined();
  });
});
