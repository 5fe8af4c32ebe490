import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEmail } from '../../src/core/accounts/email-verification.ts';
import { register } from '../../src/core/accounts/register.ts';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  resolveSession,
  startSession,
} from '../../src/core/accounts/sessions.ts';
import { DAY, HOUR, MINUTE } from '../../src/core/clock.ts';
import { TEST_PASSWORD, seedUser, uniqueEmail } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

describe.each(testDialects())('account time limits on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const newSession = async () => {
    const user = await seedUser(core.deps);
    return core.deps.uow.transaction((s) => startSession(s, user.id, core.deps.clock.now()));
  };

  it('a session ends after a week without use', async () => {
    const token = await newSession();
    core.advance(SESSION_IDLE_MS - MINUTE);
    expect(await resolveSession(core.deps, token)).toBeDefined();
    // Being used just now restarted the idle clock.
    core.advance(SESSION_IDLE_MS - MINUTE);
    expect(await resolveSession(core.deps, token)).toBeDefined();
    core.advance(SESSION_IDLE_MS + MINUTE);
    expect(await resolveSession(core.deps, token)).toBeUndefined();
  });

  it('a session ends 30 days after sign-in even when used every day', async () => {
    const token = await newSession();
    for (let elapsed = DAY; elapsed < SESSION_ABSOLUTE_MS; elapsed += DAY) {
      core.advance(DAY);
      expect(await resolveSession(core.deps, token), `day ${elapsed / DAY}`).toBeDefined();
    }
    core.advance(DAY);
    expect(await resolveSession(core.deps, token)).toBeUndefined();
  });

  it('a verification link works for 24 hours', async () => {
    const tokenOf = async (email: string) => {
      const row = await core.db
        .selectFrom('email_outbox')
        .select('text')
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      return new URL(/https?:\/\/\S+\/verify-email\?\S+/.exec(row.text)![0]).searchParams.get(
        'token',
      )!;
    };
    const fresh = uniqueEmail('fresh');
    const stale = uniqueEmail('stale');
    for (const email of [fresh, stale]) {
      const r = await register(
        core.deps,
        { email, firstName: 'A', lastName: 'B', password: TEST_PASSWORD },
        '192.0.2.10',
      );
      expect(r.ok).toBe(true);
    }
    core.advance(23 * HOUR);
    expect((await verifyEmail(core.deps, await tokenOf(fresh))).ok).toBe(true);
    core.advance(2 * HOUR);
    const late = await verifyEmail(core.deps, await tokenOf(stale));
    expect(late.ok ? 'ok' : late.error.code).toBe('NOT_FOUND');
    expect((await core.deps.uow.stores.users.findByEmail(stale))?.emailVerifiedAt).toBeNull();
  });
});
