import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, addMs } from '../../src/core/clock.ts';
import { verifyEmail } from '../../src/core/accounts/email-verification.ts';
import { register } from '../../src/core/accounts/register.ts';
import { setupFirstAdmin } from '../../src/core/accounts/setup.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { inviteMember, respondToInvitation } from '../../src/core/members/invitations.ts';
import { changeMemberRole, leaveOrganization } from '../../src/core/members/members.ts';
import { SLUG_PATTERN } from '../../src/core/organizations/organization-input.ts';
import { createOrganization } from '../../src/core/organizations/organizations.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import type { PasswordHasher } from '../../src/core/ports/password-hasher.ts';
import type { Result } from '../../src/core/result.ts';
import { hashToken, newToken } from '../../src/core/tokens.ts';
import { TEST_PASSWORD, addMember, seedOrg, seedUser, uniqueEmail } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

/** How each of a batch of concurrent calls ended: 'ok', an error code, or 'threw: …' (a bug). */
async function race<T>(
  calls: (() => Promise<Result<T, ErrorCode>>)[],
): Promise<{ outcomes: string[]; values: T[] }> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const values: T[] = [];
  const outcomes = settled.map((s) => {
    if (s.status === 'rejected')
      return `threw: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`;
    if (s.value.ok) {
      values.push(s.value.value);
      return 'ok';
    }
    const reason = s.value.error.details?.reason;
    return typeof reason === 'string' ? `${s.value.error.code}/${reason}` : s.value.error.code;
  });
  return { outcomes, values };
}

/**
 * A hasher that holds every hash() until `n` are waiting, then releases them together: argon2
 * takes long enough that otherwise the racing transactions would start one after another and
 * the race would be left to chance.
 */
function barrierHasher(n: number): PasswordHasher {
  let waiting: (() => void)[] = [];
  return {
    hash: (password) =>
      new Promise((resolve) => {
        waiting.push(() => resolve(`test-hash:${password}`));
        if (waiting.length === n) {
          const release = waiting;
          waiting = [];
          for (const go of release) go();
        }
      }),
    verify: (hash, password) => Promise.resolve(hash === `test-hash:${password}`),
  };
}

const withHasher = (deps: CoreDeps, hasher: PasswordHasher): CoreDeps => ({ ...deps, hasher });

/** Rounds of a race whose overlap depends on timing (connection set-up, scheduling). */
const ROUNDS = 5;

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

/**
 * The invariants of design.md §8 under concurrency: each use case is called N times at once
 * (separate transactions; on PostgreSQL separate pooled connections) and exactly the allowed
 * number may win.
 */
