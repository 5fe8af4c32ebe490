import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/core/credentials/issue.ts';
import type { Credential, User } from '../../src/core/entities.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { getProfile, updateProfile } from '../../src/core/profiles/profile.ts';
import type { ProfileInput } from '../../src/core/profiles/profile-input.ts';
import { getPublicProfile } from '../../src/core/profiles/public-profile.ts';
import { listWallet, setShownOnProfile } from '../../src/core/profiles/wallet.ts';
import type { Result } from '../../src/core/result.ts';
import { issuerDid } from '../../src/core/signing-keys/issuer-did.ts';
import {
  seedBadge,
  seedCredential,
  seedIssuer,
  seedUser,
  uniqueEmail,
} from '../factories/index.ts';
import { TEST_PUBLIC_URL, createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

const hex = () => randomBytes(3).toString('hex');

function profileOf(u: User, changes: Partial<ProfileInput> = {}): ProfileInput {
  return {
    firstName: u.firstName,
    lastName: u.lastName,
    profileSlug: u.profileSlug,
    linkedinUrl: u.linkedinUrl,
    ...changes,
  };
}

/** The field a refusal names, or the code when it names none. */
function refusedField(r: Result<unknown, ErrorCode>): string {
  if (r.ok) return 'ok';
  const fields = r.error.details?.fields as Record<string, string> | undefined;
  return fields ? Object.keys(fields).join(',') : r.error.code;
}

/**
 * The recipient's profile and wallet (public-profile.md, creating-an-account.md): profile
 * rules, who may hold a slug, what the public profile shows, and the dashboard's wallet.
 */
describe.each(testDialects())('profiles on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const claim = async (c: Credential, u: User) =>
    expect(await core.deps.uow.stores.credentials.claim(c.id, u.id, core.deps.clock.now())).toBe(
      true,
    );

  describe('editing a profile', () => {
    it('saves name, a lower-cased slug and a LinkedIn URL, and keeps its own slug on a second save', async () => {
      const user = await seedUser(core.deps);
      const slug = `Ada-Lovelace-${hex()}`;
      const saved = await updateProfile(core.deps, userActor(user.id), {
        firstName: '  Ada ',
        lastName: 'Lovelace',
        profileSlug: `  ${slug} `,
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
      });
      expect(saved.ok && saved.value.profileSlug).toBe(slug.toLowerCase());
      const stored = await getProfile(core.deps, userActor(user.id));
      expect(stored.ok && stored.value).toMatchObject({
        firstName: 'Ada',
        lastName: 'Lovelace',
        profileSlug: slug.toLowerCase(),
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
      });
      const again = await updateProfile(core.deps, userActor(user.id), {
        firstName: 'Augusta',
        lastName: 'Lovelace',
        profileSlug: slug.toLowerCase(),
        linkedinUrl: '',
      });
      expect(again.ok).toBe(true);
      expect(await core.deps.uow.stores.users.findById(user.id)).toMatchObject({
        firstName: 'Augusta',
        profileSlug: slug.toLowerCase(),
        linkedinUrl: null,
      });
    });

    it('accepts LinkedIn on linkedin.com and its subdomains, over https only', async () => {
      const user = await seedUser(core.deps);
      for (const url of [
        'https://linkedin.com/in/ada',
        'https://uk.linkedin.com/in/ada',
        'https://WWW.LinkedIn.com/in/ada',
      ]) {
        expect(
          refusedField(
            await updateProfile(
              core.deps,
              userActor(user.id),
              profileOf(user, { linkedinUrl: url }),
            ),
          ),
        ).toBe('ok');
      }
    });

    it.each([
      ['profileSlug', { profileSlug: 'ab' }],
      ['profileSlug', { profileSlug: 'a'.repeat(41) }],
      ['profileSlug', { profileSlug: '-ada' }],
      ['profileSlug', { profileSlug: 'ada-' }],
      ['profileSlug', { profileSlug: 'ada lovelace' }],
      ['profileSlug', { profileSlug: 'ada--lovelace' }],
      ['profileSlug', { profileSlug: 'adà-lovelace' }],
      ['profileSlug', { profileSlug: 'ada/../x' }],
      ['linkedinUrl', { linkedinUrl: 'http://www.linkedin.com/in/ada' }],
      ['linkedinUrl', { linkedinUrl: 'https://linkedin.com.evil.example/in/ada' }],
      ['linkedinUrl', { linkedinUrl: 'https://evil.example/www.linkedin.com/in/ada' }],
      ['linkedinUrl', { linkedinUrl: 'https://notlinkedin.com/in/ada' }],
      ['linkedinUrl', { linkedinUrl: 'https://ada:secret@www.linkedin.com/in/ada' }],
      ['linkedinUrl', { linkedinUrl: 'javascript:alert(1)//linkedin.com' }],
      ['linkedinUrl', { linkedinUrl: 'www.linkedin.com/in/ada' }],
      ['firstName', { firstName: '   ' }],
      ['lastName', { lastName: 'x'.repeat(101) }],
    ] as const)('refuses %s in %j and changes nothing', async (field, changes) => {
      const user = await seedUser(core.deps);
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(user.id),
            profileOf(user, { profileSlug: `keep-${hex()}` }),
          )
        ).ok,
      ).toBe(true);
      const stored = (await core.deps.uow.stores.users.findById(user.id))!;
      const before = await snapshotTables(core.db);
      const r = await updateProfile(
        core.deps,
        userActor(user.id),
        profileOf(stored, { firstName: 'Changed', ...changes }),
      );
      expect(!r.ok && r.error.code).toBe('VALIDATION_ERROR');
      expect(refusedField(r)).toBe(field);
      expect(await snapshotTables(core.db)).toEqual(before);
    });

    it("refuses a slug another user holds with a field error, and leaves both users' rows alone", async () => {
      const holder = await seedUser(core.deps);
      const slug = `taken-${hex()}`;
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(holder.id),
            profileOf(holder, { profileSlug: slug }),
          )
        ).ok,
      ).toBe(true);
      const other = await seedUser(core.deps);
      const before = await snapshotTables(core.db);
      // In any case: slugs are compared lower-cased.
      const r = await updateProfile(
        core.deps,
        userActor(other.id),
        profileOf(other, { firstName: 'Changed', profileSlug: slug.toUpperCase() }),
      );
      expect(!r.ok && r.error.code).toBe('CONFLICT');
      expect(refusedField(r)).toBe('profileSlug');
      expect(await snapshotTables(core.db)).toEqual(before);
    });

    it('frees the old slug when a user changes or clears theirs', async () => {
      const first = await seedUser(core.deps);
      const slug = `moving-${hex()}`;
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(first.id),
            profileOf(first, { profileSlug: slug }),
          )
        ).ok,
      ).toBe(true);
      expect(
        (await updateProfile(core.deps, userActor(first.id), profileOf(first, { profileSlug: '' })))
          .ok,
      ).toBe(true);
      expect((await core.deps.uow.stores.users.findById(first.id))?.profileSlug).toBeNull();
      const second = await seedUser(core.deps);
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(second.id),
            profileOf(second, { profileSlug: slug }),
          )
        ).ok,
      ).toBe(true);
    });

    it('users setting the same free slug at the same moment: exactly one gets it, the others a field error', async () => {
      const N = 6;
      for (let round = 0; round < 4; round++) {
        const users = await Promise.all(Array.from({ length: N }, () => seedUser(core.deps)));
        const slug = `race-${hex()}`;
        const results = await Promise.allSettled(
          users.map((u) =>
            updateProfile(core.deps, userActor(u.id), profileOf(u, { profileSlug: slug })),
          ),
        );
        const outcomes = results.map((s) =>
          s.status === 'rejected' ? `threw: ${String(s.reason)}` : refusedField(s.value),
        );
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'profileSlug')).toHaveLength(N - 1);
        const holders = await core.db
          .selectFrom('users')
          .select('id')
          .where('profile_slug', '=', slug)
          .execute();
        expect(holders).toHaveLength(1);
        expect(users[outcomes.indexOf('ok')]!.id).toBe(holders[0]!.id);
      }
    });
  });

  describe('the public profile', () => {
    it('shows claimed public credentials and imported ones; never private, hidden or unclaimed ones, not even to the owner', async () => {
      const { org, badge } = await seedIssuer(core.deps, { badge: { name: 'Shown One' } });
      const owner = await seedUser(core.deps, { firstName: 'Grace', lastName: 'Hopper' });
      const slug = `grace-${hex()}`;
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(owner.id),
            profileOf(owner, {
              profileSlug: slug,
              linkedinUrl: 'https://www.linkedin.com/in/grace',
            }),
          )
        ).ok,
      ).toBe(true);
      const to = { recipientEmail: owner.email };
      const shown = await seedCredential(core.deps, org, badge, to);
      const shownToo = await seedCredential(
        core.deps,
        org,
        await seedBadge(core.deps, org.id, { name: 'Shown Two' }),
        to,
      );
      const privateOne = await seedCredential(
        core.deps,
        org,
        await seedBadge(core.deps, org.id, { name: 'Private' }),
        { ...to, isPublic: false },
      );
      const hidden = await seedCredential(
        core.deps,
        org,
        await seedBadge(core.deps, org.id, { name: 'Hidden' }),
        to,
      );
      await seedCredential(
        core.deps,
        org,
        await seedBadge(core.deps, org.id, { name: 'Unclaimed' }),
        to,
      );
      const someoneElses = await seedCredential(
        core.deps,
        org,
        await seedBadge(core.deps, org.id, { name: 'Elsewhere' }),
      );
      for (const c of [shown, shownToo, privateOne, hidden]) await claim(c, owner);
      const visitor = await seedUser(core.deps);
      await claim(someoneElses, visitor);
      expect((await setShownOnProfile(core.deps, userActor(owner.id), hidden.id, false)).ok).toBe(
        true,
      );

      const imports = core.deps.uow.stores.importedCredentials;
      const imported = async (issuerId: string, achievementName: string) =>
        imports.create(
          {
            userId: owner.id,
            document: JSON.stringify({ id: `urn:uuid:${hex()}`, achievementName }),
            issuerId,
            issuerName: 'Other Academy',
            achievementName,
            achievementDescription: null,
            imagePath: null,
            validFrom: new Date('2025-03-12T00:00:00Z'),
            validUntil: null,
          },
          core.deps.clock.now(),
        );
      await imported('did:web:academy.example', 'Imported Course');
      // One of our own issuers' credentials imported as a file: the same issuer, counted once.
      await imported(issuerDid(TEST_PUBLIC_URL, org.slug), 'Imported From Here');

      for (const viewer of [null, owner.id, visitor.id]) {
        const r = await getPublicProfile(core.deps, slug, viewer);
        if (!r.ok) throw new Error(r.error.message);
        const p = r.value;
        expect(p.person).toEqual({
          id: owner.id,
          firstName: 'Grace',
          lastName: 'Hopper',
          profileSlug: slug,
          linkedinUrl: 'https://www.linkedin.com/in/grace',
          avatarPath: null,
        });
        expect(p.person).not.toHaveProperty('email');
        expect(p.credentials.map((c) => c.badgeName).sort()).toEqual(['Shown One', 'Shown Two']);
        expect(p.imported.map((c) => c.achievementName).sort()).toEqual([
          'Imported Course',
          'Imported From Here',
        ]);
        expect(p.stats).toEqual({ credentials: 4, issuers: 2 });
        expect(p.isOwner).toBe(viewer === owner.id);
      }
    });

    it('answers NOT_FOUND for a slug nobody holds, and finds one asked for in another case', async () => {
      expect(await getPublicProfile(core.deps, `nobody-${hex()}`, null)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const user = await seedUser(core.deps);
      const slug = `cased-${hex()}`;
      expect(
        (await updateProfile(core.deps, userActor(user.id), profileOf(user, { profileSlug: slug })))
          .ok,
      ).toBe(true);
      const r = await getPublicProfile(core.deps, slug.toUpperCase(), null);
      expect(r.ok && r.value.person.profileSlug).toBe(slug);
      expect(r.ok && r.value.stats).toEqual({ credentials: 0, issuers: 0 });
    });
  });

  describe('the wallet', () => {
    it('lists credentials issued to the address in any case and spacing as pending, whatever their status, and claimed ones apart', async () => {
      const { org, badge } = await seedIssuer(core.deps);
      const local = `ada-${hex()}`;
      const user = await seedUser(core.deps, { email: `${local}@example.com` });
      const pending = await seedCredential(core.deps, org, badge, {
        recipientEmail: `  ${local.toUpperCase()}@Example.COM `,
      });
      const revoked = await seedCredential(core.deps, org, await seedBadge(core.deps, org.id), {
        recipientEmail: `${local}@example.com`,
      });
      await core.deps.uow.stores.credentials.markRevoked(
        revoked.id,
        { reason: 'Issued in error', revokedBy: null },
        core.deps.clock.now(),
      );
      const claimed = await seedCredential(core.deps, org, await seedBadge(core.deps, org.id), {
        recipientEmail: `${local}@example.com`,
      });
      await claim(claimed, user);
      await seedCredential(core.deps, org, badge, { recipientEmail: uniqueEmail('someone-else') });

      const w = await listWallet(core.deps, userActor(user.id));
      if (!w.ok) throw new Error(w.error.message);
      expect(w.value.pending.map((c) => c.id).sort()).toEqual([pending.id, revoked.id].sort());
      expect(w.value.pending.find((c) => c.id === revoked.id)?.revokedAt).toEqual(
        core.deps.clock.now(),
      );
      expect(w.value.claimed.map((c) => c.id)).toEqual([claimed.id]);
      expect(w.value.profileSlug).toBeNull();
    });

    it('lists a renewed credential once, as its renewal, not the one it replaced', async () => {
      const { org, owner, badge } = await seedIssuer(core.deps, { badge: { expiresInDays: 365 } });
      const user = await seedUser(core.deps);
      const issue = () =>
        issueCredential(core.deps, userActor(owner.id), org.id, {
          badgeId: badge.id,
          recipientName: 'Ada',
          recipientEmail: user.email,
        });
      const first = await issue();
      const renewal = await issue();
      if (!first.ok || !renewal.ok) throw new Error('issuing failed');
      expect(renewal.value.credential.supersedesCredentialId).toBe(first.value.credential.id);
      const w = await listWallet(core.deps, userActor(user.id));
      expect(w.ok && w.value.pending.map((c) => c.id)).toEqual([renewal.value.credential.id]);
    });

    it('shows nothing pending to an account whose address is not verified yet', async () => {
      const { org, badge } = await seedIssuer(core.deps);
      const user = await seedUser(core.deps, { verified: false });
      await seedCredential(core.deps, org, badge, { recipientEmail: user.email });
      const w = await listWallet(core.deps, userActor(user.id));
      expect(w.ok && w.value.pending).toEqual([]);
    });

    it("hides and shows a claimed credential on the profile; another user's, an unclaimed or a private one is refused and nothing changes", async () => {
      const { org, badge } = await seedIssuer(core.deps);
      const owner = await seedUser(core.deps);
      const slug = `toggle-${hex()}`;
      expect(
        (
          await updateProfile(
            core.deps,
            userActor(owner.id),
            profileOf(owner, { profileSlug: slug }),
          )
        ).ok,
      ).toBe(true);
      const mine = await seedCredential(core.deps, org, badge, { recipientEmail: owner.email });
      await claim(mine, owner);
      const shownIds = async () => {
        const r = await getPublicProfile(core.deps, slug, null);
        return r.ok ? r.value.credentials.map((c) => c.id) : [];
      };
      expect(await shownIds()).toEqual([mine.id]);
      expect((await setShownOnProfile(core.deps, userActor(owner.id), mine.id, false)).ok).toBe(
        true,
      );
      expect(await shownIds()).toEqual([]);
      // The wallet still lists it, marked hidden.
      const w = await listWallet(core.deps, userActor(owner.id));
      expect(w.ok && w.value.claimed.map((c) => [c.id, c.hiddenFromProfile])).toEqual([
        [mine.id, true],
      ]);
      expect((await setShownOnProfile(core.deps, userActor(owner.id), mine.shortId, true)).ok).toBe(
        true,
      );
      expect(await shownIds()).toEqual([mine.id]);

      const intruder = await seedUser(core.deps);
      const unclaimed = await seedCredential(core.deps, org, await seedBadge(core.deps, org.id), {
        recipientEmail: intruder.email,
      });
      const privateOne = await seedCredential(core.deps, org, await seedBadge(core.deps, org.id), {
        recipientEmail: owner.email,
        isPublic: false,
      });
      await claim(privateOne, owner);
      const before = await snapshotTables(core.db);
      for (const [who, id, code] of [
        [intruder.id, mine.id, 'NOT_FOUND'],
        [intruder.id, mine.shortId, 'NOT_FOUND'],
        [intruder.id, unclaimed.id, 'NOT_FOUND'],
        [owner.id, unclaimed.id, 'NOT_FOUND'],
        [owner.id, 'no-such-credential', 'NOT_FOUND'],
        [owner.id, privateOne.id, 'CONFLICT'],
      ] as const) {
        const r = await setShownOnProfile(core.deps, userActor(who), id, false);
        expect(!r.ok && r.error.code, `${who} → ${id}`).toBe(code);
      }
      expect(await snapshotTables(core.db)).toEqual(before);
    });
  });
});
