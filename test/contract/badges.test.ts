import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBadge,
  deleteBadge,
  updateBadge,
  type BadgeEdit,
  type NewBadgeInput,
} from '../../src/core/badges/badges.ts';
import { prepareSignedCredential } from '../../src/core/credentials/signed-credentials.ts';
import { verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import type { Badge, Organization } from '../../src/core/entities.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { userActor, type Actor } from '../../src/core/authz/actor.ts';
import type { Result } from '../../src/core/result.ts';
import {
  addMember,
  seedBadge,
  seedCredential,
  seedIssuer,
  seedOrg,
  uniqueEmail,
} from '../factories/index.ts';
import { tinyPng } from '../factories/images.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { lockContender } from '../support/locks.ts';
import { snapshotTables } from '../support/snapshot.ts';

const input = (over: Partial<NewBadgeInput> = {}): NewBadgeInput => ({
  name: 'Safe Lifting 101',
  description: 'Lifts loads safely with correct posture and equipment.',
  criteria: 'Passed the practical assessment with an instructor.',
  image: tinyPng(),
  ...over,
});

function value<T>(r: Result<T, ErrorCode>): T {
  if (!r.ok)
    throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details)}`);
  return r.value;
}

/** How each of a batch of concurrent calls ended: 'ok', CODE/REASON, or 'threw: …' (a bug). */
async function race<T>(calls: (() => Promise<Result<T, ErrorCode>>)[]) {
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
  const tally = outcomes.reduce<Record<string, number>>(
    (acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }),
    {},
  );
  return { tally, values };
}

/** Badge templates (organizations/creating-a-badge.md, planning-renewals.md) through the use cases. */
describe.each(testDialects())('badge templates on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const stores = () => core.deps.uow.stores;
  const badgeRow = (id: string) =>
    core.db.selectFrom('badges').selectAll().where('id', '=', id).executeTakeFirst();
  /** The rows a refused badge action must leave alone. */
  const snapshot = async () => ({
    ...(await snapshotTables(core.db)),
    badges: await core.db.selectFrom('badges').selectAll().orderBy('id').execute(),
    credentials: await core.db
      .selectFrom('credentials')
      .select(['id', 'badge_id', 'revoked_at', 'document'])
      .orderBy('id')
      .execute(),
  });
  const apiKeyActor = (organizationId: string): Actor => ({
    kind: 'api_key',
    apiKeyId: 'key-under-test',
    organizationId,
  });
  const verifies = async (credentialId: string) => {
    const r = value(await verifyIssuedCredential(core.deps, credentialId, null));
    expect(r.report).toMatchObject({ verified: true, signature: { outcome: 'passed' } });
    return r;
  };

  describe('creating', () => {
    it('an Issuer creates a badge; the slug comes from the name and stays unique within the organization', async () => {
      const { org } = await seedOrg(core.deps);
      const issuer = await addMember(core.deps, org.id, 'issuer');
      const first = value(
        await createBadge(
          core.deps,
          userActor(issuer.id),
          org.id,
          input({
            externalUrl: 'https://example.org/lifting',
            expiresInDays: '730',
            tags: 'safety, Lifting, safety',
          }),
        ),
      );
      expect(first).toMatchObject({
        organizationId: org.id,
        name: 'Safe Lifting 101',
        slug: 'safe-lifting-101',
        externalUrl: 'https://example.org/lifting',
        expiresInDays: 730,
        tags: ['safety', 'Lifting'],
        isActive: true,
      });
      // The uploaded image is stored byte for byte under a random key of the organization.
      expect(first.imagePath).toMatch(new RegExp(`^badges/${org.id}/[0-9a-f]{32}\\.png$`));
      expect(await core.deps.files.get(first.imagePath!)).toEqual({
        bytes: tinyPng(),
        contentType: 'image/png',
      });
      expect(await badgeRow(first.id)).toMatchObject({
        slug: 'safe-lifting-101',
        created_by: issuer.id,
        expires_in_days: 730,
      });

      const second = value(await createBadge(core.deps, userActor(issuer.id), org.id, input()));
      const third = value(
        await createBadge(
          core.deps,
          userActor(issuer.id),
          org.id,
          input({ name: '  Safe  Lifting 101 ' }),
        ),
      );
      expect([second.slug, third.slug]).toEqual(['safe-lifting-101-2', 'safe-lifting-101-3']);

      // Slugs are unique per organization: another organization gets the plain one.
      const other = await seedOrg(core.deps);
      expect(
        value(await createBadge(core.deps, userActor(other.owner.id), other.org.id, input())).slug,
      ).toBe('safe-lifting-101');

      // A name without ASCII letters still gets a readable slug.
      expect(
        value(await createBadge(core.deps, userActor(issuer.id), org.id, input({ name: '安全' })))
          .slug,
      ).toBe('badge');
      expect(
        value(await createBadge(core.deps, userActor(issuer.id), org.id, input({ name: '安全' })))
          .slug,
      ).toBe('badge-2');
    });

    it('takes a chosen slug when it is free, and refuses a taken one by name', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const chosen = value(
        await createBadge(
          core.deps,
          userActor(owner.id),
          org.id,
          input({ slug: 'Meetup-Attendee-April-2026' }),
        ),
      );
      expect(chosen.slug).toBe('meetup-attendee-april-2026');
      const before = await snapshot();
      const taken = await createBadge(
        core.deps,
        userActor(owner.id),
        org.id,
        input({ slug: 'meetup-attendee-april-2026' }),
      );
      expect(taken).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Another badge of this organization already uses that slug.',
          details: {
            reason: 'SLUG_TAKEN',
            fields: { slug: 'Another badge of this organization already uses that slug.' },
          },
        },
      });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a Viewer (FORBIDDEN) and a non-member (NOT_FOUND), writing nothing', async () => {
      const { org } = await seedOrg(core.deps);
      const viewer = await addMember(core.deps, org.id, 'viewer');
      const stranger = (await seedOrg(core.deps)).owner;
      const before = await snapshot();
      const byViewer = await createBadge(core.deps, userActor(viewer.id), org.id, input());
      expect(byViewer).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'ROLE', action: 'badges.create' } },
      });
      const byStranger = await createBadge(core.deps, userActor(stranger.id), org.id, input());
      expect(byStranger).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'Organization not found.' },
      });
      expect(
        await createBadge(core.deps, apiKeyActor(crypto.randomUUID()), org.id, input()),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await snapshot()).toEqual(before);
    });

    it('reports bad fields, including a missing image, all at once and writes nothing', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const before = await snapshot();
      const r = await createBadge(core.deps, userActor(owner.id), org.id, {
        name: '',
        description: 'ok',
        criteria: '',
        externalUrl: 'javascript:alert(1)',
        image: null,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
      if (r.ok) return;
      expect(Object.keys(r.error.details?.fields as object).sort()).toEqual([
        'criteria',
        'externalUrl',
        'image',
        'name',
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('an API key acts for its own organization', async () => {
      const { org } = await seedOrg(core.deps, { plan: 'professional' });
      const created = value(await createBadge(core.deps, apiKeyActor(org.id), org.id, input()));
      expect(await badgeRow(created.id)).toMatchObject({ created_by: null });
      const edited = value(
        await updateBadge(core.deps, apiKeyActor(org.id), org.id, created.id, {
          criteria: 'Updated criteria.',
        }),
      );
      expect(edited.badge.criteria).toBe('Updated criteria.');
      expect(value(await deleteBadge(core.deps, apiKeyActor(org.id), org.id, created.id))).toEqual({
        outcome: 'deleted',
        imagePath: created.imagePath,
      });
      expect(await core.deps.files.get(created.imagePath!)).toBeUndefined();
    });
  });

  describe('the plan limit', () => {
    const fillTo = async (orgId: string, count: number) => {
      for (let i = 0; i < count; i++) await seedBadge(core.deps, orgId, { slug: `filler-${i}` });
    };

    it('on Free, concurrent creations with 3 slots left succeed exactly 3 times, with distinct slugs', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const admin = await addMember(core.deps, org.id, 'admin');
      await fillTo(org.id, 97);
      const actors = [owner.id, admin.id];
      const { tally, values } = await race(
        Array.from(
          { length: 8 },
          (_, i) => () =>
            createBadge(
              core.deps,
              userActor(actors[i % 2]!),
              org.id,
              input({ name: 'Meetup Attendee' }),
            ),
        ),
      );
      expect(tally).toEqual({ ok: 3, 'FORBIDDEN/PLAN_LIMIT': 5 });
      expect(values.map((b) => b.slug).sort()).toEqual([
        'meetup-attendee',
        'meetup-attendee-2',
        'meetup-attendee-3',
      ]);
      expect(await stores().badges.countForOrganization(org.id)).toBe(100);

      const refused = await createBadge(core.deps, userActor(owner.id), org.id, input());
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            'The Free plan allows 100 badge templates per organization. Upgrade your plan to create more.',
          details: { reason: 'PLAN_LIMIT', plan: 'free', limit: 100, used: 100 },
        },
      });
    });

    it('counts active badges: deleting one (even into a deactivation) frees a slot', async () => {
      const { org, owner, badge } = await seedIssuer(core.deps);
      await fillTo(org.id, 99);
      expect(await createBadge(core.deps, userActor(owner.id), org.id, input())).toMatchObject({
        ok: false,
        error: { details: { reason: 'PLAN_LIMIT' } },
      });
      await seedCredential(core.deps, org, badge);
      expect(value(await deleteBadge(core.deps, userActor(owner.id), org.id, badge.id))).toEqual({
        outcome: 'deactivated',
      });
      value(await createBadge(core.deps, userActor(owner.id), org.id, input()));
      expect(await createBadge(core.deps, userActor(owner.id), org.id, input())).toMatchObject({
        ok: false,
        error: { details: { reason: 'PLAN_LIMIT', used: 100 } },
      });
    });

    it('Professional has no limit', async () => {
      const { org, owner } = await seedOrg(core.deps, { plan: 'professional' });
      await fillTo(org.id, 100);
      value(await createBadge(core.deps, userActor(owner.id), org.id, input()));
      expect(await stores().badges.countForOrganization(org.id)).toBe(101);
    });
  });

  describe('editing', () => {
    it('before any issuance, an Admin edits everything but the name and slug', async () => {
      const { org } = await seedOrg(core.deps);
      const admin = await addMember(core.deps, org.id, 'admin');
      const badge = value(
        await createBadge(core.deps, userActor(admin.id), org.id, input({ tags: ['safety'] })),
      );
      const edit: BadgeEdit = {
        // Unchanged name and slug may be sent along (a full form does).
        name: badge.name,
        slug: badge.slug.toUpperCase(),
        description: 'New description.\r\nSecond line.',
        criteria: 'New criteria.',
        externalUrl: 'https://example.org/new',
        expiresInDays: 365,
        tags: ['safety', 'forklift'],
        image: tinyPng(),
      };
      const r = value(await updateBadge(core.deps, userActor(admin.id), org.id, badge.id, edit));
      expect(r.replacedImagePath).toBe(badge.imagePath);
      // The new image is stored under a key of its own; the one it replaced is deleted.
      const newImagePath = r.badge.imagePath;
      expect(newImagePath).toMatch(new RegExp(`^badges/${org.id}/[0-9a-f]{32}\\.png$`));
      expect(newImagePath).not.toBe(badge.imagePath);
      expect(await core.deps.files.get(newImagePath!)).toEqual({
        bytes: tinyPng(),
        contentType: 'image/png',
      });
      expect(await core.deps.files.get(badge.imagePath!)).toBeUndefined();
      const expected = {
        name: 'Safe Lifting 101',
        slug: 'safe-lifting-101',
        description: 'New description.\nSecond line.',
        criteria: 'New criteria.',
        externalUrl: 'https://example.org/new',
        expiresInDays: 365,
        tags: ['safety', 'forklift'],
        imagePath: newImagePath,
      };
      expect(r.badge).toMatchObject(expected);
      expect(await stores().badges.findById(org.id, badge.id)).toMatchObject(expected);

      // Clearing the optional fields.
      const cleared = value(
        await updateBadge(core.deps, userActor(admin.id), org.id, badge.id, {
          externalUrl: '',
          expiresInDays: null,
          tags: [],
        }),
      );
      expect(cleared).toMatchObject({
        badge: { externalUrl: null, expiresInDays: null, tags: [] },
        replacedImagePath: null,
      });
      expect(await stores().badges.findById(org.id, badge.id)).toMatchObject({
        externalUrl: null,
        expiresInDays: null,
        tags: [],
      });
    });

    it('never changes the name or slug, naming the locked fields', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const badge = value(await createBadge(core.deps, userActor(owner.id), org.id, input()));
      const before = await snapshot();
      const r = await updateBadge(core.deps, userActor(owner.id), org.id, badge.id, {
        name: 'Something Else',
        slug: 'something-else',
        description: 'Also changed.',
      });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message:
            "A badge's name and slug never change, so it cannot be repurposed and its public URLs stay put. Create a new badge instead.",
          details: {
            reason: 'FIELD_LOCKED',
            locked: ['name', 'slug'],
            fields: {
              name: 'The name of a badge never changes.',
              slug: 'The slug of a badge never changes.',
            },
          },
        },
      });
      expect(
        await updateBadge(core.deps, userActor(owner.id), org.id, badge.id, { slug: 'other-slug' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { reason: 'FIELD_LOCKED', locked: ['slug'] } },
      });
      expect(await snapshot()).toEqual(before);
    });

    it('after the first issuance only the external URL changes; the credential still verifies', async () => {
      const { org, owner, badge } = await seedIssuer(core.deps, {
        badge: {
          imagePath: 'badges/test/image.png',
          expiresInDays: 730,
          externalUrl: 'https://example.org/a',
        },
      });
      const credential = await seedCredential(core.deps, org, badge);
      await verifies(credential.id);
      const actor = userActor(owner.id);

      const before = await snapshot();
      const attempts: [BadgeEdit, string][] = [
        [{ description: 'Repurposed.' }, 'description'],
        [{ criteria: 'Easier now.' }, 'criteria'],
        [{ tags: ['other'] }, 'tags'],
        [{ expiresInDays: 365 }, 'expiresInDays'],
        [{ expiresInDays: null }, 'expiresInDays'],
        [{ image: tinyPng() }, 'image'],
      ];
      for (const [edit, field] of attempts) {
        const r = await updateBadge(core.deps, actor, org.id, badge.id, edit);
        expect(r, field).toMatchObject({
          ok: false,
          error: {
            code: 'CONFLICT',
            details: {
              reason: 'FIELD_LOCKED',
              locked: [field],
              fields: { [field]: 'Locked: credentials have been issued from this badge.' },
            },
          },
        });
      }
      const several = await updateBadge(core.deps, actor, org.id, badge.id, {
        name: 'Renamed',
        description: 'Repurposed.',
        tags: ['x'],
        externalUrl: 'https://example.org/b',
      });
      expect(several).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message:
            'Credentials have been issued from this badge, so only its external URL can change (not its name, description, skills). To change anything else, deactivate it and create a new badge.',
          details: {
            reason: 'FIELD_LOCKED',
            locked: ['name', 'description', 'tags'],
            fields: {
              name: 'The name of a badge never changes.',
              description: 'Locked: credentials have been issued from this badge.',
              tags: 'Locked: credentials have been issued from this badge.',
            },
          },
        },
      });
      expect(await snapshot()).toEqual(before);

      // The whole form sent back with only the external URL changed is fine.
      const r = value(
        await updateBadge(core.deps, actor, org.id, badge.id, {
          name: badge.name,
          slug: badge.slug,
          description: `${badge.description}\r\n`,
          criteria: badge.criteria,
          tags: badge.tags,
          expiresInDays: '730',
          // No image: a form cannot send the stored one back, and any upload is a new image.
          externalUrl: 'https://example.org/b',
        }),
      );
      expect(r).toEqual({
        badge: { ...badge, externalUrl: 'https://example.org/b', updatedAt: core.deps.clock.now() },
        replacedImagePath: null,
      });
      value(await updateBadge(core.deps, actor, org.id, badge.id, { externalUrl: null }));
      expect(await stores().badges.findById(org.id, badge.id)).toEqual({
        ...badge,
        externalUrl: null,
        updatedAt: core.deps.clock.now(),
      });
      await verifies(credential.id);
    });

    it('is for Owners and Admins: an Issuer or Viewer is refused and nothing changes', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const badge = value(await createBadge(core.deps, userActor(owner.id), org.id, input()));
      const issuer = await addMember(core.deps, org.id, 'issuer');
      const viewer = await addMember(core.deps, org.id, 'viewer');
      const before = await snapshot();
      for (const who of [issuer, viewer]) {
        expect(
          await updateBadge(core.deps, userActor(who.id), org.id, badge.id, {
            criteria: 'Changed.',
          }),
        ).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN', details: { reason: 'ROLE', action: 'badges.edit' } },
        });
        expect(await deleteBadge(core.deps, userActor(who.id), org.id, badge.id)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN', details: { reason: 'ROLE', action: 'badges.delete' } },
        });
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('deleting', () => {
    it('without credentials removes the badge and deletes its image', async () => {
      const { org, owner } = await seedOrg(core.deps);
      const admin = await addMember(core.deps, org.id, 'admin');
      const badge = value(await createBadge(core.deps, userActor(owner.id), org.id, input()));
      expect(await core.deps.files.get(badge.imagePath!)).toBeDefined();
      expect(value(await deleteBadge(core.deps, userActor(admin.id), org.id, badge.id))).toEqual({
        outcome: 'deleted',
        imagePath: badge.imagePath,
      });
      expect(await core.deps.files.get(badge.imagePath!)).toBeUndefined();
      expect(await badgeRow(badge.id)).toBeUndefined();
      expect(await deleteBadge(core.deps, userActor(admin.id), org.id, badge.id)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'Badge not found.' },
      });
      // Its slug is free again.
      expect(value(await createBadge(core.deps, userActor(owner.id), org.id, input())).slug).toBe(
        badge.slug,
      );
    });

    it('with credentials deactivates it: hidden, closed to issuance, its credentials intact and verifiable', async () => {
      const { org, owner, badge } = await seedIssuer(core.deps, {
        badge: { imagePath: 'badges/test/kept.png' },
      });
      const credential = await seedCredential(core.deps, org, badge);
      const documentBefore = (await verifies(credential.id)).document;
      expect(value(await deleteBadge(core.deps, userActor(owner.id), org.id, badge.id))).toEqual({
        outcome: 'deactivated',
      });
      expect(await stores().badges.findById(org.id, badge.id)).toEqual({
        ...badge,
        isActive: false,
        updatedAt: core.deps.clock.now(),
      });
      expect(
        (await stores().badges.listForOrganization(org.id, { activeOnly: true })).map((b) => b.id),
      ).not.toContain(badge.id);
      const after = await verifies(credential.id);
      expect(after.document).toBe(documentBefore);
      expect(after.credential.revokedAt).toBeNull();
      // Deleting again changes nothing.
      expect(value(await deleteBadge(core.deps, userActor(owner.id), org.id, badge.id))).toEqual({
        outcome: 'deactivated',
      });
    });

    it('waits for a credential being issued from the badge, then deactivates instead of deleting', async () => {
      const { org, owner, badge } = await seedIssuer(core.deps);
      const prepared = await prepareSignedCredential(core.deps, {
        organization: org,
        badge,
        recipientName: 'Grace Hopper',
        recipientEmail: uniqueEmail('recipient'),
        evidenceUrl: null,
        isPublic: true,
        supersedesCredentialId: null,
      });
      if (!prepared) throw new Error('no signing key');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      const issuing = core.deps.uow.transaction(async (s) => {
        await s.credentials.create(prepared, core.deps.clock.now());
        inserted();
        await gate;
      });
      await insertedYet;
      const contender = lockContender(core);
      const deleting = deleteBadge(contender.deps, userActor(owner.id), org.id, badge.id);
      await contender.waiting();
      release();
      await issuing;
      expect(value(await deleting)).toEqual({ outcome: 'deactivated' });
      await verifies(prepared.id);
    });
  });

  describe("another organization's badge", () => {
    it('answers NOT_FOUND exactly like a missing one, and nothing changes', async () => {
      const mine = await seedOrg(core.deps);
      const theirs = await seedIssuer(core.deps, {
        badge: { externalUrl: 'https://example.org/theirs' },
      });
      const issuedBadge = await seedBadge(core.deps, theirs.org.id);
      await seedCredential(core.deps, theirs.org, issuedBadge);
      const actors: [Actor, Organization][] = [
        [userActor(mine.owner.id), mine.org],
        [apiKeyActor(mine.org.id), mine.org],
      ];
      const before = await snapshot();
      for (const [actor, org] of actors) {
        for (const badge of [theirs.badge, issuedBadge] as Badge[]) {
          const missing = { ok: false, error: { code: 'NOT_FOUND', message: 'Badge not found.' } };
          expect(
            await updateBadge(core.deps, actor, org.id, badge.id, {
              externalUrl: 'https://evil.example',
            }),
          ).toEqual(missing);
          expect(
            await updateBadge(core.deps, actor, org.id, badge.id, { description: 'Defaced.' }),
          ).toEqual(missing);
          expect(await deleteBadge(core.deps, actor, org.id, badge.id)).toEqual(missing);
          expect(await deleteBadge(core.deps, actor, org.id, crypto.randomUUID())).toEqual(missing);
          // Naming their organization instead: not a member, so the organization is missing.
          const orgMissing = {
            ok: false,
            error: { code: 'NOT_FOUND', message: 'Organization not found.' },
          };
          expect(
            await updateBadge(core.deps, actor, theirs.org.id, badge.id, {
              externalUrl: 'https://evil.example',
            }),
          ).toEqual(orgMissing);
          expect(await deleteBadge(core.deps, actor, theirs.org.id, badge.id)).toEqual(orgMissing);
        }
      }
      expect(await snapshot()).toEqual(before);
    });
  });
});
