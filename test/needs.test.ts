import { describe, expect, it } from 'vitest';
import { canRun, type Need } from './needs.js';

const need = (present: boolean): Need => ({
  what: `tool-${Math.random()}`,
  requireEnv: 'JIDOCTOR_REQUIRE_TOOL',
  install: 'apt-get install -y tool',
  present: () => present,
});

describe('tests that need a tool', () => {
  it('run where the tool is, and print nothing', () => {
    const lines: string[] = [];
    expect(canRun(need(true), {}, (l) => lines.push(l))).toBe(true);
    expect(lines).toEqual([]);
  });

  it('are skipped with one line naming the tool and how to install it', () => {
    const lines: string[] = [];
    const n = need(false);
    expect(canRun(n, {}, (l) => lines.push(l))).toBe(false);
    expect(canRun(n, {}, (l) => lines.push(l))).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(n.what);
    expect(lines[0]).toContain('apt-get install -y tool');
    expect(lines[0]).toContain('JIDOCTOR_REQUIRE_TOOL=1');
  });

  it('run (and so fail) when the switch requires the tool, as in CI', () => {
    const lines: string[] = [];
    expect(canRun(need(false), { JIDOCTOR_REQUIRE_TOOL: '1' }, (l) => lines.push(l))).toBe(true);
    expect(canRun(need(false), { JIDOCTOR_REQUIRE_TOOL: '0' }, (l) => lines.push(l))).toBe(false);
  });
});
