import type { FastifyReply, FastifyRequest } from 'fastify';
import { countRequest } from '../../core/api-keys/rate-limit.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { Failure } from '../../core/result.ts';
import type { ErrorCode } from '../../core/errors.ts';

/**
 * Uploads that make Laurel verify a credential (the lookup page's baked image, an import) cost a
 * signature check and perhaps a fetch of another issuer's DID document. They are web forms, so
 * the API's per-address limit does not cover them; they share this one, counted in the database
 * like the API's so every instance sees the same figure.
 */
const VERIFICATION_UPLOADS_PER_MINUTE = 20;

/** Counts this upload; when the address is over the limit, sets Retry-After and says why. */
export async function verificationUploadRefusal(
  deps: CoreDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Failure<ErrorCode> | undefined> {
  const state = await countRequest(
    deps,
    `verification-upload:${request.ip}`,
    VERIFICATION_UPLOADS_PER_MINUTE,
  );
  if (!state.exceeded) return undefined;
  reply.header('retry-after', String(state.retryAfterSeconds));
  return {
    code: 'RATE_LIMITED',
    message: `Too many uploads from your address: ${state.limit} a minute. Try again in ${state.retryAfterSeconds} seconds.`,
  };
}
