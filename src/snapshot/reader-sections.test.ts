import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST, writeSnapshot } from '../../test/tmp.js';
import { InputError } from '../errors.js';
import { readSnapshot } from './reader.js';

/**
 * The datasets of the Device Compliance registration checks (docs/snapshot-format.md): the inventory sections read
 * for some computers (Jamf pages of `{ id, configurationProfiles | applications }`) and the Classic macOS
 * configuration profiles (`{ os_x_configuration_profile: { general: { …, payloads } } }`, deploymenttheory/
 * go-api-sdk-jamfpro classicapi_macos_configuration_profiles.go), as a hand-made snapshot holds them.
 */
const PROFILES = 'jamf/computers-inventory-sections/CONFIGURATION_PROFILES';
const APPS = 'jamf/computers-inventory-sections/APPLICATIONS';
const FAMILY = 'jamf/JSSResource/osxconfigurationprofiles/id/{id}';
const SSOE = readFileSync(new URL('../../test/fixtures/profiles/sso-extension.plist', import.meta.url), 'utf8');
const KERBEROS = readFileSync(new URL('../../test/fixtures/profiles/kerberos-sso.plist', import.meta.url), 'utf8');
const profile = (id: number, name: string, payloads: unknown) => ({
  os_x_configuration_profile: { general: { id, name, uuid: `UUID-${id}`, payloads }, scope: { all_computers: false } },
});

describe('snapshot reader: sections and macOS configuration profiles', () => {
  it('reads the sections per computer and each profile with its SSO extension payloads (subset or whole file)', async () => {
    const dir = await writeSnapshot({
      [`${PROFILES}/page-00001.json`]: {
        totalCount: 1,
        results: [{ id: '21', configurationProfiles: [{ id: '7', displayName: 'SSO', profileIdentifier: 'X' }] }],
      },
      [`${APPS}/page-00001.json`]: {
        totalCount: 2,
        results: [
          { id: 31, applications: [{ name: 'Safari.app', bundleId: 'com.apple.Safari', version: '18.6' }] },
          { id: '32', applications: null },
        ],
      },
      'jamf/JSSResource/osxconfigurationprofiles.json': { os_x_configuration_profiles: [{ id: 7, name: 'SSO' }] },
      'jamf/JSSResource/osxconfigurationprofiles/id/7/subset/General.json': profile(7, 'SSO', SSOE),
      'jamf/JSSResource/osxconfigurationprofiles/id/9.json': profile(9, 'Kerberos', KERBEROS),
      'manifest.json': MANIFEST(),
    });
    const c = await readSnapshot(dir);
    expect([...(c.jamfInstalledProfiles ?? new Map())]).toEqual([
      ['21', [{ id: '7', displayName: 'SSO', profileIdentifier: 'X' }]],
    ]);
    // A computer whose section came back null was not read.
    expect([...(c.jamfApplications ?? new Map()).keys()]).toEqual(['31']);
    expect(c.macosProfiles).toEqual([
      {
        id: '7',
        name: 'SSO',
        uuid: 'UUID-7',
        payloadIdentifier: '6A1F3C0E-2B9D-4E7A-8F51-0C3D2E1B4A77',
        ssoPayloads: [
          {
            extensionIdentifier: 'com.microsoft.CompanyPortalMac.ssoextension',
            teamIdentifier: 'UBF8T346G9',
            type: 'Redirect',
            platformSso: false,
          },
        ],
        unreadable: null,
      },
      {
        id: '9',
        name: 'Kerberos',
        uuid: 'UUID-9',
        payloadIdentifier: '2bbbbbb2-3cc3-4dd4-5ee5-6ffffffffff6',
        ssoPayloads: [
          {
            extensionIdentifier: 'com.apple.AppSSOKerberos.KerberosExtension',
            teamIdentifier: 'apple',
            type: 'Credential',
            platformSso: false,
          },
        ],
        unreadable: null,
      },
    ]);
    expect(c.datasets.get(PROFILES)).toMatchObject({ status: 'complete', records: 1 });
    expect(c.datasets.get(FAMILY)).toMatchObject({ status: 'complete', records: 2 });
  });

  it('payloads that are not a property list: the profile is kept, unreadable, with the reason', async () => {
    const dir = await writeSnapshot({
      'jamf/JSSResource/osxconfigurationprofiles/id/4.json': profile(4, 'Broken', 'not a plist'),
      'jamf/JSSResource/osxconfigurationprofiles/id/5.json': profile(5, 'Empty', ''),
    });
    const c = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' });
    expect(c.macosProfiles?.map((p) => [p.id, p.unreadable])).toEqual([
      ['4', 'general.payloads: not a property list (neither bplist00 nor XML nor text)'],
      ['5', 'general.payloads is empty'],
    ]);
  });

  it('a payloads field that is not a string: one line naming the file and the field', async () => {
    const dir = await writeSnapshot({
      'jamf/JSSResource/osxconfigurationprofiles/id/4.json': profile(4, 'Bad', { nested: true }),
    });
    const err = await readSnapshot(dir, { asOf: '2026-11-29T09:30:00Z' }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('jamf/JSSResource/osxconfigurationprofiles/id/4.json');
    expect(err.message).toContain('payloads');
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('no computer in question: a complete entry with no record and no file is complete, not missing', async () => {
    const entry = { status: 'complete', records: 0, pages: 0 };
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST({
        [PROFILES]: entry,
        [APPS]: entry,
        'jamf/JSSResource/osxconfigurationprofiles': entry,
        [FAMILY]: entry,
      }),
      'jamf/api/v1/jamf-pro-version.json': { version: '11.24.1' },
    });
    const c = await readSnapshot(dir);
    for (const id of [PROFILES, APPS, 'jamf/JSSResource/osxconfigurationprofiles', FAMILY]) {
      expect(c.datasets.get(id), id).toMatchObject({ status: 'complete', records: 0 });
    }
  });

  it('not in the snapshot at all: missing; refused: forbidden with the privilege', async () => {
    const dir = await writeSnapshot({
      'manifest.json': MANIFEST({
        [FAMILY]: { status: 'forbidden', httpStatus: 403, needs: ['Read macOS Configuration Profiles'] },
      }),
      'jamf/api/v1/jamf-pro-version.json': { version: '11.24.1' },
    });
    const c = await readSnapshot(dir);
    expect(c.datasets.get(PROFILES)?.status).toBe('missing');
    expect(c.datasets.get(FAMILY)).toMatchObject({ status: 'forbidden', needs: ['Read macOS Configuration Profiles'] });
  });
});
