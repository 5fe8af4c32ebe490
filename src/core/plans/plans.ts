/**
 * Every plan's limits and features (reference: organizations/billing.md). Every check that
 * depends on the plan reads this table; `null` means unlimited.
 */
export const PLAN_IDS = ['free', 'professional', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface Plan {
  id: PlanId;
  name: string;
  monthlyPriceUsd: number;
  recipientsPerMonth: number;
  badgeTemplates: number | null;
  owners: number | null;
  activeApiKeys: number | null;
  features: {
    bulkIssuance: boolean;
    qrCodes: boolean;
    api: boolean;
    domainVerification: boolean;
    advancedAnalytics: boolean;
    brandedEmail: boolean;
    webhooks: boolean;
  };
}

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    monthlyPriceUsd: 0,
    recipientsPerMonth: 1000,
    badgeTemplates: 100,
    owners: 1,
    activeApiKeys: 0,
    features: {
      bulkIssuance: false,
      qrCodes: false,
      api: false,
      domainVerification: false,
      advancedAnalytics: false,
      brandedEmail: false,
      webhooks: false,
    },
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    monthlyPriceUsd: 49,
    recipientsPerMonth: 1000,
    badgeTemplates: null,
    owners: 2,
    activeApiKeys: 1,
    features: {
      bulkIssuance: true,
      qrCodes: true,
      api: true,
      domainVerification: true,
      advancedAnalytics: true,
      brandedEmail: false,
      webhooks: false,
    },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    monthlyPriceUsd: 150,
    recipientsPerMonth: 5000,
    badgeTemplates: null,
    owners: null,
    activeApiKeys: null,
    features: {
      bulkIssuance: true,
      qrCodes: true,
      api: true,
      domainVerification: true,
      advancedAnalytics: true,
      brandedEmail: true,
      webhooks: true,
    },
  },
};

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}

/** Where an organization's plan came from; payments (STRIPE) arrive through a later port. */
export type SubscriptionSource = 'FREE' | 'GRANTED' | 'PARTNER' | 'STRIPE';

export interface Subscription {
  plan: PlanId;
  source: SubscriptionSource;
  grantExpiresAt: Date | null;
}

/** A granted plan past its end date is Free again, whether or not the sweep has written it yet. */
export function effectivePlan(sub: Subscription, now: Date): Plan {
  if (sub.grantExpiresAt && sub.grantExpiresAt.getTime() <= now.getTime()) return PLANS.free;
  return PLANS[sub.plan];
}

/** True while `count` more of something stays within `limit` (null = unlimited). */
export function withinLimit(limit: number | null, used: number, adding = 1): boolean {
  return limit === null || used + adding <= limit;
}

/** The limit when adding would pass it (the figure a refusal shows); undefined while there is room. */
export function reachedLimit(limit: number | null, used: number, adding = 1): number | undefined {
  return limit !== null && !withinLimit(limit, used, adding) ? limit : undefined;
}
