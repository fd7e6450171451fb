import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Subject, SubjectKind } from '../checks/define.js';
import { printable } from '../report/wrap.js';
import { fingerprint, fingerprintV1, printableText } from './run.js';

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

describe('fingerprint scheme 2: the evidence records count', () => {
  const src = 'graph/v1.0/deviceManagement/managedDevices';
  const subjects: Subject[] = [{ kind: 'mac', id: 'C02X' }];
  it('two findings of one check on one Mac that name different records differ', () => {
    const a = fingerprint('compliance/intune-entra-mismatch', 'mismatch', subjects, [{ source: src, record: 'r1' }]);
    const b = fingerprint('compliance/intune-entra-mismatch', 'mismatch', subjects, [{ source: src, record: 'r2' }]);
    expect(a).not.toBe(b);
  });

  it('does not depend on the order of the evidence, repeats, or evidence that names no record', () => {
    const one = fingerprint('c', 'm', subjects, [
      { source: src, record: 'r1' },
      { source: 'devices', record: 'e1' },
    ]);
    expect(
      fingerprint('c', 'm', subjects, [
        { source: 'devices', record: 'e1' },
        { source: 'x.log', line: 3, text: 'line' },
        { source: src, record: 'r1' },
        { source: src, record: 'r1' },
      ]),
    ).toBe(one);
  });

  it('the same record id in another source is another record', () => {
    expect(fingerprint('c', 'm', subjects, [{ source: 'a', record: 'r' }])).not.toBe(
      fingerprint('c', 'm', subjects, [{ source: 'b', record: 'r' }]),
    );
  });

  it('without records it is the scheme-1 digest (histories keep those findings as they are)', () => {
    expect(fingerprint('c', 'm', subjects, [{ source: 'x.log', line: 3 }])).toBe(reference('c', 'm', subjects));
    expect(fingerprintV1('c', 'm', subjects)).toBe(reference('c', 'm', subjects));
  });

  it('equals the part-by-part digest with the records after a marker no subject can be', () => {
    const h = createHash('sha256');
    h.update('c\0m\0mac:C02X\0@records');
    for (const [s, r] of [
      ['a', 'r1'],
      ['a', 'r2'],
    ])
      h.update(`\0${s}\0${r}`);
    expect(
      fingerprint('c', 'm', subjects, [
        { source: 'a', record: 'r2' },
        { source: 'a', record: 'r1' },
      ]),
    ).toBe(`sha256:${h.digest('hex')}`);
    // A subject named like the marker is still a subject: it has a kind and a colon.
    expect(fingerprint('c', 'm', [{ kind: 'mac', id: '@records' }])).not.toBe(
      fingerprint('c', 'm', [], [{ source: '', record: '' }]),
    );
  });
});
