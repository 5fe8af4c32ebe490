import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import { detectRasterImage } from '../images.ts';
import type { StoredFile } from '../ports/file-store.ts';
import { storedImage } from '../stored-images.ts';

/**
 * An organization's public Achievements, built from its badges. The collection lists the
 * badges that still issue; every badge, deactivated ones too, keeps its own document,
 * because credentials issued from it name that URL.
 */
export async function publicAchievements(
  deps: CoreDeps,
  orgSlug: string,
): Promise<{ organization: Organization; badges: Badge[] } | undefined> {
  const { stores } = deps.uow;
  const organization = await stores.organizations.findBySlug(orgSlug);
  if (!organization) return undefined;
  return {
    organization,
    badges: await stores.badges.listForOrganization(organization.id, { activeOnly: true }),
  };
}

export async function publicAchievement(
  deps: CoreDeps,
  orgSlug: string,
  badgeSlug: string,
): Promise<{ organization: Organization; badge: Badge } | undefined> {
  const { stores } = deps.uow;
  const organization = await stores.organizations.findBySlug(orgSlug);
  if (!organization) return undefined;
  const badge = await stores.badges.findBySlug(organization.id, badgeSlug);
  return badge && { organization, badge };
}

/** A badge's image as stored, for the public image route; undefined when it has none. */
export async function badgeImage(deps: CoreDeps, badgeId: string): Promise<StoredFile | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(badgeId)) return undefined;
  return storedImage(deps, await deps.uow.stores.badges.findPublicImage(badgeId));
}

/**
 * The badge's image as a credential can be baked into: baking needs a PNG (or an SVG), so a
 * JPEG or WebP badge image is drawn again as a PNG, and every credential can be downloaded
 * baked whatever its badge was uploaded as. Undefined when the badge has no image.
 */
export async function bakeableBadgeImage(
  deps: CoreDeps,
  badge: Pick<Badge, 'imagePath'>,
): Promise<Buffer | undefined> {
  const file = await storedImage(deps, badge.imagePath);
  if (!file) return undefined;
  const type = detectRasterImage(file.bytes);
  return type === 'image/jpeg' || type === 'image/webp'
    ? deps.images.toPng(file.bytes)
    : file.bytes;
}
