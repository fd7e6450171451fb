import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The optional native addon (native/scan.cc, over simdjson): the page scanner and the key dictionaries the scanning
 * threads share. It is built at install time when a C++ compiler and simdjson's headers are there
 * (scripts/build-native.mjs). Without it, or with JIDOCTOR_NATIVE=0, everything runs in JavaScript, with the same
 * results.
 */
export interface Addon {
  /**
   * One page file's columns (see native/scan.cc for the layout), or null when the addon is not sure of the page.
   * With `dicts` (the five key dictionaries' handles), the page's keys are interned there too (`$nid` columns).
   * With `spare`, the columns are written into it (and it is returned) when it is large enough.
   */
  scan(
    bytes: Uint8Array,
    kind: number,
    dicts?: Int32Array,
    spare?: ArrayBuffer,
  ): [ArrayBuffer, ArrayBuffer, string[], string] | null;
  implementation(): string;
  dictCreate(): number;
  dictFree(handle: number): void;
  /** Interns the n keys of a KeyRef (`bytes`: its heap) into out[at ..] as nids (-1 for a null key). */
  dictIntern(
    handle: number,
    bytes: Uint8Array,
    ref: Int32Array,
    hash: Int32Array,
    n: number,
    out: Int32Array,
    at: number,
  ): void;
  /** Makes room for `keys` more keys, so that the dictionary does not grow while the workers intern. */
  dictReserve(handle: number, keys: number): void;
  /** The nid of the key at bytes[start, start + length), or -1. */
  dictFind(handle: number, bytes: Uint8Array, start: number, length: number): number;
}

let addon: Addon | null | undefined;

/** The addon's file, found from this module upwards (src/ from source, dist/src/ when built). */
function addonPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const p = join(dir, 'native', 'build', 'Release', 'jidoctor_scan.node');
    if (existsSync(p)) return p;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** The loaded addon, or null when it is not built, cannot load, or JIDOCTOR_NATIVE=0. */
export function nativeAddon(): Addon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (process.env.JIDOCTOR_NATIVE === '0') return addon;
  const path = addonPath();
  if (path === null) return addon;
  try {
    addon = createRequire(import.meta.url)(path) as Addon;
  } catch {
    // A build for another Node.js, or a missing libsimdjson at run time: JavaScript does the work.
    addon = null;
  }
  return addon;
}
