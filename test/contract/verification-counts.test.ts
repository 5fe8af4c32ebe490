import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../src/core/authz/actor.ts';
import { verificationCounts } from '../../src/core/credentials/queries.ts';
import { recordVerification } from '../../src/core/credentials/verification-events.ts';
import type { Credential } from '../../src/core/entities.ts';
import type { UnitOfWork } from '../../src/core/ports/unit-of-work.ts';
import type { VerificationEvent } from '../../src/core/ports/verification-log.ts';
import { createBatchedVerificationLog } from '../../src/main/verification-log.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { createTestCore, TEST_NOW, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

describe.each(testDialects())('verification counts of a credentials page on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  it('counts the organization’s own credentials only, for its members only', async () => {
    const ours = await seedIssuer(core.deps);
    const theirs = await seedIssuer(core.deps);
    const mine = await seedCredential(core.deps, ours.org, ours.badge);
    const other = await seedCredential(core.deps, theirs.org, theirs.badge);
    await recordVerification(core.deps, mine, 'page', null);
    await recordVerification(core.deps, mine, 'api', null);
    await recordVerification(core.deps, other, 'page', null);
    await core.deps.verificationLog.flush();

    const counts = await verificationCounts(core.deps, userActor(ours.owner.id), ours.org.id, [
      mine.id,
      other.id,
    ]);
    expect(counts.ok && [...counts.value]).toEqual([[mine.id, 2]]);

    const outsider = await verificationCounts(core.deps, userActor(theirs.owner.id), ours.org.id, [
      mine.id,
    ]);
    expect(outsider.ok ? 'ok' : outsider.error.code).toBe('NOT_FOUND');
  });
});

describe.each(testDialects())('the batched verification log on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const rowsOf = (credentialId: string) =>
    core.db
      .selectFrom('verification_events')
      .select(['channel', 'occurred_at'])
      .where('credential_id', '=', credentialId)
      .orderBy('occurred_at')
      .execute();

  const event = (c: Credential, i: number): VerificationEvent => ({
    credentialId: c.id,
    organizationId: c.organizationId,
    channel: 'page',
    occurredAt: new Date(TEST_NOW.getTime() + i * 1000),
  });

  it('writes nothing when a view is noted, everything on flush, with each event’s own time', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const log = createBatchedVerificationLog({ uow: core.deps.uow, onError: () => undefined });
    try {
      log.add(event(c, 0));
      log.add({ ...event(c, 1), channel: 'embed' });
      expect(await rowsOf(c.id)).toEqual([]);
      await log.flush();
      expect((await rowsOf(c.id)).map((r) => [r.channel, new Date(r.occurred_at)])).toEqual([
        ['page', event(c, 0).occurredAt],
        ['embed', event(c, 1).occurredAt],
      ]);
      // A second flush writes nothing twice.
      await log.flush();
      expect(await rowsOf(c.id)).toHaveLength(2);
    } finally {
      await log.close();
    }
  });

  it('writes on its own every interval, and what is left when closed', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const timed = createBatchedVerificationLog({
      uow: core.deps.uow,
      intervalMs: 20,
      onError: () => undefined,
    });
    timed.add(event(c, 0));
    await eventually(
      () => rowsOf(c.id),
      (rows) => rows.length === 1,
    );
    await timed.close();

    const closing = createBatchedVerificationLog({ uow: core.deps.uow, onError: () => undefined });
    closing.add(event(c, 1));
    await closing.close();
    expect(await rowsOf(c.id)).toHaveLength(2);
  });

  it('writes a batch larger than one statement holds, whole', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const log = createBatchedVerificationLog({ uow: core.deps.uow, onError: () => undefined });
    for (let i = 0; i < 7001; i++) log.add(event(c, i));
    await log.close();
    expect(await rowsOf(c.id)).toHaveLength(7001);
  });

  it('a batch that fails is not written in part, and is written once with the next flush', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const errors: unknown[] = [];
    let failNext = true;
    // The rows are inserted, then the transaction fails (a lost connection at commit): all roll back.
    const failingOnce: UnitOfWork = {
      stores: core.deps.uow.stores,
      transaction: (work) =>
        core.deps.uow.transaction(async (s) => {
          const result = await work(s);
          if (failNext) {
            failNext = false;
            throw new Error('connection lost');
          }
          return result;
        }),
    };
    const log = createBatchedVerificationLog({
      uow: failingOnce,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 6000; i++) log.add(event(c, i));
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(await rowsOf(c.id)).toEqual([]);
    log.add(event(c, 6000));
    await log.close();
    const rows = await rowsOf(c.id);
    expect(rows).toHaveLength(6001);
    expect(new Set(rows.map((r) => r.occurred_at)).size).toBe(6001);
  });

  it('drops a batch the database refuses five times in a row, and then writes what came after it', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const errors: unknown[] = [];
    // A row no database would take (its credential gone) fails every write it is part of.
    const poison: VerificationEvent = { ...event(c, 0), credentialId: 'no-such-credential' };
    const refusingPoison: UnitOfWork = {
      stores: core.deps.uow.stores,
      transaction: (work) =>
        core.deps.uow.transaction((s) =>
          work({
            ...s,
            verificationEvents: {
              ...s.verificationEvents,
              recordAll: (events) =>
                events.some((e) => e.credentialId === poison.credentialId)
                  ? Promise.reject(new Error('foreign key violation'))
                  : s.verificationEvents.recordAll(events),
            },
          }),
        ),
    };
    const log = createBatchedVerificationLog({
      uow: refusingPoison,
      onError: (e) => errors.push(e),
    });
    log.add(poison);
    log.add(event(c, 1));
    for (let attempt = 1; attempt <= 4; attempt++) {
      await log.flush();
      expect(errors).toHaveLength(attempt);
    }
    log.add(event(c, 2));
    await log.flush(); // the fifth failure: the first batch is given up
    expect(String(errors.at(-1))).toContain('dropped 2 verification counts after 5 failed writes');
    await log.close();
    const rows = await rowsOf(c.id);
    expect(rows.map((r) => new Date(r.occurred_at))).toEqual([event(c, 2).occurredAt]);
  });
});
