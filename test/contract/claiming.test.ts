import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.ts';
import { claimCredential } from '../../src/core/credentials/claim.ts';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import { revokeCredential } from '../../src/core/credentials/revoke.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import type { Credential } from '../../src/core/entities.ts';
import {
  addMember,
  seedBadge,
  seedCredential,
  seedIssuer,
  seedUser,
  uniqueEmail,
} from '../factories/index.ts';
import { createTestCore, TEST_NOW, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * Claiming (claiming-a-credential.md) on both databases: only the recipient's own verified
 * address, only once, never a revoked or expired credential; each refusal leaves every
 * table as it was, and of simultaneous claims exactly one wins.
 */
describe.each(testDialects())('claiming on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  /** A pending credential of a fresh issuer and the verified account of its recipient. */
  async function pending(opts: { isPublic?: boolean; recipientEmail?: string } = {}) {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const email = uniqueEmail('recipient');
    const credential = await seedCredential(core.deps, org, badge, {
      recipientEmail: opts.recipientEmail ?? email,
      isPublic: opts.isPublic ?? true,
    });
    const recipient = await seedUser(core.deps, { email });
    return { org, owner, badge, credential, recipient };
  }

  const claimRow = (id: string) =>
    core.db
      .selectFrom('credentials')
      .select(['claimed_at', 'claimed_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /** The claim is refused with `code` (and `reason`) and nothing in the database changes. */
  async function expectRefused(userId: string, publicId: string, code: string, reason?: string) {
    const before = await snapshotTables(core.db);
    const result = await claimCredential(core.deps, userActor(userId), publicId);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    if (reason) expect(!result.ok && result.error.details?.reason).toBe(reason);
    expect(await snapshotTables(core.db)).toEqual(before);
    return result;
  }

  it('links the credential to its recipient: claimedAt and claimedBy set, by CRD- id in any case', async () => {
    const { credential, recipient } = await pending();
    const result = await claimCredential(
      core.deps,
      userActor(recipient.id),
      credential.shortId.toLowerCase(),
    );
    expect(result.ok && result.value).toMatchObject({
      id: credential.id,
      claimedBy: recipient.id,
      claimedAt: TEST_NOW,
    });
    const row = await claimRow(credential.id);
    expect(row.claimed_by).toBe(recipient.id);
    expect(new Date(row.claimed_at!).toISOString()).toBe(TEST_NOW.toISOString());
    const stored = await core.deps.uow.stores.credentials.findByPublicId(credential.id);
    expect(stored).toMatchObject({ claimedBy: recipient.id, claimedAt: TEST_NOW });
  });

  it('matches the email trimmed and case-insensitively, by UUID too', async () => {
    const email = uniqueEmail('mixed');
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge, {
      recipientEmail: `  ${email.toUpperCase()} `,
    });
    const recipient = await seedUser(core.deps, { email });
    const result = await claimCredential(core.deps, userActor(recipient.id), credential.id);
    expect(result.ok).toBe(true);
    expect((await claimRow(credential.id)).claimed_by).toBe(recipient.id);
  });

  it('refuses another signed-in account with EMAIL_MISMATCH', async () => {
    const { credential } = await pending();
    const other = await seedUser(core.deps);
    const result = await expectRefused(other.id, credential.shortId, 'EMAIL_MISMATCH');
    expect(!result.ok && result.error.message).toMatch(
      /sign in with the address it was sent to.*re-send/i,
    );
  });

  it('refuses an organization member of a private credential with EMAIL_MISMATCH, and an outsider with FORBIDDEN', async () => {
    const { org, credential } = await pending({ isPublic: false });
    const member = await addMember(core.deps, org.id, 'admin');
    await expectRefused(member.id, credential.shortId, 'EMAIL_MISMATCH');
    const outsider = await seedUser(core.deps);
    const result = await expectRefused(outsider.id, credential.shortId, 'FORBIDDEN');
    // Nothing about the credential in the refusal.
    expect(JSON.stringify(result)).not.toContain(credential.recipientEmail);
  });

  it('lets the recipient claim a private credential issued to their address', async () => {
    const { credential, recipient } = await pending({ isPublic: false });
    expect((await claimCredential(core.deps, userActor(recipient.id), credential.shortId)).ok).toBe(
      true,
    );
  });

  it('refuses an account whose address is not verified', async () => {
    const email = uniqueEmail('unverified');
    const { credential } = await pending({ recipientEmail: email });
    const unverified = await seedUser(core.deps, { email, verified: false });
    await expectRefused(unverified.id, credential.shortId, 'EMAIL_NOT_VERIFIED');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const user = await seedUser(core.deps);
    await expectRefused(user.id, 'CRD-ZZZZZZZZ', 'NOT_FOUND');
    await expectRefused(user.id, '00000000-0000-4000-8000-000000000000', 'NOT_FOUND');
  });

  it('refuses a second claim with ALREADY_CLAIMED, by the same account and by another', async () => {
    const { credential, recipient } = await pending();
    expect((await claimCredential(core.deps, userActor(recipient.id), credential.shortId)).ok).toBe(
      true,
    );
    await expectRefused(recipient.id, credential.shortId, 'ALREADY_CLAIMED');
    const other = await seedUser(core.deps);
    await expectRefused(other.id, credential.shortId, 'ALREADY_CLAIMED');
    expect((await claimRow(credential.id)).claimed_by).toBe(recipient.id);
  });

  it('refuses a revoked credential', async () => {
    const { owner, credential, recipient } = await pending();
    await core.deps.uow.transaction((s) =>
      recordRevocation(
        s,
        credential,
        { reason: 'Issued in error', revokedBy: owner.id },
        core.deps.clock.now(),
      ),
    );
    await expectRefused(recipient.id, credential.shortId, 'CONFLICT', 'CREDENTIAL_REVOKED');
  });

  it('refuses an expired credential, though it could be claimed the day before', async () => {
    const { org } = await seedIssuer(core.deps);
    const badge = await seedBadge(core.deps, org.id, { expiresInDays: 30 });
    const email = uniqueEmail('late');
    const credential: Credential = await seedCredential(core.deps, org, badge, {
      recipientEmail: email,
    });
    const recipient = await seedUser(core.deps, { email });
    try {
      core.setNow(new Date(credential.expiresAt!.getTime() + DAY));
      await expectRefused(recipient.id, credential.shortId, 'CONFLICT', 'CREDENTIAL_EXPIRED');
      core.setNow(new Date(credential.expiresAt!.getTime() - DAY));
      expect(
        (await claimCredential(core.deps, userActor(recipient.id), credential.shortId)).ok,
      ).toBe(true);
    } finally {
      core.setNow(TEST_NOW);
    }
  });

  it('of 6 simultaneous claims by the recipient exactly one wins; the others get ALREADY_CLAIMED', async () => {
    for (let round = 0; round < 3; round++) {
      const { credential, recipient } = await pending();
      const settled = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          claimCredential(core.deps, userActor(recipient.id), credential.shortId),
        ),
      );
      const outcomes = settled.map((s) =>
        s.status === 'rejected'
          ? `threw: ${String(s.reason)}`
          : s.value.ok
            ? 'ok'
            : s.value.error.code,
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'ALREADY_CLAIMED')).toHaveLength(5);
      expect((await claimRow(credential.id)).claimed_by).toBe(recipient.id);
    }
  });

  it('the claim itself is conditional: once revoked, the store refuses to link it, whatever the caller read before', async () => {
    const { org, owner, credential, recipient } = await pending();
    expect(
      (
        await revokeCredential(
          core.deps,
          userActor(owner.id),
          org.id,
          credential.id,
          'Issued in error.',
        )
      ).ok,
    ).toBe(true);
    // As a claim that read the credential before the revocation committed would call it.
    expect(
      await core.deps.uow.stores.credentials.claim(credential.id, recipient.id, TEST_NOW),
    ).toBe(false);
    expect((await claimRow(credential.id)).claimed_at).toBeNull();
  });

  it('a claim racing a revocation never lands after it: the credential ends revoked and, if claimed, claimed first', async () => {
    for (let round = 0; round < 4; round++) {
      const { org, owner, credential, recipient } = await pending();
      const [claim, revoke] = await Promise.all([
        claimCredential(core.deps, userActor(recipient.id), credential.shortId),
        revokeCredential(core.deps, userActor(owner.id), org.id, credential.id, 'Issued in error.'),
      ]);
      expect(revoke.ok).toBe(true);
      const row = await core.db
        .selectFrom('credentials')
        .select(['claimed_at', 'revoked_at'])
        .where('id', '=', credential.id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
      if (claim.ok) {
        expect(row.claimed_at).not.toBeNull();
      } else {
        expect([claim.error.code, claim.error.details?.reason]).toEqual([
          'CONFLICT',
          'CREDENTIAL_REVOKED',
        ]);
        expect(row.claimed_at).toBeNull();
      }
    }
  });
});
