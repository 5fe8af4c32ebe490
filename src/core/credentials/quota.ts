// The monthly quota of billing.md: each recipient email counts once per organization per
// calendar month (UTC), the first time anything is issued to it that month.
import type { CoreDeps } from '../deps.ts';
import type { Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { effectivePlan, withinLimit } from '../plans/plans.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';

export function quotaMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The first instant of the next calendar month in UTC, when the count starts again. */
export function quotaResetsAt(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export interface QuotaUsage {
  limit: number;
  used: number;
  resetsAt: Date;
}

async function quotaUsage(s: Stores, org: Organization, now: Date): Promise<QuotaUsage> {
  const limit = effectivePlan(org.subscription, now).recipientsPerMonth;
  return {
    limit,
    used: await s.quota.countForMonth(org.id, quotaMonth(now)),
    resetsAt: quotaResetsAt(now),
  };
}

/** Whether issuing to `email` now would fit the quota, without counting it. */
export async function checkQuota(
  s: Stores,
  org: Organization,
  email: string,
  now: Date,
): Promise<Result<{ counted: boolean }, ErrorCode>> {
  if (await s.quota.hasRecipient(org.id, quotaMonth(now), email)) return ok({ counted: true });
  const usage = await quotaUsage(s, org, now);
  if (!withinLimit(usage.limit, usage.used)) {
    return err(
      'FORBIDDEN',
      `Monthly quota reached: your plan allows ${usage.limit.toLocaleString('en-US')} unique recipients per month.`,
      {
        reason: 'QUOTA_EXCEEDED',
        limit: usage.limit,
        used: usage.used,
        resetsAt: usage.resetsAt.toISOString(),
      },
    );
  }
  return ok({ counted: false });
}

/**
 * Counts the recipient for this month unless already counted. Call inside the issuing
 * transaction while holding the organization's quota lock, so concurrent issues to new
 * recipients cannot overshoot the limit. Quota is never given back (revocation keeps it).
 */
export async function takeQuota(
  s: Stores,
  org: Organization,
  email: string,
  now: Date,
): Promise<Result<void, ErrorCode>> {
  const checked = await checkQuota(s, org, email, now);
  if (!checked.ok) return checked;
  if (!checked.value.counted) await s.quota.addRecipient(org.id, quotaMonth(now), email, now);
  return ok(undefined);
}

/** This month's usage of an organization the caller already reached through a use case. */
export function currentQuotaUsage(deps: CoreDeps, org: Organization): Promise<QuotaUsage> {
  return quotaUsage(deps.uow.stores, org, deps.clock.now());
}
