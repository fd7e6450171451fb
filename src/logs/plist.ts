/**
 * Property lists as they lie on a Mac: XML (`<plist version="1.0">`), binary (`bplist00`, what cfprefsd writes) and
 * the old-style text `defaults read` prints. One maintained parser (npm `plist`, which reads all three) behind
 * one function that never throws a stack: a bad file is one line naming it.
 */
import { type PlistValue, parse, parseBinary, parseOpenStep } from 'plist';
import type { PrefType } from '../model/types.js';

export type { PlistValue };

export type PlistFormat = 'binary' | 'xml' | 'openstep';

const BPLIST = Buffer.from('bplist', 'latin1');

/** Which plist format a file's first bytes announce, or null when it is none of them. */
export function plistFormat(head: Uint8Array): PlistFormat | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.subarray(0, 6).equals(BPLIST)) return 'binary';
  const text = b
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<?xml') || text.startsWith('<!DOCTYPE plist') || text.startsWith('<plist')) return 'xml';
  if (text.startsWith('{')) return 'openstep';
  return null;
}

export class PlistError extends Error {}

/** The XML parser (xmldom) also prints what it reports to the console: the error it throws is what we keep. */
function quiet<T>(f: () => T): T {
  const { error, warn } = console;
  console.error = () => {};
  console.warn = () => {};
  try {
    return f();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** Parses a property list; throws PlistError with a one-line reason (the caller names the file). */
export function parsePlist(data: Uint8Array): { format: PlistFormat; value: PlistValue } {
  const format = plistFormat(data);
  if (!format) throw new PlistError('not a property list (neither bplist00 nor XML nor text)');
  try {
    if (format === 'binary') {
      if (!Buffer.from(data.buffer, data.byteOffset, 8).toString('latin1').startsWith('bplist00'))
        throw new PlistError('binary property list of an unknown version (expected bplist00)');
      return { format, value: parseBinary(data) };
    }
    const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    return { format, value: quiet(() => (format === 'xml' ? parse(text) : parseOpenStep(text))) };
  } catch (err) {
    if (err instanceof PlistError) throw err;
    const why = String((err as Error)?.message ?? err).split('\n')[0];
    throw new PlistError(`${format} property list cannot be parsed (${why})`);
  }
}

/** The plist type of a parsed value (a whole number is `integer`, other numbers `real`). */
export function plistType(v: PlistValue): PrefType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  if (typeof v === 'string') return 'string';
  if (v instanceof Date) return 'date';
  if (v instanceof Uint8Array) return 'data';
  if (Array.isArray(v)) return 'array';
  return 'dictionary';
}

/** A scalar as the settings keep it: dates as ISO text, collections and data as null. */
export function plistScalar(v: PlistValue): string | number | boolean | null {
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return null;
}

/** Is the value a dictionary (the top level of a preferences file)? */
export function isDict(v: PlistValue): v is { [key: string]: PlistValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}
