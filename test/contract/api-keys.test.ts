import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAccess,
  authenticateApiKey,
  createApiKey,
  generateApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../src/core/api-keys/api-keys.ts';
import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  idempotencyRequestHash,
} from '../../src/core/api-keys/idempotency.ts';
import { countRequest } from '../../src/core/api-keys/rate-limit.ts';
import { DAY, MINUTE } from '../../src/core/clock.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { runHousekeeping } from '../../src/core/housekeeping.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import type { Result } from '../../src/core/result.ts';
import { addMember, seedOrg, seedUser } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

/** How each of a batch of concurrent calls ended: 'ok', or CODE/reason. */
async function race<T>(calls: (() => Promise<Result<T, ErrorCode>>)[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  return settled.map((s) => {
    if (s.status === 'rejected')
      return `threw: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`;
    if (s.value.ok) return 'ok';
    const reason = s.value.error.details?.reason;
    return typeof reason === 'string' ? `${s.value.error.code}/${reason}` : s.value.error.code;
  });
}

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

const failure = <T>(r: Result<T, ErrorCode>) =>
  r.ok
    ? 'ok'
    : `${r.error.code}${typeof r.error.details?.reason === 'string' ? `/${r.error.details.reason}` : ''}`;

describe('API key format', () => {
  it('is crd_live_ and 43 base62 characters (256 random bits), with a display prefix and last four', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const g = generateApiKey();
      expect(g.key).toMatch(/^crd_live_[0-9A-Za-z]{43}$/);
      expect(g.prefix).toBe(g.key.slice(0, 13));
      expect(g.last4).toBe(g.key.slice(-4));
      expect(g.keyHash).toBe(hashApiKey(g.key));
      expect(g.keyHash).toMatch(/^[0-9a-f]{64}$/);
      seen.add(g.key);
    }
    expect(seen.size).toBe(500);
  });
});