describe.each(testDialects())('races on %s', (dialect) => {
  let core: TestCore;

  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(async () => {
    await core.destroy();
  });

  const N = 8;

  it(`${N} concurrent promotions to owner on Professional with 1 owner: exactly 1 wins`, async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const admins = [];
    for (let i = 0; i < N; i++) admins.push(await addMember(core.deps, org.id, 'admin'));
    const { outcomes } = await race(
      admins.map(
        (a) => () => changeMemberRole(core.deps, userActor(owner.id), org.id, a.id, 'owner'),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'FORBIDDEN/OWNER_LIMIT': N - 1 });
    expect(await core.deps.uow.stores.memberships.countOwners(org.id)).toBe(2);
  });

  it('concurrent accepts of owner invitations race the cap: exactly 1 wins', async () => {
    // Sent on Enterprise, accepted after a downgrade to Professional (2 owners).
    const { org, owner } = await seedOrg(core.deps, { plan: 'enterprise' });
    const invited = [];
    for (let i = 0; i < 5; i++) {
      const person = await seedUser(core.deps, { email: uniqueEmail('owner-invitee') });
      const inv = await inviteMember(core.deps, userActor(owner.id), org.id, {
        email: person.email,
        role: 'owner',
      });
      if (!inv.ok) throw new Error(inv.error.message);
      invited.push({ person, invitationId: inv.value.id });
    }
    const downgraded = await setOrganizationPlan(core.deps, OPERATOR, org.id, {
      plan: 'professional',
    });
    if (!downgraded.ok) throw new Error(downgraded.error.message);
    const { outcomes } = await race(
      invited.map(
        (i) => () =>
          respondToInvitation(core.deps, userActor(i.person.id), i.invitationId, 'accept'),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'FORBIDDEN/OWNER_LIMIT': 4 });
    expect(await core.deps.uow.stores.memberships.countOwners(org.id)).toBe(2);
    expect(await core.deps.uow.stores.invitations.countPendingOwnerInvitations(org.id)).toBe(4);
  });

  it('a promotion and an owner-invitation accept racing for the last owner seat: exactly 1 wins', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const admin = await addMember(core.deps, org.id, 'admin');
    const person = await seedUser(core.deps);
    const inv = await inviteMember(core.deps, userActor(owner.id), org.id, {
      email: person.email,
      role: 'owner',
    });
    if (!inv.ok) throw new Error(inv.error.message);
    const { outcomes } = await race<unknown>([
      () => changeMemberRole(core.deps, userActor(owner.id), org.id, admin.id, 'owner'),
      () => respondToInvitation(core.deps, userActor(person.id), inv.value.id, 'accept'),
    ]);
    expect(outcomes.sort()).toEqual(['FORBIDDEN/OWNER_LIMIT', 'ok']);
    expect(await core.deps.uow.stores.memberships.countOwners(org.id)).toBe(2);
  });

  it('the same invitation accepted twice at once makes one membership', async () => {
    const { org, owner } = await seedOrg(core.deps);
    const person = await seedUser(core.deps);
    const inv = await inviteMember(core.deps, userActor(owner.id), org.id, {
      email: person.email,
      role: 'issuer',
    });
    if (!inv.ok) throw new Error(inv.error.message);
    const { outcomes } = await race(
      Array.from(
        { length: 4 },
        () => () => respondToInvitation(core.deps, userActor(person.id), inv.value.id, 'accept'),
      ),
    );
    expect(outcomes.filter((o) => o.startsWith('threw'))).toEqual([]);
    expect(outcomes).toContain('ok');
    const rows = await core.db
      .selectFrom('memberships')
      .select('role')
      .where('organization_id', '=', org.id)
      .where('user_id', '=', person.id)
      .execute();
    expect(rows).toEqual([{ role: 'issuer' }]);
  });

  it('two owners leaving at once: exactly one leaves, the other stays as the last owner', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const second = await addMember(core.deps, org.id, 'owner');
    const { outcomes } = await race([
      () => leaveOrganization(core.deps, userActor(owner.id), org.id),
      () => leaveOrganization(core.deps, userActor(second.id), org.id),
    ]);
    expect(outcomes.sort()).toEqual(['CONFLICT/LAST_OWNER', 'ok']);
    expect(await core.deps.uow.stores.memberships.countOwners(org.id)).toBe(1);
  });

  it('an owner stepping down while the other leaves: one owner always remains', async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
    const second = await addMember(core.deps, org.id, 'owner');
    const { outcomes } = await race([
      () => changeMemberRole(core.deps, userActor(owner.id), org.id, owner.id, 'admin'),
      () => leaveOrganization(core.deps, userActor(second.id), org.id),
    ]);
    expect(outcomes.sort()).toEqual(['CONFLICT/LAST_OWNER', 'ok']);
    expect(await core.deps.uow.stores.memberships.countOwners(org.id)).toBe(1);
  });

  it(`${N} concurrent invitations to the same email (any case): exactly one is created`, async () => {
    const { org, owner } = await seedOrg(core.deps, { plan: 'enterprise' });
    const email = uniqueEmail('racy');
    const variants = Array.from({ length: N }, (_, i) =>
      i % 2 ? email.toUpperCase() : ` ${email}`,
    );
    const { outcomes } = await race(
      variants.map(
        (e) => () =>
          inviteMember(core.deps, userActor(owner.id), org.id, { email: e, role: 'viewer' }),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'CONFLICT/ALREADY_INVITED': N - 1 });
    const rows = await core.db
      .selectFrom('invitations')
      .select('id')
      .where('organization_id', '=', org.id)
      .where('email_normalized', '=', email)
      .execute();
    expect(rows).toHaveLength(1);
    const emails = await core.db
      .selectFrom('email_outbox')
      .select('id')
      .where('kind', '=', 'member.invitation')
      .where(
        'to_address',
        'in',
        variants.map((v) => v.trim()),
      )
      .execute();
    expect(emails).toHaveLength(1);
  });

  it('the partial unique index alone holds one pending invitation under concurrent inserts', async () => {
    const { org, owner } = await seedOrg(core.deps);
    const email = uniqueEmail('raw');
    const settled = await Promise.allSettled(
      Array.from({ length: N }, () =>
        core.deps.uow.stores.invitations.create(
          {
            organizationId: org.id,
            email,
            role: 'viewer',
            tokenHash: hashToken(newToken()),
            invitedBy: owner.id,
          },
          new Date(),
        ),
      ),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(await core.deps.uow.stores.invitations.listPendingForOrganization(org.id)).toHaveLength(
      1,
    );
  });

  it(`${N} concurrent uses of one verify-email link: exactly one succeeds`, async () => {
    const user = await seedUser(core.deps, { verified: false });
    const token = newToken();
    await core.deps.uow.stores.accountTokens.create(
      {
        tokenHash: hashToken(token),
        userId: user.id,
        purpose: 'verify_email',
        expiresAt: addMs(core.deps.clock.now(), DAY),
      },
      core.deps.clock.now(),
    );
    const { outcomes } = await race(
      Array.from({ length: N }, () => () => verifyEmail(core.deps, token)),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'NOT_FOUND/TOKEN_INVALID': N - 1 });
    expect((await core.deps.uow.stores.users.findById(user.id))?.emailVerifiedAt).not.toBeNull();
  });

  it('concurrent sign-ups with the same email: one account, the others told EMAIL_TAKEN (no crash)', async () => {
    const input = (e: string) => ({
      email: e,
      firstName: 'Sam',
      lastName: 'Same',
      password: TEST_PASSWORD,
    });
    // Several rounds: one round may by chance not overlap; every round must come out right.
    for (let round = 0; round < ROUNDS; round++) {
      const email = uniqueEmail('signup');
      const deps = withHasher(core.deps, barrierHasher(4));
      const { outcomes } = await race(
        Array.from(
          { length: 4 },
          (_, i) => () =>
            register(deps, input(i % 2 ? email.toUpperCase() : email), `192.0.2.${round}`),
        ),
      );
      expect({ round, outcomes: tally(outcomes) }).toEqual({
        round,
        outcomes: { ok: 1, 'CONFLICT/EMAIL_TAKEN': 3 },
      });
      const rows = await core.db
        .selectFrom('users')
        .select('id')
        .where('email_normalized', '=', email)
        .execute();
      expect(rows).toHaveLength(1);
    }
  });

  it('concurrent organizations with the same name get distinct valid slugs (no crash)', async () => {
    const owner = await seedUser(core.deps);
    const name = `Same Name ${newToken()
      .slice(0, 6)
      .replace(/[^A-Za-z0-9]/g, 'x')}`;
    const { outcomes, values } = await race(
      Array.from(
        { length: 4 },
        () => () => createOrganization(core.deps, userActor(owner.id), { name }),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 4 });
    const slugs = values.map((o) => o.slug);
    expect(new Set(slugs).size).toBe(4);
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
  });
});

describe.each(testDialects())('first-admin setup race on %s', (dialect) => {
  let core: TestCore;

  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(async () => {
    await core.destroy();
  });

  it('5 concurrent /setup submissions on an empty database make exactly one platform admin', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Back to "not set up yet" (no platform admin), as on a fresh install.
      await core.db.updateTable('users').set({ is_platform_admin: 0 }).execute();
      expect(await core.deps.uow.stores.users.countPlatformAdmins()).toBe(0);
      const deps = withHasher(core.deps, barrierHasher(5));
      const { outcomes } = await race(
        Array.from(
          { length: 5 },
          (_, i) => () =>
            setupFirstAdmin(deps, {
              email: uniqueEmail(`admin${i}`),
              firstName: 'First',
              lastName: 'Admin',
              password: TEST_PASSWORD,
            }),
        ),
      );
      const admins = await core.deps.uow.stores.users.countPlatformAdmins();
      expect({ round, admins, outcomes: tally(outcomes) }).toEqual({
        round,
        admins: 1,
        outcomes: { ok: 1, NOT_FOUND: 4 },
      });
    }
  });
});
