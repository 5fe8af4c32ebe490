export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** 30 s, 1 min, 2 min … capped at 1 h: eight attempts span about an hour of outage. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** The wait after failed attempt number `attempt` (1-based): exponential, capped. */
export function backoffMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}
