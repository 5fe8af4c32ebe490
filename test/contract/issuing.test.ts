import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential, SUPERSEDED_REASON } from '../../src/core/credentials/issue.ts';
import { checkRecipient } from '../../src/core/credentials/recipient-check.ts';
import { resendCredentialEmail } from '../../src/core/credentials/resend.ts';
import { revokeCredential } from '../../src/core/credentials/revoke.ts';
import { verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import type { Badge, Organization, User } from '../../src/core/entities.ts';
import { authorize } from '../../src/core/authz/access.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import { setEmailNotifications } from '../../src/core/organizations/organizations.ts';
import { addMember, seedBadge, seedIssuer, seedOrg, uniqueEmail } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDialects())('issuing on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  async function issue(
    org: Organization,
    owner: User,
    badge: Badge,
    email: string,
    extra: { evidenceUrl?: string; isPublic?: boolean } = {},
  ) {
    return issueCredential(core.deps, userActor(owner.id), org.id, {
      badgeId: badge.id,
      recipientName: 'Jane Doe',
      recipientEmail: email,
      ...extra,
    });
  }
  async function issued(org: Organization, owner: User, badge: Badge, email: string) {
    const result = await issue(org, owner, badge, email);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value.credential;
  }
  const row = (id: string) =>
    core.db
      .selectFrom('credentials')
      .select([
        'revoked_at',
        'revocation_reason',
        'supersedes_credential_id',
        'superseded_by_credential_id',
        'email_outbox_id',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const emailsTo = (to: string) =>
    core.db
      .selectFrom('email_outbox')
      .select(['subject', 'status', 'text', 'kind'])
      .where('to_address', '=', to)
      .orderBy('created_at')
      .execute();

  it('a first-time recipient gets a fresh, verifiable credential and the issuance email', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const email = uniqueEmail('jane');
    const check = await checkRecipient(
      core.deps,
      userActor(owner.id),
      org.id,
      badge.id,
      ` ${email.toUpperCase()} `,
    );
    expect(check.ok && check.value).toEqual({
      state: 'new',
      priorCredentialId: null,
      colour: 'green',
      message: 'First-time recipient.',
    });
    const result = await issue(org, owner, badge, email, {
      evidenceUrl: 'https://example.org/work/1',
    });
    expect(result.ok && result.value.priorState).toBe('new');
    const c = result.ok ? result.value.credential : undefined;
    expect(c).toMatchObject({
      recipientEmail: email,
      evidenceUrl: 'https://example.org/work/1',
      isPublic: true,
      supersedesCredentialId: null,
      badgeName: badge.name,
    });
    expect(c?.shortId).toMatch(/^CRD-[A-Z0-9]{8}$/);
    const mails = await emailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      subject: "🏆 You've earned a new credential!",
      status: 'queued',
      kind: 'credential.issued',
    });
    expect(mails[0]?.text).toContain(`${core.deps.publicUrl}/verify/${c!.shortId}`);
    expect(mails[0]?.text).toContain('View & Verify Credential');
    expect(mails[0]?.text).toContain(c!.shortId);
    const verified = await verifyIssuedCredential(core.deps, c!.id, null);
    expect(verified.ok && verified.value.report.verified).toBe(true);
    expect(verified.ok && verified.value.status).toBe('pending');
  });

  it('renews an expired credential: the new one supersedes it, both links kept, the renewal email says so', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps, {
      badge: { expiresInDays: 30, name: 'Forklift Safety' },
    });
    const email = uniqueEmail('renew');
    const first = await issued(org, owner, badge, email);
    core.advance(31 * DAY);
    try {
      const check = await checkRecipient(core.deps, userActor(owner.id), org.id, badge.id, email);
      expect(check.ok && check.value.state).toBe('expired');
      const second = await issue(org, owner, badge, email);
      expect(second.ok && second.value.priorState).toBe('expired');
      const renewed = second.ok ? second.value.credential : undefined;
      expect(renewed?.supersedesCredentialId).toBe(first.id);
      expect(await row(first.id)).toMatchObject({
        superseded_by_credential_id: renewed!.id,
        revoked_at: null,
      });
      const mails = await emailsTo(email);
      expect(mails.map((m) => m.subject)).toEqual([
        "🏆 You've earned a new credential!",
        'Your Forklift Safety credential has been renewed 🔄',
      ]);
      expect(mails[1]?.text).toContain('now expired');
    } finally {
      core.advance(-31 * DAY);
    }
  });

  it('an active time-bound credential is revoked "Superseded by renewal" and replaced, in one transaction', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps, { badge: { expiresInDays: 365 } });
    const email = uniqueEmail('early');
    const first = await issued(org, owner, badge, email);
    const check = await checkRecipient(core.deps, userActor(owner.id), org.id, badge.id, email);
    expect(check.ok && check.value).toMatchObject({
      state: 'active_time_bound',
      priorCredentialId: first.id,
      colour: 'amber',
    });
    const second = await issued(org, owner, badge, email);
    expect(await row(first.id)).toMatchObject({
      revocation_reason: SUPERSEDED_REASON,
      superseded_by_credential_id: second.id,
    });
    expect(second.supersedesCredentialId).toBe(first.id);
    const old = await verifyIssuedCredential(core.deps, first.id, null);
    expect(old.ok && old.value.report.revocation.outcome).toBe('failed');
    const mails = await emailsTo(email);
    expect(mails[1]?.text).toContain('now revoked');
  });

  it('replaces a revoked credential, which stays revoked', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const email = uniqueEmail('again');
    const first = await issued(org, owner, badge, email);
    expect(
      (await revokeCredential(core.deps, userActor(owner.id), org.id, first.id, 'Issued in error'))
        .ok,
    ).toBe(true);
    const check = await checkRecipient(core.deps, userActor(owner.id), org.id, badge.id, email);
    expect(check.ok && check.value).toMatchObject({
      state: 'revoked',
      colour: 'blue',
      message: 'Issuing replaces a revoked credential.',
    });
    const second = await issued(org, owner, badge, email);
    expect(second.supersedesCredentialId).toBe(first.id);
    expect(await row(first.id)).toMatchObject({
      revocation_reason: 'Issued in error',
      superseded_by_credential_id: second.id,
    });
  });

  it('refuses a second non-expiring credential with CONFLICT and changes nothing', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const email = uniqueEmail('once');
    await issued(org, owner, badge, email);
    const check = await checkRecipient(core.deps, userActor(owner.id), org.id, badge.id, email);
    expect(check.ok && check.value).toMatchObject({
      state: 'active_non_expiring',
      colour: 'red',
      message: 'Recipient already has this credential.',
    });
    const before = await snapshotTables(core.db);
    const again = await issue(org, owner, badge, email.toUpperCase());
    expect(again.ok ? 'ok' : [again.error.code, again.error.details?.reason]).toEqual([
      'CONFLICT',
      'DUPLICATE_CREDENTIAL',
    ]);
    expect(await snapshotTables(core.db)).toEqual(before);
  });

  it('checks every precondition with its own error, writing nothing', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const viewer = await addMember(core.deps, org.id, 'viewer');
    const pending = await seedOrg(core.deps, { approved: false, owner });
    const pendingBadge = await seedBadge(core.deps, pending.org.id);
    const noKeys = await seedOrg(core.deps, { owner });
    const noKeysBadge = await seedBadge(core.deps, noKeys.org.id);
    const inactive = await seedBadge(core.deps, org.id);
    await core.db
      .updateTable('badges')
      .set({ is_active: 0 })
      .where('id', '=', inactive.id)
      .execute();
    const other = await seedIssuer(core.deps);
    const before = await snapshotTables(core.db);
    const email = uniqueEmail('pre');
    const outcome = async (p: Promise<Awaited<ReturnType<typeof issue>>>) => {
      const r = await p;
      const reason = r.ok ? undefined : r.error.details?.reason;
      return r.ok ? 'ok' : `${r.error.code}${typeof reason === 'string' ? `/${reason}` : ''}`;
    };
    expect(
      await outcome(
        issueCredential(core.deps, userActor(viewer.id), org.id, {
          badgeId: badge.id,
          recipientName: 'A',
          recipientEmail: email,
        }),
      ),
    ).toBe('FORBIDDEN/ROLE');
    expect(await outcome(issue(pending.org, owner, pendingBadge, email))).toBe(
      'FORBIDDEN/ORG_NOT_APPROVED',
    );
    expect(await outcome(issue(noKeys.org, owner, noKeysBadge, email))).toBe(
      'FORBIDDEN/NO_SIGNING_KEYS',
    );
    expect(await outcome(issue(org, owner, inactive, email))).toBe('FORBIDDEN/BADGE_INACTIVE');
    expect(await outcome(issue(org, owner, other.badge, email))).toBe('NOT_FOUND');
    expect(await outcome(issue(org, owner, badge, 'not-an-email'))).toBe('VALIDATION_ERROR');
    expect(
      await outcome(issue(org, owner, badge, email, { evidenceUrl: 'javascript:alert(1)' })),
    ).toBe('VALIDATION_ERROR');
    const outsider = await issueCredential(core.deps, userActor(other.owner.id), org.id, {
      badgeId: badge.id,
      recipientName: 'A',
      recipientEmail: email,
    });
    expect(outsider.ok ? 'ok' : outsider.error.code).toBe('NOT_FOUND');
    expect(await snapshotTables(core.db)).toEqual(before);
  });

  it('simultaneous issues of a non-expiring badge to one recipient make exactly one credential', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const email = uniqueEmail('race');
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        issue(org, owner, badge, i % 2 ? email : email.toUpperCase()),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(
      outcomes.filter((o) => !o.ok && o.error.details?.reason === 'DUPLICATE_CREDENTIAL'),
    ).toHaveLength(5);
    const rows = await core.db
      .selectFrom('credentials')
      .select('id')
      .where('badge_id', '=', badge.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('simultaneous renewals of a time-bound badge leave exactly one active credential, a single chain', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps, { badge: { expiresInDays: 90 } });
    const email = uniqueEmail('chain');
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => issue(org, owner, badge, email)),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await core.db
      .selectFrom('credentials')
      .select(['id', 'revoked_at', 'supersedes_credential_id', 'superseded_by_credential_id'])
      .where('badge_id', '=', badge.id)
      .execute();
    expect(rows.filter((r) => r.revoked_at === null)).toHaveLength(1);
    expect(rows.filter((r) => r.superseded_by_credential_id === null)).toHaveLength(1);
    expect(rows.filter((r) => r.supersedes_credential_id === null)).toHaveLength(1);
    // Every link is kept on both sides.
    for (const r of rows.filter((x) => x.supersedes_credential_id)) {
      expect(
        rows.find((x) => x.id === r.supersedes_credential_id)?.superseded_by_credential_id,
      ).toBe(r.id);
    }
  });

  it('the database itself refuses a second current credential for one badge and recipient', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const first = await issued(org, owner, badge, uniqueEmail('db'));
    const copy = await core.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    const another = (superseded: string | null, n: number) =>
      core.db
        .insertInto('credentials')
        .values({
          ...copy,
          id: crypto.randomUUID(),
          short_id: `CRD-DUPL1CA${n}`,
          status_list_index: copy.status_list_index + n,
          superseded_by_credential_id: superseded,
        })
        .execute();
    // A second head is refused by the one-head index...
    await expect(another(null, 1)).rejects.toThrow(
      /credentials_one_head_idx|UNIQUE constraint failed: credentials\.badge_id/,
    );
    // ...while the same row as a superseded link of the chain is accepted: the index, not some other constraint, refused it.
    await expect(another(first.id, 2)).resolves.toBeDefined();
  });

  it('counts each recipient once a month; with K slots left, N simultaneous new recipients get exactly K', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const month = core.deps.clock.now().toISOString().slice(0, 7);
    const filler = Array.from({ length: 997 }, (_, i) => ({
      organization_id: org.id,
      month,
      email_normalized: `filler-${i}@example.test`,
      created_at: new Date().toISOString(),
    }));
    for (let i = 0; i < filler.length; i += 200)
      await core.db
        .insertInto('quota_recipients')
        .values(filler.slice(i, i + 200))
        .execute();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => issue(org, owner, badge, uniqueEmail('quota'))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused && !refused.ok && refused.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Monthly quota reached: your plan allows 1,000 unique recipients per month.',
      details: {
        reason: 'QUOTA_EXCEEDED',
        limit: 1000,
        used: 1000,
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    });
    // A recipient already counted this month is free: reissuing (after revoking) works at the limit.
    const counted = outcomes.find((o) => o.ok);
    const c = counted?.ok ? counted.value.credential : undefined;
    expect(
      (await revokeCredential(core.deps, userActor(owner.id), org.id, c!.id, 'Wrong date')).ok,
    ).toBe(true);
    const reissued = await issue(org, owner, badge, c!.recipientEmail);
    expect(reissued.ok).toBe(true);
    // The count starts again next month.
    core.setNow(new Date('2026-12-01T00:00:01Z'));
    try {
      expect((await issue(org, owner, badge, uniqueEmail('december'))).ok).toBe(true);
    } finally {
      core.setNow(new Date('2026-11-25T12:00:00Z'));
    }
  });

  it('revoking: Owner and Admin only, a reason required, final, and the quota is not given back', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const issuer = await addMember(core.deps, org.id, 'issuer');
    const admin = await addMember(core.deps, org.id, 'admin');
    const c = await issued(org, owner, badge, uniqueEmail('revoke'));
    const other = await seedIssuer(core.deps);
    const before = await snapshotTables(core.db);
    const byIssuer = await revokeCredential(core.deps, userActor(issuer.id), org.id, c.id, 'No');
    expect(byIssuer.ok ? 'ok' : byIssuer.error.code).toBe('FORBIDDEN');
    const blank = await revokeCredential(core.deps, userActor(admin.id), org.id, c.id, '   ');
    expect(blank.ok ? 'ok' : blank.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { fields: { reason: 'Give a reason for the revocation.' } },
    });
    const foreign = await revokeCredential(
      core.deps,
      userActor(other.owner.id),
      other.org.id,
      c.id,
      'Not mine',
    );
    expect(foreign.ok ? 'ok' : foreign.error.code).toBe('NOT_FOUND');
    expect(await snapshotTables(core.db)).toEqual(before);
    const quotaBefore = await core.db
      .selectFrom('quota_recipients')
      .select('email_normalized')
      .where('organization_id', '=', org.id)
      .execute();

    const revoked = await revokeCredential(
      core.deps,
      userActor(admin.id),
      org.id,
      c.id,
      '  Recipient withdrew from program. ',
    );
    expect(revoked.ok && revoked.value).toMatchObject({
      revocationReason: 'Recipient withdrew from program.',
      revokedBy: admin.id,
    });
    expect(await row(c.id)).toMatchObject({
      revocation_reason: 'Recipient withdrew from program.',
    });
    const again = await revokeCredential(core.deps, userActor(owner.id), org.id, c.id, 'Twice');
    expect(again.ok ? 'ok' : again.error.details?.reason).toBe('ALREADY_REVOKED');
    expect(
      await core.db
        .selectFrom('quota_recipients')
        .select('email_normalized')
        .where('organization_id', '=', org.id)
        .execute(),
    ).toEqual(quotaBefore);
  });

  it('resending: Owner/Admin, not within 7 days unless the last send failed, never with emails off', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const issuer = await addMember(core.deps, org.id, 'issuer');
    const email = uniqueEmail('resend');
    const c = await issued(org, owner, badge, email);
    const byIssuer = await resendCredentialEmail(core.deps, userActor(issuer.id), org.id, c.id);
    expect(byIssuer.ok ? 'ok' : byIssuer.error.code).toBe('FORBIDDEN');
    const tooSoon = await resendCredentialEmail(core.deps, userActor(owner.id), org.id, c.id);
    expect(tooSoon.ok ? 'ok' : tooSoon.error.details).toEqual({
      reason: 'EMAIL_COOLDOWN',
      availableAt: '2026-12-02T12:00:00.000Z',
    });
    // The last send failed: a resend is allowed at once.
    await core.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: '550 mailbox unavailable' })
      .where('to_address', '=', email)
      .execute();
    const afterFailure = await resendCredentialEmail(core.deps, userActor(owner.id), org.id, c.id);
    expect(afterFailure.ok).toBe(true);
    expect((await row(c.id)).email_outbox_id).toBe(
      afterFailure.ok ? afterFailure.value.outboxId : null,
    );
    // Two at once after the cooldown: one goes out.
    core.advance(7 * DAY + 1000);
    try {
      const both = await Promise.all([
        resendCredentialEmail(core.deps, userActor(owner.id), org.id, c.id),
        resendCredentialEmail(core.deps, userActor(owner.id), org.id, c.id),
      ]);
      expect(both.filter((r) => r.ok)).toHaveLength(1);
    } finally {
      core.advance(-(7 * DAY + 1000));
    }
    expect(await emailsTo(email)).toHaveLength(3);
    expect((await setEmailNotifications(core.deps, userActor(owner.id), org.id, false)).ok).toBe(
      true,
    );
    const off = await resendCredentialEmail(core.deps, userActor(owner.id), org.id, c.id);
    expect(off.ok ? 'ok' : off.error.details?.reason).toBe('EMAILS_DISABLED');
  });

  it('with emails turned off, the issuance email is recorded as suppressed', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    expect((await setEmailNotifications(core.deps, userActor(owner.id), org.id, false)).ok).toBe(
      true,
    );
    const email = uniqueEmail('quiet');
    await issued(org, owner, badge, email);
    expect(await emailsTo(email)).toMatchObject([
      { subject: "🏆 You've earned a new credential!", status: 'suppressed' },
    ]);
  });

  it("an API key acts for its own organization, and only with the v1 API's actions", async () => {
    const { org } = await seedIssuer(core.deps);
    const other = await seedIssuer(core.deps);
    const key = { kind: 'api_key' as const, apiKeyId: 'k1', organizationId: org.id };
    const s = core.deps.uow.stores;
    expect((await authorize(s, org.id, key, 'credentials.issue')).ok).toBe(true);
    const manage = await authorize(s, org.id, key, 'api_keys.manage');
    expect(manage.ok ? 'ok' : [manage.error.code, manage.error.details?.reason]).toEqual([
      'FORBIDDEN',
      'API_KEY',
    ]);
    const update = await authorize(s, org.id, key, 'organization.update');
    expect(update.ok ? 'ok' : update.error.code).toBe('FORBIDDEN');
    const elsewhere = await authorize(s, other.org.id, key, 'credentials.view');
    expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('NOT_FOUND');
  });
});
