import type { z } from 'zod';
import * as G from '../api/graph.js';
import * as J from '../api/jamf.js';
import * as R from '../model/records.js';
import type { Envelope } from './files.js';

/** How each large dataset is read: its envelope, the wire schema of a record, and its reduction to the model. */
export interface Kind<S extends z.ZodType = z.ZodType, T = unknown> {
  envelope: Envelope;
  schema: S;
  reduce: (wire: z.output<S>, apiVersion: number) => T;
}

const kind = <S extends z.ZodType, T>(
  envelope: Envelope,
  schema: S,
  reduce: (w: z.output<S>, v: number) => T,
): Kind<S, T> => ({
  envelope,
  schema,
  reduce,
});

/** The datasets that can be large enough to be read in parallel, page by page. */
export const KINDS = {
  managedDevices: kind('graph-collection', G.managedDevice, (w) => R.intuneDevice(w)),
  devices: kind('graph-collection', G.entraDevice, (w) => R.entraDevice(w)),
  users: kind('graph-collection', G.user, (w) => R.user(w)),
  computers: kind('jamf-page', J.computerInventory, (w, v) => R.jamfComputer(w, v)),
} as const;

export type KindName = keyof typeof KINDS;
