import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';

/** What an organization's public page may show: never its status, plan, reason or settings. */
type PublicOrganizationProfile = Pick<
  Organization,
  'id' | 'name' | 'slug' | 'website' | 'description' | 'logoPath'
>;

interface PublicBadgeSummary {
  badge: Badge;
  /** Credentials issued from it so far. */
  issued: number;
}

export interface PublicOrganization {
  organization: PublicOrganizationProfile;
  /** The badges it still issues, for the gallery. */
  badges: PublicBadgeSummary[];
  stats: { badges: number; credentialsIssued: number; recipients: number };
}

export interface PublicBadge {
  organization: PublicOrganizationProfile;
  badge: Badge;
  /** Credentials issued from it so far. */
  issued: number;
}

const NOT_FOUND = 'No such organization.';

/**
 * Only an approved organization has public pages. One in review or rejected was never
 * vouched for; a suspended one is paused for a policy reason, so Laurel stops promoting it
 * (its credentials stay verifiable on their own pages). All three answer like a missing slug,
 * which also keeps whether a slug is taken by an unapproved organization private.
 */
async function approvedOrganization(
  s: Stores,
  slug: string,
): Promise<PublicOrganizationProfile | undefined> {
  const org = await s.organizations.findBySlug(slug);
  if (!org || org.status !== 'approved') return undefined;
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    website: org.website,
    description: org.description,
    logoPath: org.logoPath,
  };
}

/** /o/{slug}: the organization, its active badges and what it has issued. */
export async function getPublicOrganization(
  deps: CoreDeps,
  slug: string,
): Promise<Result<PublicOrganization, ErrorCode>> {
  const s = deps.uow.stores;
  const organization = await approvedOrganization(s, slug);
  if (!organization) return err('NOT_FOUND', NOT_FOUND);
  const [badges, totals, perBadge] = await Promise.all([
    s.badges.listForOrganization(organization.id, { activeOnly: true }),
    s.credentials.publicStatsForOrganization(organization.id),
    s.credentials.publicCountByBadge(organization.id),
  ]);
  return ok({
    organization,
    badges: badges.map((badge) => ({ badge, issued: perBadge.get(badge.id) ?? 0 })),
    stats: {
      badges: badges.length,
      credentialsIssued: totals.issued,
      recipients: totals.recipients,
    },
  });
}

/**
 * /o/{org}/badges/{badge}. A deactivated badge keeps its page, marked as no longer issued:
 * the credentials issued from it are still valid, and their pages link here.
 */
export async function getPublicBadge(
  deps: CoreDeps,
  orgSlug: string,
  badgeSlug: string,
): Promise<Result<PublicBadge, ErrorCode>> {
  const s = deps.uow.stores;
  const organization = await approvedOrganization(s, orgSlug);
  if (!organization) return err('NOT_FOUND', NOT_FOUND);
  const badge = await s.badges.findBySlug(organization.id, badgeSlug);
  if (!badge) return err('NOT_FOUND', 'No such badge.');
  const issued = (await s.credentials.publicCountByBadge(organization.id)).get(badge.id) ?? 0;
  return ok({ organization, badge, issued });
}
