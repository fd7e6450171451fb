import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Subject, SubjectKind } from '../checks/define.js';
import { printable } from '../report/wrap.js';
import { fingerprint, printableText } from './run.js';

/** The construction the report format has always used: one `update` per part, NUL between parts. */
function reference(checkId: string, messageId: string, subjects: Subject[]): string {
  const h = createHash('sha256');
  h.update(checkId);
  h.update('\0');
  h.update(messageId);
  for (const id of subjects.map((s) => `${s.kind}:${s.id}${s.line != null ? `:${s.line}` : ''}`).sort()) {
    h.update('\0');
    h.update(id);
  }
  return `sha256:${h.digest('hex')}`;
}

describe('fingerprint', () => {
  it('keeps its value: a known digest', () => {
    expect(fingerprint('jamf/check-in-overdue', 'overdue', [{ kind: 'mac', id: 'C02X' }])).toBe(
      reference('jamf/check-in-overdue', 'overdue', [{ kind: 'mac', id: 'C02X' }]),
    );
    expect(fingerprint('a', 'b', [])).toBe(`sha256:${createHash('sha256').update('a\0b').digest('hex')}`);
  });

  it('equals the part-by-part digest for random subjects, lines, non-ASCII and lone surrogates', () => {
    let seed = 7;
    const r = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pieces = ['C02X', 'é', '\ud800', '\udc00', '😀', '\0', ':', 'user@contoso.com', '', 'ü', 'Z'];
    const word = () =>
      Array.from({ length: Math.floor(r() * 4) }, () => pieces[Math.floor(r() * pieces.length)]).join('');
    const kinds: SubjectKind[] = ['mac', 'user', 'file', 'tenant'];
    for (let n = 0; n < 2000; n++) {
      const subjects: Subject[] = Array.from({ length: Math.floor(r() * 4) }, () => {
        const s: Subject = { kind: kinds[Math.floor(r() * kinds.length)]!, id: word() };
        if (r() < 0.3) s.line = Math.floor(r() * 100);
        return s;
      });
      const checkId = word();
      const messageId = word();
      expect(fingerprint(checkId, messageId, subjects)).toBe(reference(checkId, messageId, subjects));
    }
  });
});

describe('printableText', () => {
  it('equals printable() for every UTF-16 code unit, alone and inside text', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(printableText(ch)).toBe(printable(ch));
      expect(printableText(`MAC-${ch}-x`)).toBe(printable(`MAC-${ch}-x`));
    }
  });
});
