import { describe, expect, it } from 'vitest';
import { PLANS, PLAN_IDS, effectivePlan, isPlanId, withinLimit, type PlanId } from './plans.ts';

/** The reference's comparison table (organizations/billing.md), transcribed; null = Unlimited. */
const BILLING: Record<
  PlanId,
  {
    price: number;
    recipients: number;
    templates: number | null;
    owners: number | null;
    apiKeys: number | null;
  }
> = {
  free: { price: 0, recipients: 1000, templates: 100, owners: 1, apiKeys: 0 },
  professional: { price: 49, recipients: 1000, templates: null, owners: 2, apiKeys: 1 },
  enterprise: { price: 150, recipients: 5000, templates: null, owners: null, apiKeys: null },
};

//                        bulk   qr     api    domain analytics branded webhooks
const FEATURES: Record<PlanId, readonly boolean[]> = {
  free: [false, false, false, false, false, false, false],
  professional: [true, true, true, true, true, false, false],
  enterprise: [true, true, true, true, true, true, true],
};

describe('PLANS', () => {
  it.each(PLAN_IDS)('%s matches the billing reference', (id) => {
    const p = PLANS[id];
    expect(p.id).toBe(id);
    expect({
      price: p.monthlyPriceUsd,
      recipients: p.recipientsPerMonth,
      templates: p.badgeTemplates,
      owners: p.owners,
      apiKeys: p.activeApiKeys,
    }).toEqual(BILLING[id]);
    const f = p.features;
    expect([
      f.bulkIssuance,
      f.qrCodes,
      f.api,
      f.domainVerification,
      f.advancedAnalytics,
      f.brandedEmail,
      f.webhooks,
    ]).toEqual(FEATURES[id]);
  });

  it('recognises only the three plan ids', () => {
    expect(PLAN_IDS.every(isPlanId)).toBe(true);
    for (const v of ['FREE', 'pro', '', null, undefined, 1, 'enterprise '])
      expect(isPlanId(v)).toBe(false);
  });
});

describe('effectivePlan', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('is the subscribed plan when nothing expires', () => {
    expect(
      effectivePlan({ plan: 'professional', source: 'STRIPE', grantExpiresAt: null }, now).id,
    ).toBe('professional');
    expect(
      effectivePlan({ plan: 'enterprise', source: 'GRANTED', grantExpiresAt: null }, now).id,
    ).toBe('enterprise');
    expect(effectivePlan({ plan: 'free', source: 'FREE', grantExpiresAt: null }, now).id).toBe(
      'free',
    );
  });

  it('keeps a grant until its last millisecond and is Free from the end instant on', () => {
    const sub = (expires: Date) => ({
      plan: 'enterprise' as const,
      source: 'GRANTED' as const,
      grantExpiresAt: expires,
    });
    expect(effectivePlan(sub(at(1)), now).id).toBe('enterprise');
    expect(effectivePlan(sub(at(0)), now).id).toBe('free');
    expect(effectivePlan(sub(at(-1)), now).id).toBe('free');
    expect(effectivePlan(sub(at(-365 * 86_400_000)), now)).toBe(PLANS.free);
  });

  it('applies the same end date to PARTNER grants', () => {
    expect(
      effectivePlan({ plan: 'professional', source: 'PARTNER', grantExpiresAt: at(0) }, now).id,
    ).toBe('free');
    expect(
      effectivePlan({ plan: 'professional', source: 'PARTNER', grantExpiresAt: at(60_000) }, now)
        .id,
    ).toBe('professional');
  });
});

describe('withinLimit', () => {
  it.each([
    { limit: 1, used: 0, adding: 1, expected: true },
    { limit: 1, used: 1, adding: 1, expected: false },
    { limit: 2, used: 1, adding: 1, expected: true },
    { limit: 2, used: 2, adding: 1, expected: false },
    { limit: 2, used: 0, adding: 2, expected: true },
    { limit: 2, used: 1, adding: 2, expected: false },
    { limit: 0, used: 0, adding: 1, expected: false },
    { limit: 0, used: 0, adding: 0, expected: true },
    { limit: null, used: 1_000_000, adding: 1, expected: true },
  ])(
    'limit $limit, used $used, adding $adding → $expected',
    ({ limit, used, adding, expected }) => {
      expect(withinLimit(limit, used, adding)).toBe(expected);
    },
  );

  it('adds one by default', () => {
    expect(withinLimit(3, 2)).toBe(true);
    expect(withinLimit(3, 3)).toBe(false);
  });

  it('gives the owner caps of the reference: Free 1, Professional 2, Enterprise unlimited', () => {
    const canAddOwner = (plan: PlanId, owners: number) => withinLimit(PLANS[plan].owners, owners);
    expect([canAddOwner('free', 0), canAddOwner('free', 1)]).toEqual([true, false]);
    expect([canAddOwner('professional', 1), canAddOwner('professional', 2)]).toEqual([true, false]);
    expect([canAddOwner('enterprise', 2), canAddOwner('enterprise', 500)]).toEqual([true, true]);
  });
});
