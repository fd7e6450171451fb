/**
 * Fault injection as data: per route, fail chosen calls or a seeded rate of them. A decision depends only on the
 * seed, the request (method, path and query) and how many times that same request was made before, so a run is
 * reproducible whatever order concurrent requests arrive in.
 */
import { hash32 } from './rng.js';

export type FaultKind = '429' | '503' | 'reset' | 'truncate';

export interface FaultRule {
  /** Regular expression matched against `METHOD /path?query` (the path as the server sees it). */
  route: string;
  /** Fail these call numbers (1-based, counted per rule) with `nthKind` (default 503). */
  nth?: number[];
  nthKind?: FaultKind;
  /** Rates (0..1) of each fault on every matching request. */
  rate429?: number;
  rate503?: number;
  rateReset?: number;
  rateTruncate?: number;
  /** Seconds sent in Retry-After with a 429 (default 1); `date` sends an HTTP-date instead. */
  retryAfter?: number | 'date' | 'none';
  /** Latency added before answering (ms). */
  latencyMs?: number;
  /** A fixed status for every matching request (e.g. 403 or 401), with the service's own error body. */
  status?: number;
  /**
   * Delay (ms) between handling a matching request and sending its response: the change is applied, its answer is
   * slow (a client killed meanwhile never learns the outcome).
   */
  holdMs?: number;
}

export interface FaultPlan {
  seed: number;
  rules: FaultRule[];
  /** Latency added to every request (ms). */
  latencyMs?: number;
}

export interface FaultDecision {
  kind: FaultKind | 'status' | null;
  status?: number;
  retryAfter?: string | null;
  latencyMs: number;
  /** Delay between handling the request and answering it (ms). */
  holdMs?: number;
}

export class FaultInjector {
  private readonly counts = new Map<string, number>();
  private readonly ruleCounts = new Map<number, number>();
  private readonly compiled: Array<{ re: RegExp; rule: FaultRule }>;
  /** Injected faults, by kind. */
  readonly injected: Record<string, number> = {};

  constructor(private readonly plan: FaultPlan = { seed: 0, rules: [] }) {
    this.compiled = plan.rules.map((rule) => ({ re: new RegExp(rule.route), rule }));
  }

  decide(method: string, pathAndQuery: string): FaultDecision {
    const key = `${method} ${pathAndQuery}`;
    const attempt = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, attempt);
    let latency = this.plan.latencyMs ?? 0;
    let hold = 0;
    for (let i = 0; i < this.compiled.length; i++) {
      const { re, rule } = this.compiled[i]!;
      if (!re.test(key)) continue;
      latency += rule.latencyMs ?? 0;
      hold += rule.holdMs ?? 0;
      const nth = (this.ruleCounts.get(i) ?? 0) + 1;
      this.ruleCounts.set(i, nth);
      if (rule.status) return this.count({ kind: 'status', status: rule.status, latencyMs: latency });
      if (rule.nth?.includes(nth)) {
        const kind = rule.nthKind ?? '503';
        return this.count({ kind, retryAfter: retryAfterOf(rule), latencyMs: latency });
      }
      const r = hash32(this.plan.seed, i, key, attempt) / 4294967296;
      let acc = 0;
      for (const [kind, rate] of [
        ['429', rule.rate429],
        ['503', rule.rate503],
        ['reset', rule.rateReset],
        ['truncate', rule.rateTruncate],
      ] as const) {
        acc += rate ?? 0;
        if (rate && r < acc) {
          return this.count({
            kind,
            retryAfter: kind === '429' || kind === '503' ? retryAfterOf(rule) : null,
            latencyMs: latency,
          });
        }
      }
    }
    return hold > 0 ? { kind: null, latencyMs: latency, holdMs: hold } : { kind: null, latencyMs: latency };
  }

  private count(d: FaultDecision): FaultDecision {
    const k = d.kind === 'status' ? String(d.status) : String(d.kind);
    this.injected[k] = (this.injected[k] ?? 0) + 1;
    return d;
  }
}

function retryAfterOf(rule: FaultRule): string | null {
  const ra = rule.retryAfter ?? 1;
  if (ra === 'none') return null;
  if (ra === 'date') return new Date(Date.now() + 1000).toUTCString();
  return String(ra);
}
