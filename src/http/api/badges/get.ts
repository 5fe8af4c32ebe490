import { getBadge } from '../../../core/badges/queries.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { BadgeParams, BadgeSchema, badgeView } from './schema.ts';

/** GET /api/v1/badges/{badgeId} (reference: api/badges.md, "Get a badge"). */
export const getBadgeEndpoint: ApiEndpoint = (api, ctx) => {
  api.get(
    '/badges/:badgeId',
    {
      schema: operation({
        operationId: 'getBadge',
        summary: 'Get a badge',
        tags: ['Badges'],
        params: BadgeParams,
        response: { 200: BadgeSchema.describe('The badge.') },
        errors: {
          404: 'NOT_FOUND: the badge doesn’t exist or doesn’t belong to your organization.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const result = await getBadge(ctx.deps, actor, actor.organizationId, request.params.badgeId);
      if (!result.ok) return sendApiError(reply, result.error);
      return badgeView(ctx.config.publicUrl, result.value.organization, result.value.badge);
    },
  );
};
