import { describe, expect, it } from 'vitest';
import { defaultDbPath, resolveDbPath } from '../../src/store/location.js';

describe('where the history database lives', () => {
  it('follows each platform convention', () => {
    expect(defaultDbPath({ platform: 'linux', env: {}, home: '/home/ann' })).toBe(
      '/home/ann/.local/share/jidoctor/history.db',
    );
    expect(defaultDbPath({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ann' }, home: '/home/ann' })).toBe(
      '/data/ann/jidoctor/history.db',
    );
    // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
    expect(defaultDbPath({ platform: 'linux', env: { XDG_DATA_HOME: 'rel' }, home: '/home/ann' })).toBe(
      '/home/ann/.local/share/jidoctor/history.db',
    );
    expect(defaultDbPath({ platform: 'darwin', env: {}, home: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/jidoctor/history.db',
    );
    expect(
      defaultDbPath({
        platform: 'win32',
        env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' },
        home: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Local\\jidoctor\\history.db');
  });

  it('--db wins over JIDOCTOR_DB, which wins over the default', () => {
    const where = { platform: 'linux' as const, env: { JIDOCTOR_DB: '/tmp/env.db' }, home: '/home/ann' };
    expect(resolveDbPath('/tmp/flag.db', where)).toBe('/tmp/flag.db');
    expect(resolveDbPath(undefined, where)).toBe('/tmp/env.db');
    expect(resolveDbPath(undefined, { ...where, env: {} })).toBe('/home/ann/.local/share/jidoctor/history.db');
  });

  it('the test run itself points the history at a temporary file', () => {
    expect(process.env.JIDOCTOR_DB).toMatch(/jidoctor-test-\d+/);
  });
});
