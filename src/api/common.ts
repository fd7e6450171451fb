import { z } from 'zod';

import { ISO_DATE } from './dates.js';

export { dateField, ISO_DATE, isoOf, toMillis } from './dates.js';

export const isoDate = z.string().regex(ISO_DATE, { message: 'an ISO 8601 date' }).nullable().optional();

/** Jamf ids come as strings or numbers; both are normalised to strings. */
export const jamfId = z.union([z.string(), z.number()]).transform((v) => String(v));

export const optString = z.string().nullable().optional();
export const optBool = z.boolean().nullable().optional();
