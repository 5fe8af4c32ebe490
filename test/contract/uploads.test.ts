import sharp from 'sharp';
import { memoryFileStore } from '../support/memory-files.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBadge, updateBadge, type NewBadgeInput } from '../../src/core/badges/badges.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import {
  organizationLogo,
  removeOrganizationLogo,
  setOrganizationLogo,
} from '../../src/core/organizations/logo.ts';
import { avatarImage, removeAvatar, setAvatar } from '../../src/core/profiles/avatar.ts';
import type { Result } from '../../src/core/result.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { seedOrg, seedUser } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

function value<T>(r: Result<T, ErrorCode>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A JPEG photo carrying EXIF that must never be published. */
function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0ffee' } })
    .jpeg()
    .withExifMerge({
      IFD0: { Copyright: 'Home at 51.5007 N, 0.1246 W', Artist: 'Phone serial 12345' },
    })
    .toBuffer();
}

/** A file that starts like a PNG and is not one. */
const fakePng = () => Buffer.concat([tinyPng().subarray(0, 8), Buffer.from('not really a png')]);

const badgeInput = (image: Buffer | null): NewBadgeInput => ({
  name: 'Safe Lifting 101',
  description: 'Lifts loads safely with correct posture and equipment.',
  criteria: 'Passed the practical assessment with an instructor.',
  image,
});

/**
 * Uploaded images through the use cases: every kind is checked and loses its metadata the
 * same way, and no file outlives a failed write or the image that replaced it.
 */
