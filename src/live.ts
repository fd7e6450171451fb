import { type CollectOptions, type CollectResult, collectToSnapshot } from './collect/collect.js';
import type { Collected } from './model/types.js';
import { readSnapshot } from './snapshot/reader.js';

/**
 * A live diagnosis's input: collects into a snapshot folder (collect → snapshot writer), then reads it back
 * (snapshot reader → model), so the diagnosis sees exactly what the snapshot holds. This is the one place where the
 * two directions meet; collect/ itself never reads a snapshot.
 */
export async function collectLive(opts: CollectOptions): Promise<{ collected: Collected; result: CollectResult }> {
  const result = await collectToSnapshot(opts);
  const collected = await readSnapshot(result.dir);
  return { collected, result };
}
