import type { ErrorCode } from '../core/errors.ts';
import type { Failure } from '../core/result.ts';

/**
 * The codes an HTTP response can carry: the use cases' codes, plus INTERNAL_ERROR, which only
 * the HTTP layer sends (a bug or an outage, never an expected outcome of a use case).
 */
export type HttpErrorCode = ErrorCode | 'INTERNAL_ERROR';

/** Every code the documented error body can carry, for schemas that list them. */
export const HTTP_ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'EMAIL_NOT_VERIFIED',
  'EMAIL_MISMATCH',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_CLAIMED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const satisfies readonly HttpErrorCode[];

/** The one place error codes become HTTP statuses (reference: api/overview.md). */
export function httpStatus(code: HttpErrorCode): number {
  switch (code) {
    case 'VALIDATION_ERROR':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
    case 'EMAIL_NOT_VERIFIED':
    case 'EMAIL_MISMATCH':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'ALREADY_CLAIMED':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
  }
}

/** The documented body: `{"error": CODE, "message": …, "details": …}`. */
export function errorBody<C extends HttpErrorCode>(
  f: Failure<C>,
): { error: C; message: string; details?: Record<string, unknown> } {
  return f.details
    ? { error: f.code, message: f.message, details: f.details }
    : { error: f.code, message: f.message };
}

/** Field messages of a VALIDATION_ERROR or CONFLICT, for re-rendering a form. */
export function fieldMessages(f: Failure<ErrorCode>): Record<string, string> {
  const fields = f.details?.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}
