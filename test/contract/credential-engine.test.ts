import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STATUS_LIST_CAPACITY,
  allocateStatusEntry,
  recordRevocation,
} from '../../src/core/credentials/status-entries.ts';
import { currentStatusList } from '../../src/core/credentials/status-list-documents.ts';
import { verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import { reviewOrganization } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { updateOrganization } from '../../src/core/organizations/organizations.ts';
import { revokeSigningKey, rotateSigningKey } from '../../src/core/signing-keys/signing-keys.ts';
import { ob3SchemaValidator } from '../../src/vc/fixtures/ob3-schema.ts';
import { StatusBitstring } from '../../src/vc/status-list.ts';
import { seedCredential, seedIssuer, seedUser } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDialects())('the credential engine on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const verify = async (id: string) => {
    const result = await verifyIssuedCredential(core.deps, id, null);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const bitOf = async (orgSlug: string, listNumber: number, index: number) => {
    const list = await currentStatusList(core.deps, orgSlug, listNumber);
    if (!list) throw new Error('no list');
    const doc = JSON.parse(list.document) as { credentialSubject: { encodedList: string } };
    return StatusBitstring.decode(doc.credentialSubject.encodedList).get(index);
  };

  it('signs a credential that verifies through the one verification function, and stores it as signed', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge, {
      recipientEmail: 'Ada@Example.org ',
    });
    expect(credential.shortId).toMatch(/^CRD-[A-Z0-9]{8}$/);
    const verified = await verify(credential.shortId);
    expect(verified.status).toBe('pending');
    expect(verified.report).toMatchObject({
      verified: true,
      signature: { outcome: 'passed' },
      expiration: { outcome: 'passed' },
      revocation: { outcome: 'passed' },
      issuerStatus: { outcome: 'passed' },
    });
    const stored = await core.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', credential.id)
      .executeTakeFirstOrThrow();
    expect(verified.document).toBe(stored.document);
    const doc = JSON.parse(stored.document) as Record<string, unknown>;
    expect(doc.id).toBe(`urn:uuid:${credential.id}`);
    expect(doc.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(credential.statusListIndex),
      statusListCredential: `http://laurel.test/issuers/${org.slug}/status/1`,
    });
    const validate = ob3SchemaValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // The same credential by UUID.
    expect((await verify(credential.id)).credential.id).toBe(credential.id);
  });

  it('hands out distinct random indexes under concurrency, and never reuses one', async () => {
    const { org } = await seedIssuer(core.deps);
    const entries = await Promise.all(
      Array.from({ length: 40 }, () => allocateStatusEntry(core.deps, org.id)),
    );
    const indexes = entries.map((e) => e.index);
    expect(new Set(indexes).size).toBe(40);
    expect(new Set(entries.map((e) => e.list.id)).size).toBe(1);
    // Random, not sequential: 40 draws from 131,072 do not land in 0..39.
    expect(indexes.some((i) => i >= 40)).toBe(true);
    const reserved = await core.db
      .selectFrom('status_list_entries')
      .select('status_index')
      .where('status_list_id', '=', entries[0]!.list.id)
      .execute();
    expect(reserved.map((r) => r.status_index).sort((a, b) => a - b)).toEqual(
      [...indexes].sort((a, b) => a - b),
    );
    const list = await core.db
      .selectFrom('status_lists')
      .select(['allocated', 'length'])
      .where('id', '=', entries[0]!.list.id)
      .executeTakeFirstOrThrow();
    expect(list).toEqual({ allocated: 40, length: 131_072 });
  });

  it('opens the next list once one is half full', async () => {
    const { org } = await seedIssuer(core.deps);
    const first = await allocateStatusEntry(core.deps, org.id);
    await core.db
      .updateTable('status_lists')
      .set({ allocated: STATUS_LIST_CAPACITY })
      .where('id', '=', first.list.id)
      .execute();
    const next = await allocateStatusEntry(core.deps, org.id);
    expect(next.list.listNumber).toBe(2);
    expect(next.list.id).not.toBe(first.list.id);
  });

  it('revocation sets the bit in the same transaction, and the list is re-signed', async () => {
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    const other = await seedCredential(core.deps, org, badge);
    expect(await bitOf(org.slug, 1, credential.statusListIndex)).toBe(false);

    // A transaction that fails after recording the revocation leaves neither the revocation nor the bit.
    await expect(
      core.deps.uow.transaction(async (s) => {
        await recordRevocation(
          s,
          credential,
          { reason: 'Mistake', revokedBy: owner.id },
          core.deps.clock.now(),
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await bitOf(org.slug, 1, credential.statusListIndex)).toBe(false);
    expect((await verify(credential.id)).credential.revokedAt).toBeNull();

    const revoked = await core.deps.uow.transaction((s) =>
      recordRevocation(
        s,
        credential,
        { reason: 'Issued in error', revokedBy: owner.id },
        core.deps.clock.now(),
      ),
    );
    expect(revoked).toBe(true);
    expect(await bitOf(org.slug, 1, credential.statusListIndex)).toBe(true);
    expect(await bitOf(org.slug, 1, other.statusListIndex)).toBe(false);
    const after = await verify(credential.id);
    expect(after.status).toBe('revoked');
    expect(after.report.revocation.outcome).toBe('failed');
    expect(after.report.signature.outcome).toBe('passed');
    expect((await verify(other.id)).report.revocation.outcome).toBe('passed');

    // Final: a second revocation changes nothing.
    const again = await core.deps.uow.transaction((s) =>
      recordRevocation(
        s,
        credential,
        { reason: 'Again', revokedBy: owner.id },
        core.deps.clock.now(),
      ),
    );
    expect(again).toBe(false);
    const row = await core.db
      .selectFrom('credentials')
      .select('revocation_reason')
      .where('id', '=', credential.id)
      .executeTakeFirstOrThrow();
    expect(row.revocation_reason).toBe('Issued in error');
  });

  it('concurrent revocations and list fetches end with every revoked bit set', async () => {
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credentials = [];
    for (let i = 0; i < 8; i++) credentials.push(await seedCredential(core.deps, org, badge));
    const kept = await seedCredential(core.deps, org, badge);
    await Promise.all([
      ...credentials.map((c) =>
        core.deps.uow.transaction((s) =>
          recordRevocation(
            s,
            c,
            { reason: 'Course withdrawn', revokedBy: owner.id },
            core.deps.clock.now(),
          ),
        ),
      ),
      ...credentials.map(() => currentStatusList(core.deps, org.slug, 1)),
    ]);
    for (const c of credentials) expect(await bitOf(org.slug, 1, c.statusListIndex)).toBe(true);
    expect(await bitOf(org.slug, 1, kept.statusListIndex)).toBe(false);
    const row = await core.db
      .selectFrom('status_lists')
      .select(['version', 'signed_version'])
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.signed_version).toBe(row.version);
  });

  it('an expired credential fails the expiration check, and only that', async () => {
    const { org, badge } = await seedIssuer(core.deps, { badge: { expiresInDays: 30 } });
    const credential = await seedCredential(core.deps, org, badge);
    expect(credential.expiresAt?.getTime()).toBe(credential.issuedAt.getTime() + 30 * DAY);
    core.advance(31 * DAY);
    try {
      const verified = await verify(credential.id);
      expect(verified.status).toBe('expired');
      expect(verified.report.expiration.outcome).toBe('failed');
      expect(verified.report.signature.outcome).toBe('passed');
      expect(verified.report.verified).toBe(false);
    } finally {
      core.advance(-31 * DAY);
    }
  });

  it('a suspended issuer fails the issuer status check', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    const suspended = await reviewOrganization(core.deps, OPERATOR, org.id, 'suspend');
    expect(suspended.ok).toBe(true);
    const verified = await verify(credential.id);
    expect(verified.report.issuerStatus.outcome).toBe('failed');
    expect(verified.report.signature.outcome).toBe('passed');
  });

  it('after rotation old credentials still verify; revoking a compromised key invalidates what it signed', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const old1 = await seedCredential(core.deps, org, badge);
    const old2 = await seedCredential(core.deps, org, badge);
    expect((await rotateSigningKey(core.deps, OPERATOR, org.id)).ok).toBe(true);
    const fresh = await seedCredential(core.deps, org, badge);
    const freshDoc = JSON.parse((await verify(fresh.id)).document) as {
      proof: { verificationMethod: string }[];
    };
    expect(freshDoc.proof[0]?.verificationMethod).toMatch(/#key-2$/);
    expect((await verify(old1.id)).report.verified).toBe(true);

    const revoked = await revokeSigningKey(core.deps, OPERATOR, org.id, 'key-1');
    expect(revoked.ok && revoked.value.invalidatedCredentials).toBe(2);
    expect(revoked.ok && revoked.value.replacement).toBeUndefined();
    for (const c of [old1, old2]) {
      const report = (await verify(c.id)).report;
      expect(report.signature.outcome).toBe('failed');
      expect(report.verified).toBe(false);
    }
    const still = await verify(fresh.id);
    expect(still.report.verified).toBe(true);

    const twice = await revokeSigningKey(core.deps, OPERATOR, org.id, 'key-1');
    expect(twice.ok ? 'ok' : twice.error.details?.reason).toBe('KEY_REVOKED');
    const unknown = await revokeSigningKey(core.deps, OPERATOR, org.id, 'key-9');
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
  });

  it('revoking the active key puts a new one in its place and re-signs the status lists with it', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const before = await seedCredential(core.deps, org, badge);
    const list = await currentStatusList(core.deps, org.slug, 1);
    expect(list?.document).toContain('#key-1');
    const revoked = await revokeSigningKey(core.deps, OPERATOR, org.id, 'key-1');
    expect(revoked.ok && revoked.value.replacement?.keyId).toBe('key-2');
    expect(revoked.ok && revoked.value.invalidatedCredentials).toBe(1);
    const resigned = await currentStatusList(core.deps, org.slug, 1);
    expect(resigned?.document).toContain('#key-2');
    expect(resigned?.document).not.toContain('#key-1');
    const after = await seedCredential(core.deps, org, badge);
    expect((await verify(after.id)).report.verified).toBe(true);
    expect((await verify(before.id)).report.signature.outcome).toBe('failed');
  });

  it('a private credential is hidden from visitors and outsiders, shown to its organization and its recipient', async () => {
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge, { isPublic: false });
    const visitor = await verifyIssuedCredential(core.deps, credential.shortId, null);
    expect(visitor.ok ? 'ok' : visitor.error).toEqual({
      code: 'FORBIDDEN',
      message: 'This credential is private.',
    });
    const member = await verifyIssuedCredential(core.deps, credential.shortId, owner.id);
    expect(member.ok).toBe(true);
    const outsider = await seedUser(core.deps);
    const asOutsider = await verifyIssuedCredential(core.deps, credential.shortId, outsider.id);
    expect(asOutsider.ok ? 'ok' : asOutsider.error.code).toBe('FORBIDDEN');
    // The recipient: a verified account with the address it was issued to (any case), or the account that claimed it.
    const recipient = await seedUser(core.deps, { email: credential.recipientEmail.toUpperCase() });
    expect((await verifyIssuedCredential(core.deps, credential.shortId, recipient.id)).ok).toBe(
      true,
    );
    const unverified = await seedIssuer(core.deps);
    const pending = await seedCredential(core.deps, unverified.org, unverified.badge, {
      isPublic: false,
    });
    const notYetVerified = await seedUser(core.deps, {
      email: pending.recipientEmail,
      verified: false,
    });
    const early = await verifyIssuedCredential(core.deps, pending.shortId, notYetVerified.id);
    expect(early.ok ? 'ok' : early.error.code).toBe('FORBIDDEN');
    await core.db
      .updateTable('credentials')
      .set({ claimed_by: outsider.id, claimed_at: new Date().toISOString() })
      .where('id', '=', pending.id)
      .execute();
    expect((await verifyIssuedCredential(core.deps, pending.shortId, outsider.id)).ok).toBe(true);
    const missing = await verifyIssuedCredential(core.deps, 'CRD-NOTHERE', null);
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });

  it('the organization slug is locked once signing keys exist, since it is part of the DID', async () => {
    const { org, owner } = await seedIssuer(core.deps);
    const changed = await updateOrganization(core.deps, userActor(owner.id), org.id, {
      name: org.name,
      slug: `${org.slug}-new`,
    });
    expect(changed.ok ? 'ok' : changed.error.details?.reason).toBe('SLUG_LOCKED');
    const row = await core.db
      .selectFrom('organizations')
      .select('slug')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.slug).toBe(org.slug);
    const renamed = await updateOrganization(core.deps, userActor(owner.id), org.id, {
      name: 'Renamed',
      slug: org.slug,
    });
    expect(renamed.ok).toBe(true);
  });
});