describe.each(testDialects())('API keys on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  it('an Owner creates a key on Professional: the full key once, only its digest stored, listed by prefix and last four', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const created = await createApiKey(core.deps, userActor(owner.id), org.id, '  production  ');
    if (!created.ok) throw new Error(created.error.message);
    const { apiKey, key } = created.value;
    expect(key).toMatch(/^crd_live_[0-9A-Za-z]{43}$/);
    expect(apiKey).toMatchObject({
      organizationId: org.id,
      name: 'production',
      prefix: key.slice(0, 13),
      last4: key.slice(-4),
      createdBy: owner.id,
      revokedAt: null,
      lastUsedAt: null,
    });
    const rows = await core.db
      .selectFrom('api_keys')
      .selectAll()
      .where('organization_id', '=', org.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(hashApiKey(key));
    expect(JSON.stringify(rows)).not.toContain(key.slice(13));
    const listed = await listApiKeys(core.deps, userActor(owner.id), org.id);
    expect(listed.ok && listed.value).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('only Owners manage keys; non-members see nothing; names are required and bounded', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'enterprise' });
    const admin = await addMember(core.deps, org.id, 'admin');
    const stranger = await seedUser(core.deps);
    expect(failure(await createApiKey(core.deps, userActor(admin.id), org.id, 'k'))).toBe(
      'FORBIDDEN/ROLE',
    );
    expect(failure(await listApiKeys(core.deps, userActor(admin.id), org.id))).toBe(
      'FORBIDDEN/ROLE',
    );
    expect(failure(await createApiKey(core.deps, userActor(stranger.id), org.id, 'k'))).toBe(
      'NOT_FOUND',
    );
    expect(failure(await createApiKey(core.deps, userActor(owner.id), org.id, '   '))).toBe(
      'VALIDATION_ERROR',
    );
    expect(
      failure(await createApiKey(core.deps, userActor(owner.id), org.id, 'x'.repeat(101))),
    ).toBe('VALIDATION_ERROR');
    expect(await core.deps.uow.stores.apiKeys.countActive(org.id)).toBe(0);
  });

  it('Free has no API: 403 PLAN_REQUIRED for the owner and the operator alike', async () => {
    const { org, owner } = await seedOrg(core.deps);
    expect(failure(await createApiKey(core.deps, userActor(owner.id), org.id, 'k'))).toBe(
      'FORBIDDEN/PLAN_REQUIRED',
    );
    expect(failure(await createApiKey(core.deps, OPERATOR, org.id, 'k'))).toBe(
      'FORBIDDEN/PLAN_REQUIRED',
    );
    expect(apiAccess(org, core.deps.clock.now())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'PLAN_REQUIRED' } },
    });
  });

  it('Professional holds one active key: a second is API_KEY_LIMIT until the first is revoked; Enterprise is unlimited', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const first = await createApiKey(core.deps, userActor(owner.id), org.id, 'one');
    if (!first.ok) throw new Error(first.error.message);
    expect(failure(await createApiKey(core.deps, userActor(owner.id), org.id, 'two'))).toBe(
      'FORBIDDEN/API_KEY_LIMIT',
    );
    expect(failure(await createApiKey(core.deps, OPERATOR, org.id, 'two'))).toBe(
      'FORBIDDEN/API_KEY_LIMIT',
    );
    expect(
      (await revokeApiKey(core.deps, userActor(owner.id), org.id, first.value.apiKey.id)).ok,
    ).toBe(true);
    expect(failure(await createApiKey(core.deps, userActor(owner.id), org.id, 'two'))).toBe('ok');

    const { org: big, owner: bigOwner } = await seedOrg(core.deps, { plan: 'enterprise' });
    for (let i = 0; i < 5; i++)
      expect(failure(await createApiKey(core.deps, userActor(bigOwner.id), big.id, `k${i}`))).toBe(
        'ok',
      );
    expect(await core.deps.uow.stores.apiKeys.countActive(big.id)).toBe(5);
  });

  it('revoking: owners only, scoped to the organization, once', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const admin = await addMember(core.deps, org.id, 'admin');
    const { org: other, owner: otherOwner } = await seedOrg(core.deps, { plan: 'professional' });
    const created = await createApiKey(core.deps, userActor(owner.id), org.id, 'k');
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.apiKey.id;
    expect(failure(await revokeApiKey(core.deps, userActor(admin.id), org.id, id))).toBe(
      'FORBIDDEN/ROLE',
    );
    expect(failure(await revokeApiKey(core.deps, userActor(otherOwner.id), other.id, id))).toBe(
      'NOT_FOUND',
    );
    expect(failure(await authenticateApiKey(core.deps, created.value.key))).toBe('ok');
    // A downgraded organization can still revoke.
    await setOrganizationPlan(core.deps, OPERATOR, org.id, { plan: 'free' });
    expect(failure(await revokeApiKey(core.deps, userActor(owner.id), org.id, id))).toBe('ok');
    expect(failure(await revokeApiKey(core.deps, userActor(owner.id), org.id, id))).toBe(
      'NOT_FOUND',
    );
    expect(failure(await authenticateApiKey(core.deps, created.value.key))).toBe('UNAUTHORIZED');
  });

  it('authenticates a key to its organization as an api_key actor, and records its use at most once a minute', async () => {
    const { org } = await seedOrg(core.deps, { plan: 'professional' });
    const created = await createApiKey(core.deps, OPERATOR, org.id, 'k');
    if (!created.ok) throw new Error(created.error.message);
    const auth = await authenticateApiKey(core.deps, created.value.key);
    if (!auth.ok) throw new Error(auth.error.message);
    expect(auth.value.actor).toEqual({
      kind: 'api_key',
      apiKeyId: created.value.apiKey.id,
      organizationId: org.id,
    });
    expect(auth.value.organization.id).toBe(org.id);
    const lastUsed = async () =>
      (
        await core.db
          .selectFrom('api_keys')
          .select('last_used_at')
          .where('id', '=', created.value.apiKey.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const first = await lastUsed();
    expect(first).toBe(core.deps.clock.now().toISOString());
    core.advance(30_000);
    await authenticateApiKey(core.deps, created.value.key);
    expect(await lastUsed()).toBe(first);
    core.advance(31_000);
    await authenticateApiKey(core.deps, created.value.key);
    expect(await lastUsed()).toBe(core.deps.clock.now().toISOString());

    for (const bad of [
      '',
      'crd_live_',
      `crd_live_${'A'.repeat(43)}`,
      created.value.key.toLowerCase(),
      `${created.value.key}x`,
      ` ${created.value.key}`,
    ]) {
      expect(failure(await authenticateApiKey(core.deps, bad)), bad).toBe('UNAUTHORIZED');
    }
  });

  const N = 8;

  it(`${N} concurrent creations with 1 slot (Professional): exactly 1 wins, for owners and the operator alike`, async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const outcomes = await race(
      Array.from(
        { length: N },
        (_, i) => () =>
          i % 2
            ? createApiKey(core.deps, userActor(owner.id), org.id, `k${i}`)
            : createApiKey(core.deps, OPERATOR, org.id, `k${i}`),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'FORBIDDEN/API_KEY_LIMIT': N - 1 });
    expect(await core.deps.uow.stores.apiKeys.countActive(org.id)).toBe(1);

    // A revocation frees exactly one slot, however many race for it.
    const [active] = await core.deps.uow.stores.apiKeys.listForOrganization(org.id);
    await revokeApiKey(core.deps, userActor(owner.id), org.id, active!.id);
    const again = await race(
      Array.from(
        { length: N },
        (_, i) => () => createApiKey(core.deps, userActor(owner.id), org.id, `again${i}`),
      ),
    );
    expect(tally(again)).toEqual({ ok: 1, 'FORBIDDEN/API_KEY_LIMIT': N - 1 });
    expect(await core.deps.uow.stores.apiKeys.countActive(org.id)).toBe(1);
  });

  it(`${N} concurrent creations on Enterprise (unlimited): all win`, async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'enterprise' });
    const outcomes = await race(
      Array.from(
        { length: N },
        (_, i) => () => createApiKey(core.deps, userActor(owner.id), org.id, `k${i}`),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: N });
    expect(await core.deps.uow.stores.apiKeys.countActive(org.id)).toBe(N);
  });
});

