// Field schemas every view model shares: ISO dates, subjects, fractions. A view's JSON is data:
// named fields, ISO dates (UTC), fractions for shares and growths (0.328 = +32.8%), null for
// unknown; units are stated in the schema's descriptions, never in the values.
import { z } from 'zod';

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('ISO date, UTC');

export const isoMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('calendar month, YYYY-MM');

export const subjectId = z
  .string()
  .regex(/^[a-z-]+:.+$/)
  .describe('kind:id, e.g. pypi:vllm');

/** A share between 0 and 1; null when its denominator is zero or unknown. */
export const fraction = z.number().min(0).max(1).nullable().describe('a fraction 0..1; null when unknown');

/** A relative change as a fraction (0.328 = +32.8%); null when it cannot be computed. */
export const growthFraction = z
  .number()
  .nullable()
  .describe('relative change as a fraction (0.328 = +32.8%); null when it cannot be computed');
