import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, run by npm at install, without types
import { findSimdjson } from '../scripts/build-native.mjs';

type Find = (exists: (p: string) => boolean, run: unknown) => { include: string | null; lib: string | null; via: string } | null;
const find = findSimdjson as Find;

const noPkgConfig = () => ({ error: new Error('spawn pkg-config ENOENT'), status: null, stdout: '' });
const pkgConfig = (out: string) => () => ({ error: undefined, status: 0, stdout: out });
const files = (...present: string[]) => (p: string) => present.includes(p);

describe('where the install script looks for simdjson', () => {
  it('Debian: the header in /usr/include needs no -I (it would reorder the system headers)', () => {
    expect(find(files('/usr/include/simdjson.h'), noPkgConfig)).toEqual({ include: null, lib: null, via: '/usr' });
  });

  it('Homebrew on Apple silicon: /opt/homebrew/include and its lib folder', () => {
    expect(find(files('/opt/homebrew/include/simdjson.h'), noPkgConfig)).toEqual({
      include: '/opt/homebrew/include',
      lib: '/opt/homebrew/lib',
      via: '/opt/homebrew',
    });
  });

  it('Homebrew on Intel Macs: /usr/local', () => {
    expect(find(files('/usr/local/include/simdjson.h'), noPkgConfig)?.include).toBe('/usr/local/include');
  });

  it('where pkg-config says, before any prefix', () => {
    const cellar = '/opt/homebrew/Cellar/simdjson/3.13.0';
    const r = find(
      files(join(cellar, 'include', 'simdjson.h'), '/usr/local/include/simdjson.h'),
      pkgConfig(`-I${cellar}/include -L${cellar}/lib\n`),
    );
    expect(r).toEqual({ include: `${cellar}/include`, lib: `${cellar}/lib`, via: 'pkg-config' });
  });

  it('pkg-config naming a folder without the header falls back to the prefixes', () => {
    expect(find(files('/opt/local/include/simdjson.h'), pkgConfig('-I/nowhere/include\n'))?.via).toBe('/opt/local');
  });

  it('nowhere: null, and the build is skipped', () => {
    expect(find(files(), noPkgConfig)).toBeNull();
  });
});
