import type { FastifyInstance } from 'fastify';
import { getPublicBadge, getPublicOrganization } from '../../core/organizations/public-pages.ts';
import {
  badgeImageUrl,
  badgePageUrl,
  organizationLogoUrl,
  publicOrganizationUrl,
} from '../../core/public-urls.ts';
import type { AppContext } from '../../http/context.ts';
import { PublicBadgePage } from '../pages/public-badge-page.tsx';
import { PublicOrganizationPage } from '../pages/public-organization-page.tsx';
import { pageContext, sendPage } from '../respond.tsx';

/** The public organization and badge pages (creating-an-organization.md, creating-a-badge.md), for anyone. */
export function registerPublicOrganizationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');

  app.get<{ Params: { slug: string } }>('/o/:slug', async (request, reply) => {
    const found = await getPublicOrganization(deps, request.params.slug);
    // Missing and not public look the same: the site's own 404 page.
    if (!found.ok) return reply.callNotFound();
    const org = found.value.organization;
    const og = {
      title: org.name,
      description: org.description ?? `Badges and credentials issued by ${org.name}.`,
      url: publicOrganizationUrl(publicUrl, org.slug),
      image: org.logoPath ? organizationLogoUrl(publicUrl, org.id) : null,
    };
    return sendPage(
      reply,
      <PublicOrganizationPage page={pageContext(request, reply, ctx)} view={found.value} og={og} />,
    );
  });

  app.get<{ Params: { orgSlug: string; badgeSlug: string } }>(
    '/o/:orgSlug/badges/:badgeSlug',
    async (request, reply) => {
      const found = await getPublicBadge(deps, request.params.orgSlug, request.params.badgeSlug);
      if (!found.ok) return reply.callNotFound();
      const { organization: org, badge } = found.value;
      const og = {
        title: `${badge.name} · ${org.name}`,
        description: badge.description,
        url: badgePageUrl(publicUrl, org.slug, badge.slug),
        image: badge.imagePath
          ? badgeImageUrl(publicUrl, badge.id)
          : org.logoPath
            ? organizationLogoUrl(publicUrl, org.id)
            : null,
      };
      return sendPage(
        reply,
        <PublicBadgePage page={pageContext(request, reply, ctx)} view={found.value} og={og} />,
      );
    },
  );
}
