import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resendVerification } from '../../src/core/accounts/email-verification.ts';
import { startSession } from '../../src/core/accounts/sessions.ts';
import { DAY } from '../../src/core/clock.ts';
import { runHousekeeping } from '../../src/core/housekeeping.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR } from '../../src/core/authz/actor.ts';
import { seedOrg, seedUser } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

describe.each(testDialects())('housekeeping on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const count = async (table: 'sessions' | 'account_tokens' | 'throttle_events') =>
    (await core.db.selectFrom(table).select('id').execute()).length;

  it('reverts expired grants to Free and forgets stale sessions, links and attempts, keeping live ones', async () => {
    const { org } = await seedOrg(core.deps);
    const granted = await setOrganizationPlan(core.deps, OPERATOR, org.id, {
      plan: 'enterprise',
      grantExpiresAt: new Date(core.deps.clock.now().getTime() + 10 * DAY),
    });
    expect(granted.ok).toBe(true);
    const user = await seedUser(core.deps, { verified: false });
    await core.deps.uow.transaction((s) => startSession(s, user.id, core.deps.clock.now()));
    await resendVerification(core.deps, user.email, '192.0.2.1');
    const before = {
      sessions: await count('sessions'),
      tokens: await count('account_tokens'),
      throttle: await count('throttle_events'),
    };
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.tokens).toBeGreaterThan(0);
    expect(before.throttle).toBeGreaterThan(0);

    // Nothing is stale yet.
    expect(await runHousekeeping(core.deps)).toEqual({
      grantsReverted: 0,
      sessionsDeleted: 0,
      tokensDeleted: 0,
      throttleEventsDeleted: 0,
      idempotencyKeysDeleted: 0,
      rateLimitWindowsDeleted: 0,
    });

    core.advance(11 * DAY);
    const report = await runHousekeeping(core.deps);
    expect(report.grantsReverted).toBe(1);
    expect(report.sessionsDeleted).toBe(before.sessions);
    expect(report.tokensDeleted).toBe(before.tokens);
    expect(report.throttleEventsDeleted).toBe(before.throttle);
    const after = await core.deps.uow.stores.organizations.findById(org.id);
    expect(after?.subscription).toEqual({ plan: 'free', source: 'FREE', grantExpiresAt: null });
    // Running it again finds nothing more to do.
    expect(await runHousekeeping(core.deps)).toEqual({
      grantsReverted: 0,
      sessionsDeleted: 0,
      tokensDeleted: 0,
      throttleEventsDeleted: 0,
      idempotencyKeysDeleted: 0,
      rateLimitWindowsDeleted: 0,
    });
  });
});
