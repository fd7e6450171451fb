import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNATURES } from './signatures.js';

const DOC = readFileSync(new URL('../../docs/logs.md', import.meta.url), 'utf8');

describe('docs/logs.md lists every signature with its source', () => {
  for (const s of SIGNATURES) {
    it(s.id, () => {
      expect(s.source.length).toBeGreaterThan(10);
      const row = DOC.split('\n').find((l) => l.startsWith(`| \`${s.id}\` |`));
      expect(row, `no row for ${s.id}`).toBeDefined();
      expect(row).toContain(`\`${s.checkId}\``);
      expect(row).toContain(s.source.replace(/\|/g, '\\|'));
    });
  }
});
