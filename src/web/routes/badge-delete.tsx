import type { FastifyInstance } from 'fastify';
import { deleteBadge } from '../../core/badges/badges.ts';
import type { AppContext } from '../../http/context.ts';
import { BadgeDeleteDialog, BadgeDeletePage } from '../pages/badge-delete-page.tsx';
import { pageContext, redirectWithFlash, requireUser } from '../respond.tsx';
import { memberOrNotFound, sendDialog, sendRefusal } from './org-route-helpers.tsx';
import { badgePath, badgesPath } from '../app-paths.ts';
import { badgeRouteHelpers, type BadgeParams } from './badge-route-helpers.tsx';

/** Deleting a badge, or deactivating it once credentials were issued from it (creating-a-badge.md). */
export function registerBadgeDeleteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const { toBadge, mayDo, badgeOrRefusal, issuedCount } = badgeRouteHelpers(ctx);

  app.get<BadgeParams>('/organizations/:orgId/badges/:badgeId/delete', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, badgeId } = request.params;
    const back = toBadge(orgId, badgeId);
    if (!(await mayDo(request, reply, auth.actor, orgId, 'badges.delete', back))) return reply;
    const access = await memberOrNotFound(request, reply, ctx, orgId, auth.actor);
    if (!access) return reply;
    const view = await badgeOrRefusal(request, reply, auth.actor, orgId, badgeId, back);
    if (!view) return reply;
    const { badge } = view;
    const issued = await issuedCount(auth.actor, orgId, badgeId);
    return sendDialog(request, reply, {
      modal: (
        <BadgeDeleteDialog
          org={access.organization}
          badge={badge}
          issued={issued}
          csrfToken={request.csrfToken}
          mode="modal"
        />
      ),
      page: (
        <BadgeDeletePage
          page={pageContext(request, reply, ctx)}
          org={access.organization}
          badge={badge}
          issued={issued}
        />
      ),
    });
  });

  app.post<BadgeParams>('/organizations/:orgId/badges/:badgeId/delete', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, badgeId } = request.params;
    const result = await deleteBadge(deps, auth.actor, orgId, badgeId);
    if (!result.ok) return sendRefusal(request, reply, ctx, result.error, toBadge(orgId, badgeId));
    if (result.value.outcome === 'deleted')
      return redirectWithFlash(reply, ctx, badgesPath(orgId), 'badge_deleted');
    return redirectWithFlash(reply, ctx, badgePath(orgId, badgeId), 'badge_deactivated');
  });
}
