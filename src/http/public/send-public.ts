import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../../core/errors.ts';
import type { Failure } from '../../core/result.ts';
import { errorBody, httpStatus } from '../errors.ts';

/** Public documents any verifier fetches: readable from any origin, cacheable for `maxAge` seconds. */
export function sendPublicJson(
  reply: FastifyReply,
  contentType: string,
  body: unknown,
  maxAge = 300,
): FastifyReply {
  return publicHeaders(reply, maxAge)
    .type(contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

/** The headers of every public document, a 304 included. */
export function publicHeaders(reply: FastifyReply, maxAge: number): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', `public, max-age=${maxAge}`);
}

/** A failure of a public endpoint: the documented error body, readable from any origin, never cached. */
export function sendPublicError(reply: FastifyReply, failure: Failure<ErrorCode>): FastifyReply {
  return reply
    .code(httpStatus(failure.code))
    .header('access-control-allow-origin', '*')
    .header('cache-control', 'no-store')
    .send(errorBody(failure));
}
