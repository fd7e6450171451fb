import type { Page } from '../model/page.js';
import { nativeAddon } from '../native.js';
import type { KindName } from './kinds.js';
import { scanPage } from './scan.js';

export { nativeAddon } from '../native.js';

/**
 * The native page scanner (native/scan.cc, over simdjson): the fast path in front of the JavaScript scanner. It is
 * optional (src/native.ts): without it, or with JIDOCTOR_NATIVE=0, pages go to the JavaScript scanner as before.
 *
 * A page it is not certain of comes back null and goes on to the JavaScript scanner (then, if need be, to the
 * slow path), so what a reader gets never depends on which scanner read the page.
 */

const KIND_CODE: Record<KindName, number> = { managedDevices: 0, devices: 1, users: 2, computers: 3 };

/** Which scanner reads pages first: 'native (simdjson icelake)' and the like, or 'javascript'. */
export function scannerName(): string {
  const a = nativeAddon();
  return a ? `native (simdjson ${a.implementation()})` : 'javascript';
}

type Ctor = Int32ArrayConstructor | Float64ArrayConstructor | Int8ArrayConstructor;

interface LayoutCol {
  name: string;
  /** `$ref` / `$hash` / `$nid` of a KeyRef: the key's name; else null. */
  key: string | null;
  part: 'ref' | 'hash' | 'nid' | null;
  type: 'ref' | 'i32' | 'f64' | 'i8' | 'start';
  acc: boolean;
}

const layouts = new Map<string, LayoutCol[]>();

function parseLayout(text: string): LayoutCol[] {
  let cols = layouts.get(text);
  if (cols) return cols;
  cols = text.split(',').map((spec) => {
    const [name, type, acc] = spec.split(':') as [string, LayoutCol['type'], string | undefined];
    const m = /^(.*)\$(ref|hash|nid)$/.exec(name);
    return { name, key: m ? m[1]! : null, part: m ? (m[2] as 'ref' | 'hash' | 'nid') : null, type, acc: acc === 'acc' };
  });
  layouts.set(text, cols);
  return cols;
}

const GROUPS: Array<{ types: LayoutCol['type'][]; ctor: Ctor; bytes: number }> = [
  { types: ['f64'], ctor: Float64Array, bytes: 8 },
  { types: ['ref', 'i32', 'start'], ctor: Int32Array, bytes: 4 },
  { types: ['i8'], ctor: Int8Array, bytes: 1 },
];

/** What the addon gives for a page it read: its columns buffer, heap, dict and layout (see native/scan.cc). */
export type NativeOutput = [ArrayBuffer, ArrayBuffer, string[], string];

/** The native scan of a page as the addon gives it (null when it is not sure, or not there). */
export function scanNativeRaw(
  bytes: Uint8Array,
  kind: KindName,
  dicts?: Int32Array | null,
  spare?: ArrayBuffer,
): NativeOutput | null {
  const a = nativeAddon();
  return a ? a.scan(bytes, KIND_CODE[kind], dicts ?? undefined, spare) : null;
}

/**
 * The Page of the addon's output: views over its columns buffer, the heap, the dict. A scanning worker sends the
 * output as it is (two buffers and two small values cross the thread, not thirty views) and the reader calls this.
 */
export function pageOf(kind: KindName, out: NativeOutput): Page {
  const [cols, heap, dict, layoutText] = out;
  const header = new Int32Array(cols, 0, 8);
  const n = header[0]!;
  const accN = header[1]!;
  const page: Record<string, unknown> = { kind, n, heap: new Uint8Array(heap), dict };
  const accounts: Record<string, unknown> = { n: accN };
  let at = 32;
  const layout = parseLayout(layoutText);
  for (const g of GROUPS) {
    for (const c of layout) {
      if (!g.types.includes(c.type)) continue;
      const rows = c.acc ? accN : n;
      const len = c.type === 'ref' ? 2 * rows : c.type === 'start' ? rows + 1 : rows;
      const view = new g.ctor(cols, at, len);
      at += len * g.bytes;
      const target = c.acc ? accounts : page;
      if (c.key === null) target[c.name] = view;
      else {
        const k = (target[c.key] ?? {}) as Record<string, unknown>;
        k[c.part!] = view;
        target[c.key] = k;
      }
    }
  }
  // A recycled buffer (scan-pool.ts) may be longer than the columns it holds.
  if (at > cols.byteLength) throw new Error(`native scan: ${kind} columns are ${cols.byteLength} bytes, not ${at}`);
  if (kind === 'computers') page.accounts = accounts;
  return page as unknown as Page;
}

/**
 * Scans a page with the addon alone: its Page, or null when it is not sure (or not there). With `dicts` (the
 * handles of a Keys' native dictionaries, Keys.nativeHandles), its KeyRefs come with their `nid`s.
 */
export function scanPageNative(bytes: Uint8Array, kind: KindName, dicts?: Int32Array | null): Page | null {
  const out = scanNativeRaw(bytes, kind, dicts);
  return out === null ? null : pageOf(kind, out);
}

/**
 * Scans a page with the fastest scanner that is sure of it: the addon, else the JavaScript scanner; null when
 * neither is (the slow path reads it). For the addon's fast path, `bytes` should have 64 bytes of spare room
 * after it in its buffer (simdjson's padding); without them the addon copies the page first.
 */
export function scanPageFast(
  bytes: Uint8Array,
  kind: KindName,
  apiVersion: number,
  dicts?: Int32Array | null,
): Page | null {
  return scanPageNative(bytes, kind, dicts) ?? scanPage(bytes, kind, apiVersion);
}
