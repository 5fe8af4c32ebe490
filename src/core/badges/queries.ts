import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorizeAccess } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import { err, ok, type Result } from '../result.ts';

/** The largest page any list hands out (reference: api/badges.md). */
export const MAX_PAGE_SIZE = 100;

export interface BadgePage {
  /** The badges' organization: its slug is part of every badge's public URLs. */
  organization: Organization;
  badges: Badge[];
  total: number;
}

/** One badge as the viewer sees it, with what they may do with it. */
export interface BadgeView {
  organization: Organization;
  badge: Badge;
  may: {
    /** Issue credentials from it: only an active badge is issued from. */
    issue: boolean;
    edit: boolean;
    /**
     * Delete it (or, once credentials exist, deactivate it): a deactivated badge with
     * credentials has nothing left to delete.
     */
    delete: boolean;
  };
}

/**
 * A page of an organization's badges, newest first, for anyone who may see its credentials
 * (every member; an API key of that organization).
 */
export async function listBadges(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  f: { active?: boolean; limit: number; offset: number },
): Promise<Result<BadgePage, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorizeAccess(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  const { organization } = access.value;
  const limit = Math.min(Math.max(Math.trunc(f.limit), 1), MAX_PAGE_SIZE);
  const offset = Math.max(Math.trunc(f.offset), 0);
  const { items, total } = await s.badges.list(organizationId, {
    ...(f.active === undefined ? {} : { active: f.active }),
    limit,
    offset,
  });
  return ok({ organization, badges: items, total });
}

/** One badge of the organization; another organization's badge answers NOT_FOUND, like a missing one. */
export async function getBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
): Promise<Result<BadgeView, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorizeAccess(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  const { organization, may } = access.value;
  const badge = await s.badges.findById(organizationId, badgeId);
  if (!badge) return err('NOT_FOUND', 'Badge not found.');
  const deletable =
    may['badges.delete'] && (badge.isActive || (await s.credentials.countForBadge(badge.id)) === 0);
  return ok({
    organization,
    badge,
    may: {
      issue: may['credentials.issue'] && badge.isActive,
      edit: may['badges.edit'],
      delete: deletable,
    },
  });
}
