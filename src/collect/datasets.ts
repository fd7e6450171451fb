/**
 * What collectors share: turning a failed request into a manifest entry (partial / failed / forbidden with the
 * permission named from the 403 body, Intune's JSON-in-a-string form included), and a paged fetch that writes
 * each page to the snapshot as it arrives.
 */
import { DATASET_BY_ID } from '../model/datasets.js';
import type { ManifestEntry } from '../snapshot/writer.js';
import { HttpStatusError, RetryBudget, TransportError } from './http.js';

/** Retries one dataset may spend before it is recorded as partial or failed. */
export const DATASET_RETRY_BUDGET = 40;

/** A dataset's retry budget: 40, or one retry per ten requests for a dataset of many requests. */
export function newBudget(requests = 0): RetryBudget {
  return new RetryBudget(Math.max(DATASET_RETRY_BUDGET, Math.ceil(requests / 10)));
}

/**
 * The permissions a Graph 403 names. Intune puts a JSON document in `error.message` (sometimes nested twice) whose
 * `Message` says "Application must have one of the following scopes: A, B - Operation ID …"; directory 403s
 * (`Authorization_RequestDenied`) name none. The least privileged (a `.Read.` scope) comes first.
 */
export function permissionsFromGraph403(body: unknown): string[] {
  let text = '';
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v == null || seen.has(v)) return;
    if (typeof v === 'string') {
      text += `\n${v}`;
      const t = v.trim();
      if (t.startsWith('{')) {
        try {
          visit(JSON.parse(t), depth + 1);
        } catch {
          // not JSON: kept as text
        }
      }
      return;
    }
    if (typeof v === 'object') {
      seen.add(v);
      for (const x of Object.values(v as Record<string, unknown>)) visit(x, depth + 1);
    }
  };
  visit(body, 0);
  const m = /must have one of the following scopes:\s*(.*?)(?:\s+-\s|\r|\n|"|$)/i.exec(text);
  if (!m) return [];
  const scopes = m[1]!
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z]+(\.[A-Za-z]+)+$/.test(s));
  return [...scopes.filter((s) => /\.Read\./.test(s)), ...scopes.filter((s) => !/\.Read\./.test(s))].slice(0, 1);
}

export function graphErrorCode(body: unknown): string | undefined {
  const e = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** Every Jamf Pro privilege the collector reads with (the datasets' own), sorted. */
const JAMF_READ_PRIVILEGES = [
  ...new Set([...DATASET_BY_ID.values()].filter((d) => d.service === 'jamf').flatMap((d) => d.permissions)),
].sort();

/** A manifest entry for a dataset whose collection stopped on `err`, with what was collected before. */
export function entryOfError(
  err: unknown,
  datasetId: string,
  service: 'graph' | 'jamf',
  collected: { records: number; pages: number; query?: string; expected?: number },
): ManifestEntry {
  const base: Partial<ManifestEntry> = {};
  if (collected.query) base.query = collected.query;
  if (err instanceof HttpStatusError && (err.status === 403 || err.status === 401) && collected.pages === 0) {
    const named = service === 'graph' ? permissionsFromGraph403(err.json) : [];
    let needs = named.length ? named : [...(DATASET_BY_ID.get(datasetId)?.permissions ?? [])];
    const code = service === 'graph' ? graphErrorCode(err.json) : jamfErrorCode(err.json);
    if (err.status === 403) {
      // A Jamf Pro endpoint that needs no particular privilege (the version probe) refused: the API client's role
      // lacks what jidoctor reads with (or the client has no role); never an empty list to grant.
      let why: string | undefined;
      if (needs.length === 0 && service === 'jamf') {
        needs = JAMF_READ_PRIVILEGES;
        why =
          'Jamf Pro refused a request that needs no particular privilege: give the API client (or account) an API role with these privileges';
      }
      return {
        ...base,
        status: 'forbidden',
        httpStatus: 403,
        ...(code ? { code } : {}),
        needs,
        ...(why ? { error: why } : {}),
      };
    }
    return {
      ...base,
      status: 'failed',
      httpStatus: 401,
      ...(code ? { code } : {}),
      error: 'the access token was refused (401)',
    };
  }
  const what =
    err instanceof HttpStatusError
      ? `HTTP ${err.status}${graphErrorCode(err.json) ? ` ${graphErrorCode(err.json)}` : ''}`
      : err instanceof TransportError
        ? err.message
        : ((err as Error)?.message ?? String(err));
  const where = collected.pages > 0 ? `page ${collected.pages + 1}: ` : '';
  const entry: ManifestEntry = {
    ...base,
    status: collected.pages > 0 ? 'partial' : 'failed',
    error: `${where}${what}`,
  };
  if (collected.pages > 0) {
    entry.records = collected.records;
    entry.pages = collected.pages;
  }
  if (collected.expected != null) entry.expected = collected.expected;
  if (err instanceof HttpStatusError) entry.httpStatus = err.status;
  return entry;
}

function jamfErrorCode(body: unknown): string | undefined {
  const errors = (body as { errors?: Array<{ code?: unknown }> } | null)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
