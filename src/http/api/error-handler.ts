import {
  hasZodFastifySchemaValidationErrors,
  ResponseSerializationError,
} from 'fastify-type-provider-zod';
import type { FastifyError } from 'fastify';
import { sendApiError, type ApiInstance } from './endpoint.ts';
import { validationFailure } from './request-terms.ts';

/** `/recipient/email` in the body → `recipient.email`; an empty path names the part itself. */
function fieldName(instancePath: string, part: string | undefined): string {
  const path = instancePath.split('/').filter(Boolean).join('.');
  return path || part || 'request';
}

/**
 * Every failure of a v1 request in the documented shape. Schema failures are
 * 400 VALIDATION_ERROR with `details.fields`; other client errors Fastify raises (malformed
 * JSON, an unsupported content type, a body too large) are 400 VALIDATION_ERROR too; anything
 * else is a bug or an outage: logged, and answered 500 INTERNAL_ERROR without its details.
 */
export function registerApiErrorHandler(api: ApiInstance): void {
  api.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as { validationContext?: string }).validationContext;
      const fields: Record<string, string> = {};
      for (const issue of error.validation)
        fields[fieldName(issue.instancePath, part)] ??= issue.message ?? 'Invalid value.';
      return sendApiError(reply, validationFailure(fields));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && !(error instanceof ResponseSerializationError)) {
      return sendApiError(reply, {
        code: 'VALIDATION_ERROR',
        message: error.message,
        details: { reason: error.code ?? 'BAD_REQUEST' },
      });
    }
    // A response that does not match its schema is our bug: never send what it held.
    request.log.error({ err: error }, 'API request failed');
    return sendApiError(reply, {
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. Retry with backoff.',
    });
  });
}
