import { MINUTE } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';

/** The reference's limits (api/rate-limits.md), per one-minute window. */
export interface RateLimits {
  /** Requests per minute for one API key. */
  perApiKey: number;
  /** Requests per minute from one client address to /api/*, signed in or not; 0 for no limit. */
  perIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perApiKey: 60, perIp: 100 };

export const RATE_LIMIT_WINDOW_MS = MINUTE;

export interface RateLimitState {
  limit: number;
  /** Requests left in this window after this one (never negative). */
  remaining: number;
  /** When the window ends and the count starts again. */
  resetsAt: Date;
  /** Whether this request is over the limit. */
  exceeded: boolean;
  /** Whole seconds until the window ends, at least 1: what Retry-After says. */
  retryAfterSeconds: number;
}

/**
 * Counts one request in a fixed one-minute window shared by every instance (the counter is a
 * row in the database, incremented and read in one statement), and says where it stands.
 * Fixed windows can let up to twice the limit through across a window boundary; that is the
 * accepted price of one cheap statement per request.
 */
export async function countRequest(
  deps: CoreDeps,
  bucket: string,
  limit: number,
): Promise<RateLimitState> {
  const now = deps.clock.now().getTime();
  const windowStart = Math.floor(now / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS;
  const hits = await deps.uow.stores.rateLimits.hit(bucket, new Date(windowStart));
  const resetsAt = windowStart + RATE_LIMIT_WINDOW_MS;
  return {
    limit,
    remaining: Math.max(0, limit - hits),
    resetsAt: new Date(resetsAt),
    exceeded: hits > limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now) / 1000)),
  };
}
