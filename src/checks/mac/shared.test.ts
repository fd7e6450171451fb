import { describe, expect, it } from 'vitest';
import { macSubject } from '../../logs/findings.js';
import type { Fleet, MacLogEvidence, MacPref, MacSettings } from '../../model/types.js';
import type { CheckContext, MessageMap } from '../define.js';
import {
  at,
  factEvidence,
  isOn,
  jamfVersion,
  macSettings,
  noFacts,
  prefEvidence,
  pssoRegistration,
  showPref,
  ssoRegistration,
  versionBelow,
} from './shared.js';

const pref = (type: MacPref['type'], value: MacPref['value']): MacPref => ({ type, value, file: 'f' });
const settings = (s: Partial<MacSettings>): MacSettings => ({
  prefs: {},
  migrator: null,
  pssoStatus: null,
  appSso: null,
  profiles: null,
  ...s,
});
const psso = (code: number | null, deviceId: string | null) => ({ file: 'psso-status.txt', code, deviceId });
const appSso = (registrationCompleted: boolean | null) => ({ file: 'app-sso-platform.txt', registrationCompleted });

describe('mac/* helpers', () => {
  it('reads a Jamf flag as Jamf’s scripts do (`defaults read` prints 1)', () => {
    expect(isOn(pref('boolean', true))).toBe(true);
    expect(isOn(pref('boolean', false))).toBe(false);
    expect(isOn(pref('integer', 1))).toBe(true);
    expect(isOn(pref('integer', 0))).toBe(false);
    expect(isOn(pref('integer', 2))).toBe(false);
    expect(isOn(pref('real', 1))).toBe(true);
    expect(isOn(pref('absent', null))).toBe(false);
    expect(isOn(pref('string', '1'))).toBeNull();
    expect(isOn(pref('string', 'true'))).toBeNull();
    expect(isOn(pref('data', null))).toBeNull();
  });

  it('shows a preference as it reads in a message', () => {
    expect(showPref(pref('string', 'true'))).toBe('"true"');
    expect(showPref(pref('boolean', false))).toBe('false');
    expect(showPref(pref('absent', null))).toBe('absent');
    expect(showPref(pref('dictionary', null))).toBe('(dictionary)');
    expect(showPref(pref('integer', 1))).toBe('1');
    expect(showPref(pref('date', '2026-11-29T09:30:00Z'))).toBe('2026-11-29T09:30:00Z (date)');
    expect(showPref(pref('string', 'b03c10a8'))).toBe('"b03c10a8"');
  });

  it('cites a preference and a fact where they were read, with the line when there is one', () => {
    expect(prefEvidence('microsoftCAEnabled', { ...pref('boolean', false), line: 3 })).toEqual({
      source: 'f',
      line: 3,
      text: 'microsoftCAEnabled = false (boolean)',
    });
    expect(prefEvidence('microsoftCAEnabled', pref('absent', null))).toEqual({
      source: 'f',
      text: 'microsoftCAEnabled = absent',
    });
    expect(factEvidence({ file: 'psso-status.txt', line: 2, text: '2' })).toEqual({
      source: 'psso-status.txt',
      line: 2,
      text: '2',
    });
    expect(factEvidence({ file: 'profiles.txt' })).toEqual({ source: 'profiles.txt' });
    expect(at({ file: 'mac-settings.txt', line: 7 })).toBe('mac-settings.txt:7');
    expect(at({ file: 'com.jamfsoftware.jamf.plist' })).toBe('com.jamfsoftware.jamf.plist');
  });

  it('lists every Mac whose files were collected, with its settings or null, and says what it could not read', () => {
    const ev = (key: string, s?: MacSettings) =>
      ({
        serial: key,
        host: null,
        key,
        root: `macs/${key}`,
        files: [],
        hits: [],
        timeline: {},
        problems: [],
        ...(s ? { settings: s } : {}),
      }) as unknown as MacLogEvidence;
    const a = ev('C02A', settings({}));
    const b = ev('C02B');
    const items = macSettings({
      macLogs: [
        { evidence: a, mac: null },
        { evidence: b, mac: null },
      ],
    } as unknown as Fleet);
    expect(items).toEqual([
      { ev: a, mac: null, subject: macSubject(a, null), settings: a.settings },
      { ev: b, mac: null, subject: macSubject(b, null), settings: null },
    ]);
    const unknowns: Array<[string, unknown]> = [];
    const ctx = { unknown: (r: string, s: unknown) => unknowns.push([r, s]) } as unknown as CheckContext<MessageMap>;
    noFacts(ctx, items[1]!, 'the listing');
    expect(unknowns).toEqual([['C02B: the listing not among the files of macs/C02B', items[1]!.subject]]);
  });

  it('tells an Entra registration by Platform SSO or the SSO extension from the status outputs', () => {
    expect(ssoRegistration(null)).toBeNull();
    expect(ssoRegistration(settings({}))).toBeNull();
    expect(ssoRegistration(settings({ pssoStatus: psso(2, null) }))?.registered).toBe(true);
    expect(ssoRegistration(settings({ pssoStatus: psso(null, 'x') }))?.registered).toBe(true);
    expect(ssoRegistration(settings({ pssoStatus: psso(1, null) }))?.registered).toBe(false);
    expect(ssoRegistration(settings({ pssoStatus: psso(0, null) }))?.registered).toBe(false);
    expect(ssoRegistration(settings({ pssoStatus: psso(3, null) }))).toBeNull();
    expect(ssoRegistration(settings({ appSso: appSso(true) }))?.registered).toBe(true);
    expect(ssoRegistration(settings({ appSso: appSso(false) }))?.registered).toBe(false);
    expect(ssoRegistration(settings({ appSso: appSso(null) }))).toBeNull();
    // A device id (the SSO extension's Secure Enclave registration) counts even when app-sso says no PSSO.
    expect(ssoRegistration(settings({ pssoStatus: psso(1, 'x'), appSso: appSso(false) }))?.registered).toBe(true);
  });

  it('Platform SSO itself: a device id alone (the SSO extension) is not a Platform SSO registration', () => {
    expect(pssoRegistration(null)).toBeNull();
    expect(pssoRegistration(settings({ pssoStatus: psso(0, null) }))?.registered).toBe(false);
    expect(pssoRegistration(settings({ pssoStatus: psso(3, null) }))).toBeNull();
    expect(pssoRegistration(settings({ pssoStatus: psso(null, 'x') }))).toBeNull();
    expect(pssoRegistration(settings({ pssoStatus: psso(1, 'x') }))?.registered).toBe(false);
    expect(pssoRegistration(settings({ pssoStatus: psso(2, null) }))?.registered).toBe(true);
    expect(pssoRegistration(settings({ appSso: appSso(true), pssoStatus: psso(1, null) }))?.registered).toBe(true);
    expect(pssoRegistration(settings({ appSso: appSso(false) }))?.registered).toBe(false);
  });

  it('compares Jamf Pro versions by number, not by text', () => {
    expect(jamfVersion('11.8.1-t1712345678')).toEqual([11, 8, 1]);
    expect(jamfVersion('11.9')).toEqual([11, 9, 0]);
    expect(jamfVersion('')).toBeNull();
    expect(jamfVersion(null)).toBeNull();
    expect(jamfVersion('eleven')).toBeNull();
    expect(jamfVersion('v11.9.0')).toBeNull();
    expect(jamfVersion(' 11.8.10')).toEqual([11, 8, 10]);
    const below = (v: string) => versionBelow(jamfVersion(v)!, [11, 9, 0]);
    expect(below('11.8.9')).toBe(true);
    expect(below('10.99.0')).toBe(true);
    expect(below('11.9.0')).toBe(false);
    expect(below('11.9')).toBe(false);
    expect(below('11.10.0')).toBe(false);
    expect(below('12.0.0')).toBe(false);
  });
});

describe('explain finds the mac/* checks by the texts Jamf prints', () => {
  it('the migrator and the registration extension attributes', async () => {
    const { explain } = await import('../../explain.js');
    const { CHECKS } = await import('../index.js');
    const top = (q: string) => {
      const m = explain(q, CHECKS)[0];
      return m?.kind === 'check' ? m.check.id : null;
    };
    expect(top('com.jamfsoftware.jamf.plist was not up to date (microsoftCAEnabled).')).toBe(
      'mac/microsoft-ca-not-enabled',
    );
    expect(top('com.jamfsoftware.jamf.plist was not up to date (microsoftCANativeClientAppID)')).toBe(
      'mac/registration-app-mismatch',
    );
    expect(top('WPJ Key is in Secure Enclave, but AAD ID not acquired for user home: /Users/anna')).toBe(
      'mac/psso-without-jamf-registration',
    );
  });
});
