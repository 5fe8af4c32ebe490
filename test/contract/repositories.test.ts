import { userActor } from '../../src/core/authz/actor.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE, addMs } from '../../src/core/clock.ts';
import type { User } from '../../src/core/entities.ts';
import { SLUG_PATTERN, slugify } from '../../src/core/organizations/organization-input.ts';
import { createOrganization } from '../../src/core/organizations/organizations.ts';
import type { Stores } from '../../src/core/ports/unit-of-work.ts';
import { hashToken, newToken } from '../../src/core/tokens.ts';
import { uniqueEmail } from '../factories/index.ts';
import { TEST_NOW, createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

const T0 = TEST_NOW;
const at = (ms: number) => addMs(T0, ms);
const unique = () =>
  newToken()
    .slice(0, 10)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');

describe.each(testDialects())('repositories on %s', (dialect) => {
  let core: TestCore;
  let s: Stores;

  beforeAll(async () => {
    core = await createTestCore(dialect);
    s = core.deps.uow.stores;
  });
  afterAll(async () => {
    await core.destroy();
  });

  const newUser = (email = uniqueEmail(), opts: { admin?: boolean } = {}) =>
    s.users.create(
      {
        email,
        firstName: 'Ada',
        lastName: 'Lovelace',
        passwordHash: 'hash-of-secret',
        emailVerifiedAt: null,
        isPlatformAdmin: opts.admin ?? false,
      },
      T0,
    );
  const newOrg = (owner: User, o: { name?: string; slug?: string } = {}) => {
    const slug = o.slug ?? `org-${unique()}`;
    return s.organizations.create(
      {
        name: o.name ?? `Org ${slug}`,
        slug,
        website: null,
        description: null,
        createdBy: owner.id,
      },
      T0,
    );
  };

  describe('users', () => {
    it('stores the email trimmed and finds it trimmed and case-insensitively', async () => {
      const tag = unique();
      const created = await newUser(`  Ada.${tag}@Example.ORG `);
      expect(created.email).toBe(`Ada.${tag}@Example.ORG`);
      for (const probe of [
        `ada.${tag}@example.org`,
        ` ADA.${tag}@EXAMPLE.ORG  `,
        `Ada.${tag}@Example.ORG`,
      ]) {
        expect((await s.users.findByEmail(probe))?.id, probe).toBe(created.id);
      }
      expect(await s.users.findByEmail(`ada.${tag}@example.com`)).toBeUndefined();
      expect(await s.users.findById(created.id)).toEqual(created);
    });

    it('refuses, in the database, a second account whose email differs only in case or spaces', async () => {
      const email = uniqueEmail('dup');
      await newUser(email);
      await expect(newUser(` ${email.toUpperCase()} `)).rejects.toThrow();
      const rows = await core.db
        .selectFrom('users')
        .select('id')
        .where('email_normalized', '=', email.toLowerCase())
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps the password hash out of the user and reads it only through findPasswordHash', async () => {
      const u = await newUser();
      expect(Object.keys(u)).not.toContain('passwordHash');
      expect(JSON.stringify(await s.users.findById(u.id))).not.toContain('hash-of-secret');
      expect(await s.users.findPasswordHash(u.id)).toBe('hash-of-secret');
      await s.users.updatePassword(u.id, 'new-hash', at(1000));
      expect(await s.users.findPasswordHash(u.id)).toBe('new-hash');
      expect(await s.users.findPasswordHash('no-such-user')).toBeUndefined();
    });

    it('marks the email verified once: a later call keeps the first instant', async () => {
      const u = await newUser();
      expect(u.emailVerifiedAt).toBeNull();
      await s.users.markEmailVerified(u.id, at(MINUTE));
      await s.users.markEmailVerified(u.id, at(2 * MINUTE));
      expect((await s.users.findById(u.id))?.emailVerifiedAt).toEqual(at(MINUTE));
    });

    it('counts platform admins as the flag changes', async () => {
      const before = await s.users.countPlatformAdmins();
      const a = await newUser(uniqueEmail(), { admin: true });
      expect(a.isPlatformAdmin).toBe(true);
      expect(await s.users.countPlatformAdmins()).toBe(before + 1);
      const b = await newUser();
      await s.users.setPlatformAdmin(b.id, true, T0);
      expect(await s.users.countPlatformAdmins()).toBe(before + 2);
      expect((await s.users.findById(b.id))?.isPlatformAdmin).toBe(true);
      await s.users.setPlatformAdmin(a.id, false, T0);
      expect(await s.users.countPlatformAdmins()).toBe(before + 1);
    });
  });

  describe('sessions', () => {
    it('finds a session by its token hash and not by anything else', async () => {
      const u = await newUser();
      const tokenHash = hashToken(newToken());
      const created = await s.sessions.create({ tokenHash, userId: u.id, expiresAt: at(DAY) }, T0);
      expect(created).toMatchObject({
        userId: u.id,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: at(DAY),
      });
      expect(await s.sessions.findByTokenHash(tokenHash)).toEqual(created);
      expect(await s.sessions.findByTokenHash(hashToken(newToken()))).toBeUndefined();
    });

    it('touch moves last-seen only', async () => {
      const u = await newUser();
      const tokenHash = hashToken(newToken());
      const created = await s.sessions.create({ tokenHash, userId: u.id, expiresAt: at(DAY) }, T0);
      await s.sessions.touch(created.id, at(10 * MINUTE));
      expect(await s.sessions.findByTokenHash(tokenHash)).toEqual({
        ...created,
        lastSeenAt: at(10 * MINUTE),
      });
    });

    it('deletes one session, or every session of one user only', async () => {
      const [u, other] = [await newUser(), await newUser()];
      const hashes = [hashToken(newToken()), hashToken(newToken()), hashToken(newToken())];
      const first = await s.sessions.create(
        { tokenHash: hashes[0]!, userId: u.id, expiresAt: at(DAY) },
        T0,
      );
      await s.sessions.create({ tokenHash: hashes[1]!, userId: u.id, expiresAt: at(DAY) }, T0);
      await s.sessions.create({ tokenHash: hashes[2]!, userId: other.id, expiresAt: at(DAY) }, T0);
      await s.sessions.delete(first.id);
      expect(await s.sessions.findByTokenHash(hashes[0]!)).toBeUndefined();
      expect(await s.sessions.findByTokenHash(hashes[1]!)).toBeDefined();
      await s.sessions.deleteAllForUser(u.id);
      expect(await s.sessions.findByTokenHash(hashes[1]!)).toBeUndefined();
      expect((await s.sessions.findByTokenHash(hashes[2]!))?.userId).toBe(other.id);
    });

    it('refuses two sessions with the same token hash', async () => {
      const u = await newUser();
      const tokenHash = hashToken(newToken());
      await s.sessions.create({ tokenHash, userId: u.id, expiresAt: at(DAY) }, T0);
      await expect(
        s.sessions.create({ tokenHash, userId: u.id, expiresAt: at(DAY) }, T0),
      ).rejects.toThrow();
    });
  });

  describe('account tokens', () => {
    const make = async (
      purpose: 'verify_email' | 'reset_password' = 'verify_email',
      expiresAt = at(DAY),
    ) => {
      const u = await newUser();
      const tokenHash = hashToken(newToken());
      await s.accountTokens.create({ tokenHash, userId: u.id, purpose, expiresAt }, T0);
      return { user: u, tokenHash };
    };

    it('finds a usable token only for its own purpose', async () => {
      const { user, tokenHash } = await make('verify_email');
      const found = await s.accountTokens.findUsable(tokenHash, 'verify_email', T0);
      expect(found?.userId).toBe(user.id);
      expect(found?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await s.accountTokens.findUsable(tokenHash, 'reset_password', T0)).toBeUndefined();
    });

    it('is usable until the millisecond before it expires, not at the expiry instant', async () => {
      const { tokenHash } = await make('reset_password', at(DAY));
      expect(
        await s.accountTokens.findUsable(tokenHash, 'reset_password', at(DAY - 1)),
      ).toBeDefined();
      expect(
        await s.accountTokens.findUsable(tokenHash, 'reset_password', at(DAY)),
      ).toBeUndefined();
      expect(
        await s.accountTokens.findUsable(tokenHash, 'reset_password', at(DAY + 1)),
      ).toBeUndefined();
    });

    it('is consumed only once', async () => {
      const { tokenHash } = await make();
      const found = await s.accountTokens.findUsable(tokenHash, 'verify_email', T0);
      expect(found).toBeDefined();
      expect(await s.accountTokens.consume(found!.id, at(1))).toBe(true);
      expect(await s.accountTokens.consume(found!.id, at(2))).toBe(false);
      expect(await s.accountTokens.findUsable(tokenHash, 'verify_email', at(3))).toBeUndefined();
      const row = await core.db
        .selectFrom('account_tokens')
        .select('used_at')
        .where('id', '=', found!.id)
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBe(at(1).toISOString());
    });

    it('invalidateAll ends every unused token of one user and one purpose only', async () => {
      const { user, tokenHash: verify1 } = await make('verify_email');
      const verify2 = hashToken(newToken());
      const reset = hashToken(newToken());
      await s.accountTokens.create(
        { tokenHash: verify2, userId: user.id, purpose: 'verify_email', expiresAt: at(DAY) },
        T0,
      );
      await s.accountTokens.create(
        { tokenHash: reset, userId: user.id, purpose: 'reset_password', expiresAt: at(DAY) },
        T0,
      );
      const other = await make('verify_email');
      await s.accountTokens.invalidateAll(user.id, 'verify_email', at(5));
      expect(await s.accountTokens.findUsable(verify1, 'verify_email', at(6))).toBeUndefined();
      expect(await s.accountTokens.findUsable(verify2, 'verify_email', at(6))).toBeUndefined();
      expect(await s.accountTokens.findUsable(reset, 'reset_password', at(6))).toBeDefined();
      expect(
        await s.accountTokens.findUsable(other.tokenHash, 'verify_email', at(6)),
      ).toBeDefined();
    });
  });

  describe('throttle', () => {
    it('counts events strictly after `since`, per bucket and subject', async () => {
      const subject = uniqueEmail('throttle');
      await s.throttle.record('sign_in_account', subject, T0);
      await s.throttle.record('sign_in_account', subject, at(MINUTE));
      await s.throttle.record('sign_in_account', subject, at(2 * MINUTE));
      await s.throttle.record('password_reset', subject, at(MINUTE));
      await s.throttle.record('sign_in_account', `other-${subject}`, at(MINUTE));
      expect(await s.throttle.count('sign_in_account', subject, at(-1))).toBe(3);
      expect(await s.throttle.count('sign_in_account', subject, T0)).toBe(2);
      expect(await s.throttle.count('sign_in_account', subject, at(MINUTE - 1))).toBe(2);
      expect(await s.throttle.count('sign_in_account', subject, at(2 * MINUTE))).toBe(0);
      expect(await s.throttle.count('password_reset', subject, at(-1))).toBe(1);
    });

    it('a 15-minute window drops the event recorded exactly 15 minutes ago', async () => {
      const subject = uniqueEmail('window');
      await s.throttle.record('resend_verification', subject, T0);
      const now = at(15 * MINUTE);
      expect(
        await s.throttle.count('resend_verification', subject, addMs(now, -15 * MINUTE + 1)),
      ).toBe(0);
      expect(
        await s.throttle.count('resend_verification', subject, addMs(now, -15 * MINUTE - 1)),
      ).toBe(1);
    });

    it('clear empties one bucket of one subject only', async () => {
      const subject = uniqueEmail('clear');
      await s.throttle.record('sign_in_account', subject, T0);
      await s.throttle.record('sign_in_ip', subject, T0);
      await s.throttle.record('sign_in_account', `x-${subject}`, T0);
      await s.throttle.clear('sign_in_account', subject);
      expect(await s.throttle.count('sign_in_account', subject, at(-1))).toBe(0);
      expect(await s.throttle.count('sign_in_ip', subject, at(-1))).toBe(1);
      expect(await s.throttle.count('sign_in_account', `x-${subject}`, at(-1))).toBe(1);
    });
  });

  describe('organizations', () => {
    it('creates in pending review on Free with emails on, and reads it back by id and slug', async () => {
      const owner = await newUser();
      const org = await newOrg(owner, { name: 'Acme' });
      expect(org).toMatchObject({
        name: 'Acme',
        status: 'pending_review',
        statusReason: null,
        emailsEnabled: true,
        logoPath: null,
        subscription: { plan: 'free', source: 'FREE', grantExpiresAt: null },
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await s.organizations.findById(org.id)).toEqual(org);
      expect(await s.organizations.findBySlug(org.slug)).toEqual(org);
      expect(
        await s.organizations.findById('00000000-0000-0000-0000-000000000000'),
      ).toBeUndefined();
    });

    it('keeps slugs unique in the database', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      await expect(newOrg(owner, { slug: org.slug })).rejects.toThrow();
      const other = await newOrg(owner);
      await expect(
        s.organizations.updateDetails(
          other.id,
          { name: 'X', slug: org.slug, website: null, description: null, linkedinCompanyId: null },
          T0,
        ),
      ).rejects.toThrow();
      expect((await s.organizations.findById(other.id))?.slug).toBe(other.slug);
    });

    it('slugTaken ignores the organization being edited', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      expect(await s.organizations.slugTaken(org.slug)).toBe(true);
      expect(await s.organizations.slugTaken(org.slug, org.id)).toBe(false);
      expect(await s.organizations.slugTaken(`free-${unique()}`)).toBe(false);
    });

    it('updates details, status, email toggle, logo and subscription', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      const slug = `renamed-${unique()}`;
      await s.organizations.updateDetails(
        org.id,
        {
          name: 'Renamed',
          slug,
          website: 'https://r.example',
          description: 'D',
          linkedinCompanyId: '2414183',
        },
        at(1),
      );
      await s.organizations.setStatus(org.id, 'rejected', 'Needs a website', at(2));
      await s.organizations.setEmailsEnabled(org.id, false, at(3));
      await s.organizations.setLogo(org.id, 'logos/x.png', at(4));
      await s.organizations.setSubscription(
        org.id,
        { plan: 'professional', source: 'GRANTED', grantExpiresAt: at(DAY) },
        at(5),
      );
      expect(await s.organizations.findById(org.id)).toEqual({
        ...org,
        name: 'Renamed',
        slug,
        website: 'https://r.example',
        description: 'D',
        linkedinCompanyId: '2414183',
        status: 'rejected',
        statusReason: 'Needs a website',
        emailsEnabled: false,
        logoPath: 'logos/x.png',
        subscription: { plan: 'professional', source: 'GRANTED', grantExpiresAt: at(DAY) },
        updatedAt: at(5),
      });
      await s.organizations.setSubscription(
        org.id,
        { plan: 'free', source: 'FREE', grantExpiresAt: null },
        at(6),
      );
      expect((await s.organizations.findById(org.id))?.subscription).toEqual({
        plan: 'free',
        source: 'FREE',
        grantExpiresAt: null,
      });
    });

    it('lists the organizations of one user, by name, with the role held in each', async () => {
      const [u, other] = [await newUser(), await newUser()];
      const tag = unique();
      const b = await newOrg(other, { name: `B ${tag}` });
      const a = await newOrg(other, { name: `A ${tag}` });
      const c = await newOrg(other, { name: `C ${tag}` });
      await s.memberships.add({ organizationId: b.id, userId: u.id, role: 'issuer' }, T0);
      await s.memberships.add({ organizationId: a.id, userId: u.id, role: 'owner' }, T0);
      await s.memberships.add({ organizationId: c.id, userId: other.id, role: 'owner' }, T0);
      const mine = await s.organizations.listForUser(u.id);
      expect(mine.map((x) => [x.organization.name, x.role])).toEqual([
        [`A ${tag}`, 'owner'],
        [`B ${tag}`, 'issuer'],
      ]);
      expect(mine[0]!.organization).toEqual(a);
      expect(await s.organizations.listForUser((await newUser()).id)).toEqual([]);
    });

    it('lists expired grants: ended at or before now, never open-ended ones', async () => {
      const owner = await newUser();
      const now = at(30 * DAY);
      const orgs = {
        endedLongAgo: await newOrg(owner),
        endsNow: await newOrg(owner),
        endsNextMs: await newOrg(owner),
        openEnded: await newOrg(owner),
        free: await newOrg(owner),
      };
      await s.organizations.setSubscription(
        orgs.endedLongAgo.id,
        { plan: 'enterprise', source: 'PARTNER', grantExpiresAt: at(DAY) },
        T0,
      );
      await s.organizations.setSubscription(
        orgs.endsNow.id,
        { plan: 'professional', source: 'GRANTED', grantExpiresAt: now },
        T0,
      );
      await s.organizations.setSubscription(
        orgs.endsNextMs.id,
        { plan: 'professional', source: 'GRANTED', grantExpiresAt: addMs(now, 1) },
        T0,
      );
      await s.organizations.setSubscription(
        orgs.openEnded.id,
        { plan: 'professional', source: 'GRANTED', grantExpiresAt: null },
        T0,
      );
      const ours = new Set(Object.values(orgs).map((o) => o.id));
      const expired = (await s.organizations.listExpiredGrants(now))
        .filter((o) => ours.has(o.id))
        .map((o) => o.id);
      expect(expired.sort()).toEqual([orgs.endedLongAgo.id, orgs.endsNow.id].sort());
    });

    it('lists by status', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      await s.organizations.setStatus(org.id, 'suspended', 'abuse', T0);
      expect((await s.organizations.listByStatus('suspended')).map((o) => o.id)).toContain(org.id);
      expect((await s.organizations.listByStatus('approved')).map((o) => o.id)).not.toContain(
        org.id,
      );
      expect((await s.organizations.listByStatus(undefined)).map((o) => o.id)).toContain(org.id);
    });

    it('lock runs inside a transaction and lets it commit', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      await core.deps.uow.transaction(async (tx) => {
        await tx.organizations.lock(org.id);
        await tx.organizations.setEmailsEnabled(org.id, false, T0);
      });
      expect((await s.organizations.findById(org.id))?.emailsEnabled).toBe(false);
    });

    it('a generated slug stays a valid slug when the name is taken (createOrganization)', async () => {
      const owner = await newUser();
      await s.users.markEmailVerified(owner.id, T0);
      // 54 letters, then a word: slugify keeps "aaa…a-bcdef", whose 55th character is the hyphen.
      const name = `${'a'.repeat(54)} bcdefgh ${unique()}`;
      const first = await createOrganization(core.deps, userActor(owner.id), { name });
      const second = await createOrganization(core.deps, userActor(owner.id), { name });
      expect(first.ok && second.ok).toBe(true);
      if (!first.ok || !second.ok) return;
      expect(first.value.slug).toBe(slugify(name));
      expect(second.value.slug).not.toBe(first.value.slug);
      expect(second.value.slug).toMatch(SLUG_PATTERN);
    });
  });

  describe('memberships', () => {
    it('adds, finds, lists with the person, changes role and removes', async () => {
      const [owner, member] = [await newUser(), await newUser()];
      const org = await newOrg(owner);
      await s.memberships.add({ organizationId: org.id, userId: owner.id, role: 'owner' }, T0);
      await s.memberships.add({ organizationId: org.id, userId: member.id, role: 'viewer' }, at(1));
      expect(await s.memberships.find(org.id, member.id)).toEqual({
        organizationId: org.id,
        userId: member.id,
        role: 'viewer',
        createdAt: at(1),
      });
      const listed = await s.memberships.list(org.id);
      expect(listed.map((m) => [m.userId, m.role, m.email, m.firstName, m.lastName])).toEqual([
        [owner.id, 'owner', owner.email, 'Ada', 'Lovelace'],
        [member.id, 'viewer', member.email, 'Ada', 'Lovelace'],
      ]);
      await s.memberships.setRole(org.id, member.id, 'admin');
      expect((await s.memberships.find(org.id, member.id))?.role).toBe('admin');
      await s.memberships.remove(org.id, member.id);
      expect(await s.memberships.find(org.id, member.id)).toBeUndefined();
      expect((await s.memberships.list(org.id)).map((m) => m.userId)).toEqual([owner.id]);
    });

    it('the primary key refuses a second membership of the same person in the same organization', async () => {
      const [owner, member] = [await newUser(), await newUser()];
      const org = await newOrg(owner);
      await s.memberships.add({ organizationId: org.id, userId: member.id, role: 'viewer' }, T0);
      await expect(
        s.memberships.add({ organizationId: org.id, userId: member.id, role: 'owner' }, T0),
      ).rejects.toThrow();
      expect((await s.memberships.find(org.id, member.id))?.role).toBe('viewer');
      // The same person may belong to another organization.
      const other = await newOrg(owner);
      await s.memberships.add({ organizationId: other.id, userId: member.id, role: 'owner' }, T0);
    });

    it('counts owners of one organization only', async () => {
      const owner = await newUser();
      const [org, other] = [await newOrg(owner), await newOrg(owner)];
      expect(await s.memberships.countOwners(org.id)).toBe(0);
      await s.memberships.add({ organizationId: org.id, userId: owner.id, role: 'owner' }, T0);
      await s.memberships.add({ organizationId: other.id, userId: owner.id, role: 'owner' }, T0);
      const second = await newUser();
      await s.memberships.add({ organizationId: org.id, userId: second.id, role: 'admin' }, T0);
      expect(await s.memberships.countOwners(org.id)).toBe(1);
      await s.memberships.setRole(org.id, second.id, 'owner');
      expect(await s.memberships.countOwners(org.id)).toBe(2);
      expect(await s.memberships.countOwners(other.id)).toBe(1);
    });

    it('refuses a membership of an organization or user that does not exist', async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      await expect(
        s.memberships.add({ organizationId: 'missing-org', userId: owner.id, role: 'owner' }, T0),
      ).rejects.toThrow();
      await expect(
        s.memberships.add({ organizationId: org.id, userId: 'missing-user', role: 'owner' }, T0),
      ).rejects.toThrow();
    });
  });

  describe('invitations', () => {
    const setup = async () => {
      const owner = await newUser();
      const org = await newOrg(owner);
      const invite = (email: string, role: 'owner' | 'admin' | 'issuer' | 'viewer' = 'viewer') =>
        s.invitations.create(
          {
            organizationId: org.id,
            email,
            role,
            tokenHash: hashToken(newToken()),
            invitedBy: owner.id,
          },
          T0,
        );
      return { owner, org, invite };
    };
    const pendingRows = (orgId: string, email: string) =>
      core.db
        .selectFrom('invitations')
        .select(['id', 'status'])
        .where('organization_id', '=', orgId)
        .where('email_normalized', '=', email.toLowerCase())
        .execute();

    it('the partial unique index allows one pending invitation per organization and email', async () => {
      const { org, invite } = await setup();
      const email = uniqueEmail('invitee');
      const first = await invite(`  ${email} `);
      expect(first).toMatchObject({
        organizationId: org.id,
        email,
        status: 'pending',
        role: 'viewer',
      });
      await expect(invite(email.toUpperCase(), 'admin')).rejects.toThrow();
      expect(await pendingRows(org.id, email)).toEqual([{ id: first.id, status: 'pending' }]);
    });

    it('allows a new invitation once the pending one was declined (or cancelled, or accepted)', async () => {
      const { org, invite } = await setup();
      const email = uniqueEmail('again');
      const first = await invite(email);
      expect(await s.invitations.respond(first.id, 'declined', at(1))).toBe(true);
      const second = await invite(email);
      expect(await s.invitations.respond(second.id, 'cancelled', at(2))).toBe(true);
      const third = await invite(email);
      expect(await s.invitations.respond(third.id, 'accepted', at(3))).toBe(true);
      const fourth = await invite(email);
      await expect(invite(email)).rejects.toThrow();
      const rows = await pendingRows(org.id, email);
      expect(rows.filter((r) => r.status === 'pending').map((r) => r.id)).toEqual([fourth.id]);
      expect(rows).toHaveLength(4);
    });

    it('the same email may be pending in two organizations', async () => {
      const a = await setup();
      const b = await setup();
      const email = uniqueEmail('both');
      await a.invite(email);
      await b.invite(email);
      expect(
        (await s.invitations.listPendingForEmail(email)).map((i) => i.organizationId).sort(),
      ).toEqual([a.org.id, b.org.id].sort());
    });

    it('respond moves only a pending invitation, once', async () => {
      const { invite } = await setup();
      const inv = await invite(uniqueEmail());
      expect(await s.invitations.respond(inv.id, 'accepted', at(1))).toBe(true);
      for (const status of ['accepted', 'declined', 'cancelled'] as const) {
        expect(await s.invitations.respond(inv.id, status, at(2))).toBe(false);
      }
      expect((await s.invitations.findById(inv.id))?.status).toBe('accepted');
      const row = await core.db
        .selectFrom('invitations')
        .select('responded_at')
        .where('id', '=', inv.id)
        .executeTakeFirstOrThrow();
      expect(row.responded_at).toBe(at(1).toISOString());
      expect(await s.invitations.respond('no-such-invitation', 'declined', at(3))).toBe(false);
    });

    it('finds pending invitations by token, by email (case-insensitively) and by organization, with the org name', async () => {
      const owner = await newUser();
      const org = await newOrg(owner, { name: 'Invitations Inc' });
      const email = uniqueEmail('find');
      const tokenHash = hashToken(newToken());
      const inv = await s.invitations.create(
        { organizationId: org.id, email, role: 'admin', tokenHash, invitedBy: owner.id },
        T0,
      );
      const withOrg = { ...inv, organizationName: 'Invitations Inc', organizationSlug: org.slug };
      expect(await s.invitations.findPendingByTokenHash(tokenHash)).toEqual(withOrg);
      expect(await s.invitations.findById(inv.id)).toEqual(withOrg);
      expect(await s.invitations.findPendingForEmail(org.id, ` ${email.toUpperCase()} `)).toEqual(
        inv,
      );
      expect(await s.invitations.listPendingForEmail(email.toUpperCase())).toEqual([withOrg]);
      expect(await s.invitations.listPendingForOrganization(org.id)).toEqual([inv]);
      await s.invitations.respond(inv.id, 'declined', at(1));
      expect(await s.invitations.findPendingByTokenHash(tokenHash)).toBeUndefined();
      expect(await s.invitations.findPendingForEmail(org.id, email)).toBeUndefined();
      expect(await s.invitations.listPendingForEmail(email)).toEqual([]);
      expect(await s.invitations.listPendingForOrganization(org.id)).toEqual([]);
      expect((await s.invitations.findById(inv.id))?.status).toBe('declined');
    });

    it('counts pending owner invitations only', async () => {
      const { org, invite } = await setup();
      const o1 = await invite(uniqueEmail(), 'owner');
      await invite(uniqueEmail(), 'owner');
      await invite(uniqueEmail(), 'admin');
      expect(await s.invitations.countPendingOwnerInvitations(org.id)).toBe(2);
      await s.invitations.respond(o1.id, 'declined', at(1));
      expect(await s.invitations.countPendingOwnerInvitations(org.id)).toBe(1);
    });
  });
});
