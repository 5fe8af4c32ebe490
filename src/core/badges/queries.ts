import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorizeActor, type Actor } from '../organizations/access.ts';
import { err, ok, type Result } from '../result.ts';

/** The largest page any list hands out (reference: api/badges.md). */
export const MAX_PAGE_SIZE = 100;

export interface BadgePage {
  /** The badges' organization: its slug is part of every badge's public URLs. */
  organization: Organization;
  badges: Badge[];
  total: number;
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
  const access = await authorizeActor(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  const limit = Math.min(Math.max(Math.trunc(f.limit), 1), MAX_PAGE_SIZE);
  const offset = Math.max(Math.trunc(f.offset), 0);
  const { items, total } = await s.badges.list(organizationId, {
    ...(f.active === undefined ? {} : { active: f.active }),
    limit,
    offset,
  });
  return ok({ organization: access.value, badges: items, total });
}

/** One badge of the organization; another organization's badge answers NOT_FOUND, like a missing one. */
export async function getBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
): Promise<Result<{ organization: Organization; badge: Badge }, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorizeActor(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  const badge = await s.badges.findById(organizationId, badgeId);
  if (!badge) return err('NOT_FOUND', 'Badge not found.');
  return ok({ organization: access.value, badge });
}
