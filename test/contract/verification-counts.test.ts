import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../src/core/authz/actor.ts';
import { verificationCounts } from '../../src/core/credentials/queries.ts';
import { recordVerification } from '../../src/core/credentials/verification-events.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

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