describe.each(testDialects())('idempotency keys and rate-limit windows on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  async function apiKeyId() {
    const { org } = await seedOrg(core.deps, { plan: 'enterprise' });
    const created = await createApiKey(core.deps, OPERATOR, org.id, 'k');
    if (!created.ok) throw new Error(created.error.message);
    return created.value.apiKey.id;
  }

  it('the request hash ignores key order and whitespace, not values, methods or paths', () => {
    const h = idempotencyRequestHash;
    expect(h('POST', '/a', { x: 1, y: [1, { b: 2, a: 1 }] })).toBe(
      h('post', '/a', { y: [1, { a: 1, b: 2 }], x: 1 }),
    );
    expect(h('POST', '/a', { x: 1 })).not.toBe(h('POST', '/a', { x: '1' }));
    expect(h('POST', '/a', { x: 1 })).not.toBe(h('POST', '/b', { x: 1 }));
    expect(h('POST', '/a', { x: [1, 2] })).not.toBe(h('POST', '/a', { x: [2, 1] }));
  });

  it(`${12} concurrent claims of one key: exactly one proceeds, the rest are IN_PROGRESS; then it replays, and another body is REUSED`, async () => {
    const id = await apiKeyId();
    const requestHash = idempotencyRequestHash('POST', '/api/v1/credentials', { a: 1 });
    const outcomes = await race(
      Array.from(
        { length: 12 },
        () => () => claimIdempotencyKey(core.deps, { apiKeyId: id, key: 'k1', requestHash }),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'CONFLICT/IDEMPOTENCY_IN_PROGRESS': 11 });
    await completeIdempotentRequest(core.deps, id, 'k1', { status: 201, body: '{"id":"x"}' });
    expect(await claimIdempotencyKey(core.deps, { apiKeyId: id, key: 'k1', requestHash })).toEqual({
      ok: true,
      value: { action: 'replay', response: { status: 201, body: '{"id":"x"}' } },
    });
    expect(
      failure(
        await claimIdempotencyKey(core.deps, { apiKeyId: id, key: 'k1', requestHash: 'other' }),
      ),
    ).toBe('CONFLICT/IDEMPOTENCY_KEY_REUSED');
  });

  it('counts concurrent requests in one window exactly: no hit is lost, exactly the ones over the limit are refused', async () => {
    const states = await Promise.all(
      Array.from({ length: 15 }, () => countRequest(core.deps, 'api_key:concurrent', 10)),
    );
    expect(states.filter((s) => s.exceeded)).toHaveLength(5);
    expect(states.map((s) => s.remaining).sort((a, b) => a - b)).toEqual([
      0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    const [first] = states;
    expect(first!.resetsAt.getTime() % MINUTE).toBe(0);
    // The next window starts from zero.
    core.advance(MINUTE);
    expect((await countRequest(core.deps, 'api_key:concurrent', 10)).remaining).toBe(9);
  });

  it('housekeeping forgets idempotency keys after 24 hours and rate-limit windows after two minutes', async () => {
    const id = await apiKeyId();
    await claimIdempotencyKey(core.deps, { apiKeyId: id, key: 'old', requestHash: 'h' });
    await countRequest(core.deps, 'ip:192.0.2.9', 100);
    const keys = async () =>
      (
        await core.db
          .selectFrom('idempotency_keys')
          .select('idempotency_key')
          .where('api_key_id', '=', id)
          .execute()
      ).length;
    const windows = async () =>
      (
        await core.db
          .selectFrom('rate_limit_windows')
          .select('bucket')
          .where('bucket', '=', 'ip:192.0.2.9')
          .execute()
      ).length;

    let report = await runHousekeeping(core.deps);
    expect(await keys()).toBe(1);
    expect(await windows()).toBe(1);
    core.advance(3 * MINUTE);
    report = await runHousekeeping(core.deps);
    expect(report.rateLimitWindowsDeleted).toBeGreaterThanOrEqual(1);
    expect(await windows()).toBe(0);
    expect(await keys()).toBe(1);
    core.advance(DAY);
    report = await runHousekeeping(core.deps);
    expect(report.idempotencyKeysDeleted).toBeGreaterThanOrEqual(1);
    expect(await keys()).toBe(0);
  });
});
