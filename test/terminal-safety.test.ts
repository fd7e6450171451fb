import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { buildReport, runChecks } from '../src/engine/run.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderText } from '../src/report/text.js';
import { fleet } from './builders.js';

const HOSTILE = 'LON-1\u001b[2K\u001b[1A\u001b]0;pwned\u0007';

describe('data never drives the terminal', () => {
  const f = fleet('2026-11-29T09:30:00Z')
    .jamf({ general: { name: HOSTILE, lastContactTime: '2026-11-20T00:00:00Z' }, hardware: { serialNumber: 'C1' } })
    .build();
  const result = runChecks(f, CHECKS);
  const report = buildReport(f, result, { kind: 'snapshot', path: null, asOfSource: 'manifest' }, 'en', 0);

  it('escape sequences in a Mac name are neutralised in the text and Markdown reports, with or without colour', () => {
    for (const color of [false, true]) {
      const text = renderText(report, { lang: 'en', checks: CHECKS, color });
      expect(text).toContain('LON-1?[2K?[1A?]0;pwned?');
      // Our own colour codes are the only escapes left.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about escape characters.
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about escape characters.
    expect(renderMarkdown(report, { lang: 'en', checks: CHECKS })).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('the JSON data keeps the name as the API gave it', () => {
    const overdue = report.findings.find((x) => x.checkId === 'jamf/check-in-overdue')!;
    expect(overdue.data.name).toBe(HOSTILE);
    expect(overdue.message).not.toContain('\u001b');
  });
});
