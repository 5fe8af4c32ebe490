import { z } from 'zod';
import { deleteBadge } from '../../../core/badges/badges.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { BadgeParams } from './schema.ts';

const DeletionSchema = z
  .union([
    z.object({ deleted: z.literal(true).describe('The badge is gone for good.') }),
    z.object({
      deactivated: z
        .literal(true)
        .describe('Credentials were issued from it: it is deactivated instead.'),
    }),
  ])
  .meta({ examples: [{ deleted: true }, { deactivated: true }] });

/** DELETE /api/v1/badges/{badgeId} (beyond the reference: deleting a badge over the API). */
export const deleteBadgeEndpoint: ApiEndpoint = (api, ctx) => {
  api.delete(
    '/badges/:badgeId',
    {
      schema: operation({
        operationId: 'deleteBadge',
        summary: 'Delete a badge',
        description:
          'Deletes a badge no credential was issued from. A badge with credentials is deactivated instead: closed to new issuance and hidden from the gallery, its credentials intact and verifiable.',
        tags: ['Badges'],
        params: BadgeParams,
        response: { 200: DeletionSchema.describe('What happened to the badge.') },
        errors: {
          404: 'NOT_FOUND: the badge doesn’t exist or doesn’t belong to your organization.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const result = await deleteBadge(
        ctx.deps,
        actor,
        actor.organizationId,
        request.params.badgeId,
      );
      if (!result.ok) return sendApiError(reply, result.error);
      if (result.value.outcome === 'deactivated') return { deactivated: true as const };
      return { deleted: true as const };
    },
  );
};
