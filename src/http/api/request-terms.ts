import type { Failure } from '../../core/result.ts';
import type { HttpErrorCode } from '../errors.ts';

/**
 * A VALIDATION_ERROR naming its fields as a schema failure does: "The request is invalid:
 * field: message; …", with `details.fields` mapping each field to its message.
 */
export function validationFailure(fields: Record<string, string>): Failure<'VALIDATION_ERROR'> {
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  return {
    code: 'VALIDATION_ERROR',
    message: `The request is invalid: ${summary}`,
    details: { fields },
  };
}

/**
 * A use case's failure in the request's own terms: `details.fields` renamed to the fields the
 * client sent (the issue form's `recipientEmail` is the API's `recipient.email`), and a
 * VALIDATION_ERROR's message naming them as a schema failure's does, rather than the web
 * form's "Check the highlighted fields.". Other failures pass through unchanged.
 */
export function inRequestTerms<C extends HttpErrorCode>(
  failure: Failure<C>,
  names: Readonly<Record<string, string>> = {},
): Failure<C> {
  const fields = failure.details?.fields;
  if (!fields || typeof fields !== 'object') return failure;
  const renamed: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields as Record<string, string>))
    renamed[names[field] ?? field] = message;
  const message =
    failure.code === 'VALIDATION_ERROR' ? validationFailure(renamed).message : failure.message;
  return { ...failure, message, details: { ...failure.details, fields: renamed } };
}