describe.each(testDialects())('uploaded images on %s', (dialect) => {
  let core: TestCore;
  let store: ReturnType<typeof memoryFileStore>;
  let deps: CoreDeps;
  beforeAll(async () => {
    core = await createTestCore(dialect);
    store = memoryFileStore();
    deps = { ...core.deps, files: store };
  });
  afterAll(() => core.destroy());

  /** Nothing in the database or in the file store changed. */
  async function expectNothingChanged(run: () => Promise<unknown>) {
    const before = await snapshotTables(core.db);
    const filesBefore = new Map(store.files);
    await run();
    expect(await snapshotTables(core.db)).toEqual(before);
    expect(store.files).toEqual(filesBefore);
  }

  /** Deps whose database refuses every write, as an unavailable database does. */
  const failingWrites = (): CoreDeps => ({
    ...deps,
    uow: {
      ...deps.uow,
      transaction: () => Promise.reject(new Error('the database is unavailable')),
    },
  });

  describe('the same checks for logos, badge images and avatars', () => {
    it('stores a logo without the EXIF its photo carried', async () => {
      const { org, owner } = await seedOrg(deps);
      const photo = await photoWithExif();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      value(await setOrganizationLogo(deps, userActor(owner.id), org.id, photo));
      const stored = (await organizationLogo(deps, org.id))!;
      expect(stored.contentType).toBe('image/jpeg');
      const meta = await sharp(stored.bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual([
        'jpeg',
        40,
        30,
        undefined,
      ]);
      expect(stored.bytes.includes(Buffer.from('Phone serial'))).toBe(false);
    });

    it('stores a badge image and an avatar without it too', async () => {
      const { org, owner } = await seedOrg(deps);
      const photo = await photoWithExif();
      const badge = value(await createBadge(deps, userActor(owner.id), org.id, badgeInput(photo)));
      value(await setAvatar(deps, userActor(owner.id), photo));
      for (const stored of [
        store.files.get(badge.imagePath!)!,
        (await avatarImage(deps, owner.id))!,
      ]) {
        const meta = await sharp(stored.bytes).metadata();
        expect([meta.format, meta.exif]).toEqual(['jpeg', undefined]);
        expect(stored.bytes.includes(Buffer.from('Phone serial'))).toBe(false);
      }
    });

    it('refuses an unreadable logo as it refuses an unreadable badge image, changing nothing', async () => {
      const { org, owner } = await seedOrg(deps);
      value(await setOrganizationLogo(deps, userActor(owner.id), org.id, tinyPng()));
      await expectNothingChanged(async () => {
        const logo = await setOrganizationLogo(deps, userActor(owner.id), org.id, fakePng());
        const badge = await createBadge(deps, userActor(owner.id), org.id, badgeInput(fakePng()));
        const avatar = await setAvatar(deps, userActor(owner.id), fakePng());
        expect(logo).toEqual({
          ok: false,
          error: {
            code: 'VALIDATION_ERROR',
            message:
              'That image could not be read. Upload a PNG, JPEG or WebP image of at most 5 MB.',
            details: {
              fields: {
                logo: 'That image could not be read. Upload a PNG, JPEG or WebP image of at most 5 MB.',
              },
            },
          },
        });
        expect(badge).toEqual({
          ok: false,
          error: {
            code: 'VALIDATION_ERROR',
            message:
              'That image could not be read. Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.',
            details: {
              fields: {
                image:
                  'That image could not be read. Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.',
              },
            },
          },
        });
        expect(avatar).toEqual({
          ok: false,
          error: {
            code: 'VALIDATION_ERROR',
            message:
              'That image could not be read. Upload a PNG, JPEG or WebP image of at most 5 MB.',
            details: {
              fields: {
                avatar:
                  'That image could not be read. Upload a PNG, JPEG or WebP image of at most 5 MB.',
              },
            },
          },
        });
      });
      // The logo that was there is still served.
      expect((await organizationLogo(deps, org.id))?.bytes.equals(tinyPng())).toBe(true);
    });

    it('refuses an SVG logo or avatar (only badge images may be SVG), changing nothing', async () => {
      const { org, owner } = await seedOrg(deps);
      const accepted = 'Upload a PNG, JPEG or WebP image of at most 5 MB.';
      await expectNothingChanged(async () => {
        expect(
          await setOrganizationLogo(deps, userActor(owner.id), org.id, Buffer.from(TINY_SVG)),
        ).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', message: accepted } });
        expect(await setAvatar(deps, userActor(owner.id), Buffer.from(TINY_SVG))).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_ERROR', message: accepted },
        });
      });
    });

    it('stores an SVG badge image as the PNG it was rendered to', async () => {
      const { org, owner } = await seedOrg(deps);
      const badge = value(
        await createBadge(deps, userActor(owner.id), org.id, badgeInput(Buffer.from(TINY_SVG))),
      );
      expect(badge.imagePath).toMatch(/\.png$/);
      expect(store.files.get(badge.imagePath!)?.contentType).toBe('image/png');
      expect(store.files.get(badge.imagePath!)?.bytes.includes('<svg')).toBe(false);
    });

    it('stores nothing when the badge image is refused', async () => {
      const { org, owner } = await seedOrg(deps);
      const accepted = 'Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.';
      await expectNothingChanged(async () => {
        expect(
          await createBadge(deps, userActor(owner.id), org.id, badgeInput(Buffer.from('nope'))),
        ).toEqual({
          ok: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: accepted,
            details: { fields: { image: accepted } },
          },
        });
      });
    });
  });

  describe('no file outlives a failed write', () => {
    it('deletes the stored image when the database write fails', async () => {
      const { org, owner } = await seedOrg(deps);
      const badge = value(
        await createBadge(deps, userActor(owner.id), org.id, badgeInput(tinyPng())),
      );
      const failing = failingWrites();
      await expectNothingChanged(async () => {
        await expect(
          createBadge(failing, userActor(owner.id), org.id, badgeInput(tinyPng())),
        ).rejects.toThrow('the database is unavailable');
        await expect(
          updateBadge(failing, userActor(owner.id), org.id, badge.id, { image: tinyPng() }),
        ).rejects.toThrow('the database is unavailable');
        await expect(
          setOrganizationLogo(failing, userActor(owner.id), org.id, tinyPng()),
        ).rejects.toThrow('the database is unavailable');
        await expect(setAvatar(failing, userActor(owner.id), tinyPng())).rejects.toThrow(
          'the database is unavailable',
        );
      });
    });

    it('deletes the stored image when the write is refused', async () => {
      const { org, owner } = await seedOrg(deps);
      const stranger = await seedUser(deps);
      await expectNothingChanged(async () => {
        // A badge that does not exist: its new image was stored, then the edit was refused.
        expect(
          await updateBadge(deps, userActor(owner.id), org.id, crypto.randomUUID(), {
            image: tinyPng(),
          }),
        ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        // Someone who may not edit the organization: nothing is stored at all.
        expect(
          await setOrganizationLogo(deps, userActor(stranger.id), org.id, tinyPng()),
        ).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
        expect(
          await createBadge(deps, userActor(stranger.id), org.id, badgeInput(tinyPng())),
        ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      });
    });
  });

  describe('a replaced image is deleted', () => {
    it('replacing and removing a logo deletes the old file', async () => {
      const { org, owner } = await seedOrg(deps);
      value(await setOrganizationLogo(deps, userActor(owner.id), org.id, tinyPng()));
      const first = (await deps.uow.stores.organizations.findById(org.id))!.logoPath!;
      expect(store.files.has(first)).toBe(true);
      value(await setOrganizationLogo(deps, userActor(owner.id), org.id, await photoWithExif()));
      const second = (await deps.uow.stores.organizations.findById(org.id))!.logoPath!;
      expect(second).not.toBe(first);
      expect(store.files.has(first)).toBe(false);
      expect(store.files.has(second)).toBe(true);
      value(await removeOrganizationLogo(deps, userActor(owner.id), org.id));
      expect((await deps.uow.stores.organizations.findById(org.id))!.logoPath).toBeNull();
      expect(store.files.has(second)).toBe(false);
    });

    it('replacing and removing an avatar deletes the old file', async () => {
      const user = await seedUser(deps);
      value(await setAvatar(deps, userActor(user.id), tinyPng()));
      const first = (await deps.uow.stores.users.findById(user.id))!.avatarPath!;
      value(await setAvatar(deps, userActor(user.id), tinyPng()));
      const second = (await deps.uow.stores.users.findById(user.id))!.avatarPath!;
      expect(second).not.toBe(first);
      expect(store.files.has(first)).toBe(false);
      expect(store.files.has(second)).toBe(true);
      value(await removeAvatar(deps, userActor(user.id)));
      expect(store.files.has(second)).toBe(false);
    });

    it('replacing a badge image deletes the old file', async () => {
      const { org, owner } = await seedOrg(deps);
      const badge = value(
        await createBadge(deps, userActor(owner.id), org.id, badgeInput(tinyPng())),
      );
      const updated = value(
        await updateBadge(deps, userActor(owner.id), org.id, badge.id, {
          image: Buffer.from(TINY_SVG),
        }),
      );
      expect(store.files.has(badge.imagePath!)).toBe(false);
      expect(store.files.has(updated.badge.imagePath!)).toBe(true);
    });
  });
});
