import type { FastifyInstance, FastifyReply } from 'fastify';
import { countRequest, type RateLimitState } from '../../core/api-keys/rate-limit.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { sendApiError } from './endpoint.ts';

/**
 * Rate limits as rate-limits.md describes them, counted in the shared RateLimitStore (fixed
 * one-minute windows in the database), so every instance sees the same counts.
 *
 * Why not @fastify/rate-limit: its X-RateLimit-Reset is "seconds from now" where the
 * reference says a Unix timestamp; it applies one limit per route where an API request is
 * subject to two (its address and its key) with only the key's in the headers; and its store
 * interface would only wrap the same one-statement counter. A hook is shorter and exact.
 */

/** X-RateLimit-* on every API-key response; Retry-After when over. */
export function setRateLimitHeaders(reply: FastifyReply, state: RateLimitState): void {
  reply
    .header('x-ratelimit-limit', String(state.limit))
    .header('x-ratelimit-remaining', String(state.remaining))
    .header('x-ratelimit-reset', String(Math.floor(state.resetsAt.getTime() / 1000)));
  if (state.exceeded) reply.header('retry-after', String(state.retryAfterSeconds));
}

export function sendRateLimited(
  reply: FastifyReply,
  state: RateLimitState,
  reason: 'API_KEY_RATE_LIMIT' | 'IP_RATE_LIMIT',
): FastifyReply {
  const who = reason === 'API_KEY_RATE_LIMIT' ? 'this API key' : 'your address';
  return sendApiError(reply, {
    code: 'RATE_LIMITED',
    message: `Too many requests: ${state.limit} per minute for ${who}. Retry in ${state.retryAfterSeconds} seconds.`,
    details: {
      reason,
      limit: state.limit,
      retryAfterSeconds: state.retryAfterSeconds,
      resetsAt: state.resetsAt.toISOString(),
    },
  });
}

/**
 * The global per-address limit on everything under /api/, the public verification endpoints
 * included (the reference's limit is per source IP across all routes; the web pages and their
 * assets are left to their own throttles, so a page with its stylesheet and icons is not
 * several requests against it). 0 means no limit. Only a refused request carries the headers, so they never
 * clash with the API key's on an authenticated response.
 */
export function registerIpRateLimit(app: FastifyInstance, deps: CoreDeps, perMinute: number): void {
  // The operator switched it off (LAUREL_IP_RATE_LIMIT_PER_MINUTE=0): nothing is counted at all.
  if (perMinute === 0) return;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const state = await countRequest(deps, `ip:${request.ip}`, perMinute);
    if (!state.exceeded) return;
    setRateLimitHeaders(reply, state);
    await sendRateLimited(reply, state, 'IP_RATE_LIMIT');
  });
}
