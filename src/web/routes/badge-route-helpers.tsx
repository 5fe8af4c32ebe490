import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorizeBadgeAction } from '../../core/badges/badges.ts';
import { getBadge, type BadgeView } from '../../core/badges/queries.ts';
import { listCredentials } from '../../core/credentials/queries.ts';
import type { UserActor } from '../../core/authz/actor.ts';
import type { AppContext } from '../../http/context.ts';
import { sendRefusal } from './org-route-helpers.tsx';
import { badgePath, badgesPath } from '../app-paths.ts';

export type OrgParams = { Params: { orgId: string } };
export type BadgeParams = { Params: { orgId: string; badgeId: string } };
type BadgeAction = Parameters<typeof authorizeBadgeAction>[3];
type Back = { href: string; label: string };

/**
 * What the badge routes share: where a refusal's way back goes, and the checks that send
 * the refusal themselves.
 */
export function badgeRouteHelpers(ctx: AppContext) {
  const { deps } = ctx;
  const toTemplates = (orgId: string): Back => ({
    href: badgesPath(orgId),
    label: 'Back to badge templates',
  });
  const toBadge = (orgId: string, badgeId: string): Back => ({
    href: badgePath(orgId, badgeId),
    label: 'Back to the badge',
  });

  /** Whether the user may do `action` to the organization's badges; if not, the refusal is sent. */
  async function mayDo(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    orgId: string,
    action: BadgeAction,
    back: Back,
  ): Promise<boolean> {
    const allowed = await authorizeBadgeAction(deps, actor, orgId, action);
    if (allowed.ok) return true;
    await sendRefusal(request, reply, ctx, allowed.error, back);
    return false;
  }

  /** The organization's badge, or undefined with the refusal (404 for a missing one) sent. */
  async function badgeOrRefusal(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    orgId: string,
    badgeId: string,
    back: Back,
  ): Promise<BadgeView | undefined> {
    const found = await getBadge(deps, actor, orgId, badgeId);
    if (found.ok) return found.value;
    await sendRefusal(request, reply, ctx, found.error, back);
    return undefined;
  }

  async function issuedCount(actor: UserActor, orgId: string, badgeId: string): Promise<number> {
    const r = await listCredentials(deps, actor, orgId, {
      badgeId,
      limit: 1,
      offset: 0,
    });
    return r.ok ? r.value.total : 0;
  }

  return { toTemplates, toBadge, mayDo, badgeOrRefusal, issuedCount };
}
