import { z } from 'zod';
import { isoDate } from '../api/common.js';
import { payloadErrorOf } from './validate.js';

/** Why every dataset of a collection in progress (manifest state `collecting`) is partial. */
export const COLLECTING_REASON = 'the collection did not finish: it was interrupted or is still running';

/**
 * What a collection kept for the next delta re-collection of one dataset (docs/snapshot-format.md "delta"): the
 * Graph delta link taken before the dataset was read (`null` when none could be taken, with the reason), when it was
 * taken, and how this run read the dataset. The link holds a state token, never an access token.
 */
export const deltaState = z
  .object({
    link: z.string().nullable(),
    at: isoDate.unwrap().unwrap(),
    mode: z.enum(['full', 'delta']),
    /** The delta query the link was taken with (`$select=…`), and the rule the records were kept by (null: all). */
    query: z.string().nullable().optional(),
    filter: z.string().nullable().optional(),
    since: z.string().nullable().optional(),
    changes: z.number().int().nonnegative().nullable().optional(),
    removed: z.number().int().nonnegative().nullable().optional(),
    fellBack: z.string().nullable().optional(),
    error: z.string().nullable().optional(),
  })
  .passthrough();
export type DeltaState = z.infer<typeof deltaState>;

export const datasetStatus = z.enum(['complete', 'partial', 'forbidden', 'failed', 'skipped']);

export const manifestSchema = z.object({
  format: z.literal('jidoctor-snapshot'),
  version: z.literal(1),
  /** `collecting` while a collection runs (or after one was interrupted); absent in older and hand-made ones. */
  state: z.enum(['collecting', 'complete']).optional(),
  collectedAt: isoDate.unwrap().unwrap(),
  collector: z.string().nullable().optional(),
  tenant: z
    .object({ id: z.string().nullable().optional(), name: z.string().nullable().optional() })
    .nullable()
    .optional(),
  jamf: z
    .object({ url: z.string().nullable().optional(), version: z.string().nullable().optional() })
    .nullable()
    .optional(),
  /**
   * Delta links for the next `collect --since` (snapshot path -> deltaState); absent in older and hand-made ones.
   * Not validated here: a reader ignores it, and `collect --since` checks each entry it uses (a malformed one costs
   * a full read of that dataset, never the snapshot).
   */
  delta: z.record(z.string(), z.unknown()).nullable().optional(),
  datasets: z
    .record(
      z.string(),
      z.object({
        status: datasetStatus,
        records: z.number().int().nonnegative().nullable().optional(),
        pages: z.number().int().nonnegative().nullable().optional(),
        query: z.string().nullable().optional(),
        httpStatus: z.number().int().nullable().optional(),
        code: z.string().nullable().optional(),
        needs: z.array(z.string()).nullable().optional(),
        error: z.string().nullable().optional(),
        expected: z.number().int().nonnegative().nullable().optional(),
      }),
    )
    .default({}),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function parseManifest(file: string, body: unknown): Manifest {
  const r = manifestSchema.safeParse(body);
  if (!r.success) throw payloadErrorOf(file, '', body, r.error);
  return r.data;
}
