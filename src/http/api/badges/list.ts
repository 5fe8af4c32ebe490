import { z } from 'zod';
import { listBadges } from '../../../core/badges/queries.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { booleanQuery, pageOf, pageQuery } from '../schemas.ts';
import { BadgeSchema, badgeView } from './schema.ts';

/** GET /api/v1/badges (reference: api/badges.md, "List badges"). */
export const listBadgesEndpoint: ApiEndpoint = (api, ctx) => {
  api.get(
    '/badges',
    {
      schema: operation({
        operationId: 'listBadges',
        summary: 'List badges',
        description: 'Your organization’s badge templates, newest first.',
        tags: ['Badges'],
        querystring: z.object({
          ...pageQuery,
          active: booleanQuery('Only active (true) or only deactivated (false) badges.'),
        }),
        response: { 200: pageOf(BadgeSchema).describe('A page of badges.') },
        errors: {
          400: 'VALIDATION_ERROR: a query parameter is invalid; `details.fields` names it.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const { limit, offset, active } = request.query;
      const result = await listBadges(ctx.deps, actor, actor.organizationId, {
        limit,
        offset,
        ...(active === undefined ? {} : { active }),
      });
      if (!result.ok) return sendApiError(reply, result.error);
      const { organization, badges, total } = result.value;
      return {
        data: badges.map((b) => badgeView(ctx.config.publicUrl, organization, b)),
        pagination: { limit, offset, total },
      };
    },
  );
};
