import { SESSION_IDLE_MS } from './accounts/sessions.ts';
import { IDEMPOTENCY_KEEP_MS } from './api-keys/idempotency.ts';
import { RATE_LIMIT_WINDOW_MS } from './api-keys/rate-limit.ts';
import { DAY } from './clock.ts';
import type { CoreDeps } from './deps.ts';
import { revertExpiredGrants } from './organizations/review.ts';

/** Every throttle window is shorter than this, so older attempts no longer count for anything. */
const THROTTLE_KEEP_MS = DAY;
/** Expired links are kept a week, so "this link has expired" can still be told apart from a wrong one in logs. */
const TOKEN_KEEP_MS = 7 * DAY;
/** Only the current one-minute window counts; the previous one is kept for a request that straddles the boundary. */
const RATE_WINDOWS_KEEP_MS = 2 * RATE_LIMIT_WINDOW_MS;

export interface HousekeepingReport {
  grantsReverted: number;
  sessionsDeleted: number;
  tokensDeleted: number;
  throttleEventsDeleted: number;
  idempotencyKeysDeleted: number;
  rateLimitWindowsDeleted: number;
}

/** Periodic clean-up; every step is idempotent, so several workers may run it at once. */
export async function runHousekeeping(deps: CoreDeps): Promise<HousekeepingReport> {
  const now = deps.clock.now();
  const s = deps.uow.stores;
  return {
    grantsReverted: await revertExpiredGrants(deps),
    sessionsDeleted: await s.sessions.prune(now, new Date(now.getTime() - SESSION_IDLE_MS)),
    tokensDeleted: await s.accountTokens.prune(new Date(now.getTime() - TOKEN_KEEP_MS)),
    throttleEventsDeleted: await s.throttle.prune(new Date(now.getTime() - THROTTLE_KEEP_MS)),
    idempotencyKeysDeleted: await s.idempotency.prune(
      new Date(now.getTime() - IDEMPOTENCY_KEEP_MS),
    ),
    rateLimitWindowsDeleted: await s.rateLimits.prune(
      new Date(now.getTime() - RATE_WINDOWS_KEEP_MS),
    ),
  };
}
