import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';

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

/** Where a badge's image is stored, for the public image route; undefined when it has none. */
export async function badgeImagePath(deps: CoreDeps, badgeId: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(badgeId)) return undefined;
  return (await deps.uow.stores.badges.findPublicImage(badgeId)) ?? undefined;
}
