import type { ErrorCode } from '../core/errors.ts';
import type { Failure } from '../core/result.ts';

/** The one place error codes become HTTP statuses (reference: api/overview.md). */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_ERROR':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
    case 'EMAIL_NOT_VERIFIED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
  }
}

/** The documented body: `{"error": CODE, "message": …, "details": …}`. */
export function errorBody(f: Failure<ErrorCode>): { error: ErrorCode; message: string; details?: Record<string, unknown> } {
  return f.details ? { error: f.code, message: f.message, details: f.details } : { error: f.code, message: f.message };
}

/** Field messages of a VALIDATION_ERROR or CONFLICT, for re-rendering a form. */
export function fieldMessages(f: Failure<ErrorCode>): Record<string, string> {
  const fields = f.details?.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
}
