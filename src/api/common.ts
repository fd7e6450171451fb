import { z } from 'zod';

import { ISO_DATE, isIsoDate } from './dates.js';

export { dateField, ISO_DATE, isIsoDate, isoOf, toMillis } from './dates.js';

/** An ISO 8601 date (the pattern) of a day and time that exist (`2026-02-30` and `T99:30` are refused). */
export const isoDate = z
  .string()
  .regex(ISO_DATE, { message: 'an ISO 8601 date' })
  .refine(isIsoDate, { message: 'an ISO 8601 date' })
  .nullable()
  .optional();

/** Jamf ids come as strings or numbers; both are normalised to strings. */
export const jamfId = z.union([z.string(), z.number()]).transform((v) => String(v));

export const optString = z.string().nullable().optional();
export const optBool = z.boolean().nullable().optional();
