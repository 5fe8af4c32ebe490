import { z } from 'zod';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../core/api-keys/idempotency.ts';
import { MAX_PAGE_SIZE } from '../../core/badges/queries.ts';
import { HTTP_ERROR_CODES } from '../errors.ts';

/**
 * Schemas every v1 endpoint shares. A schema with a `meta({ id })` becomes a named component
 * of the OpenAPI document (`#/components/schemas/<id>`), so give ids only to real contracts.
 */

/** The documented error body (reference: api/overview.md). */
export const ErrorSchema = z
  .object({
    error: z.enum(HTTP_ERROR_CODES).describe('A stable code: what went wrong.'),
    message: z.string().describe('A human-readable explanation.'),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'More about the cause: `reason` names the precise one (e.g. PLAN_REQUIRED); `fields` maps invalid fields to messages.',
      ),
  })
  .meta({
    id: 'Error',
    examples: [
      {
        error: 'VALIDATION_ERROR',
        message: 'The request is invalid: limit: Too big: expected number to be <=100',
        details: { fields: { limit: 'Too big: expected number to be <=100' } },
      },
    ],
  });

const PaginationSchema = z
  .object({
    limit: z.number().int().describe('The page size used.'),
    offset: z.number().int().describe('How many items were skipped.'),
    total: z.number().int().describe('How many items match, over all pages.'),
  })
  .meta({ id: 'Pagination' });

/** `limit` and `offset` of every list (reference: default 50, max 100). */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(50)
    .describe(`Page size (1–${MAX_PAGE_SIZE}).`),
  offset: z.coerce.number().int().min(0).default(0).describe('How many items to skip.'),
};

/** A `true` / `false` query parameter. */
export const booleanQuery = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe(description);

/** A list response: `{ data, pagination }`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), pagination: PaginationSchema });

/**
 * The Idempotency-Key header every POST accepts. The object is loose: other headers stay on
 * the request untouched (Fastify replaces `request.headers` with the validated value).
 */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(MAX_IDEMPOTENCY_KEY_LENGTH)
    .regex(/^[\x21-\x7e]+$/, 'Use printable ASCII characters without spaces.')
    .optional()
    .describe(
      'Makes the POST safe to retry: a retry with the same key and body within 24 hours returns the first response (with `Idempotent-Replayed: true`) instead of running again. A UUID is a good key.',
    ),
});
