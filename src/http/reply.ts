import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../core/errors.ts';
import type { Failure } from '../core/result.ts';
import { errorBody, httpStatus } from './errors.ts';

/*
 * How Laurel answers over HTTP, whoever renders the body: http's public documents and the
 * web's pages share these headers, so a cache or CORS rule is written once.
 */

/** An HTML document or fragment made for this request (it may show who is signed in): never cached. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

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

/**
 * A stored picture anyone may embed (badge images, imported credentials' images): readable
 * from any origin, and sandboxed so that it never runs as a page. 404 when there is none.
 */
export function sendPublicImage(
  reply: FastifyReply,
  file: { bytes: Buffer; contentType: string } | undefined,
): FastifyReply {
  if (!file) return reply.code(404).type('text/plain').send('Not found');
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', 'public, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .type(file.contentType)
    .send(file.bytes);
}
