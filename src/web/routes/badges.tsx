import type { FastifyInstance } from 'fastify';
import { listBadges } from '../../core/badges/queries.ts';
import { listCredentials } from '../../core/credentials/queries.ts';
import type { AppContext } from '../../http/context.ts';
import { BadgeDetailPage } from '../pages/badge-detail-page.tsx';
import { BadgesPage } from '../pages/badges-page.tsx';
import { pageContext, requireUser, sendPage } from '../respond.tsx';
import { memberOrNotFound, pageNumber, sendRefusal } from './org-route-helpers.tsx';
import { organizationPath } from '../app-paths.ts';
import { badgeRouteHelpers, type BadgeParams, type OrgParams } from './badge-route-helpers.tsx';

const PAGE_SIZE = 24;

/**
 * The badge pages (creating-a-badge.md): the templates and a badge's page. Its forms are in
 * badge-form.tsx, deleting it in badge-delete.tsx.
 */
export function registerBadgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const { toTemplates, badgeOrRefusal } = badgeRouteHelpers(ctx);

  app.get<OrgParams & { Querystring: { status?: string; page?: string } }>(
    '/organizations/:orgId/badges',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const { orgId } = request.params;
      const access = await memberOrNotFound(request, reply, ctx, orgId, auth.actor);
      if (!access) return reply;
      const showing = request.query.status === 'deactivated' ? 'deactivated' : 'active';
      const n = pageNumber(request.query.page);
      const actor = auth.actor;
      const [shown, other] = await Promise.all([
        listBadges(deps, actor, orgId, {
          active: showing === 'active',
          limit: PAGE_SIZE,
          offset: (n - 1) * PAGE_SIZE,
        }),
        listBadges(deps, actor, orgId, { active: showing !== 'active', limit: 1, offset: 0 }),
      ]);
      if (!shown.ok)
        return sendRefusal(request, reply, ctx, shown.error, {
          href: organizationPath(orgId),
          label: 'Back to organization',
        });
      const otherTotal = other.ok ? other.value.total : 0;
      return sendPage(
        reply,
        <BadgesPage
          page={pageContext(request, reply, ctx)}
          org={access.organization}
          may={access.may}
          showing={showing}
          badges={shown.value.badges}
          counts={
            showing === 'active'
              ? { active: shown.value.total, deactivated: otherTotal }
              : { active: otherTotal, deactivated: shown.value.total }
          }
          pageNumber={n}
          pageSize={PAGE_SIZE}
          now={deps.clock.now()}
        />,
      );
    },
  );

  app.get<BadgeParams>('/organizations/:orgId/badges/:badgeId', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, badgeId } = request.params;
    const access = await memberOrNotFound(request, reply, ctx, orgId, auth.actor);
    if (!access) return reply;
    const [view, credentials] = await Promise.all([
      badgeOrRefusal(request, reply, auth.actor, orgId, badgeId, toTemplates(orgId)),
      listCredentials(deps, auth.actor, orgId, { badgeId, limit: 5, offset: 0 }),
    ]);
    if (!view) return reply;
    return sendPage(
      reply,
      <BadgeDetailPage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        badge={view.badge}
        badgeMay={view.may}
        credentials={credentials.ok ? credentials.value : { items: [], total: 0 }}
        now={deps.clock.now()}
      />,
    );
  });
}
