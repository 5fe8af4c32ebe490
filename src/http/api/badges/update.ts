import { z } from 'zod';
import { updateBadge, type BadgeEdit } from '../../../core/badges/badges.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { inRequestTerms } from '../request-terms.ts';
import { BadgeParams, BadgeSchema, badgeView } from './schema.ts';

/**
 * The fields an edit may send; absent ones stay as they are. Name and slug are accepted so
 * that a badge sent back whole is not an error; changing them is (409 FIELD_LOCKED).
 * Unknown fields are refused rather than ignored, so a typo never looks like a success.
 */
const BadgeChanges = z
  .strictObject({
    name: z.string().optional().describe('Never changes: a different value answers 409.'),
    slug: z.string().optional().describe('Never changes: a different value answers 409.'),
    description: z
      .string()
      .optional()
      .describe(
        'What the badge represents. Plain text. A tab is stored as a space and CRLF as LF; any other control character is refused.',
      ),
    criteria: z
      .string()
      .optional()
      .describe(
        'What the recipient did to earn it. Plain text. A tab is stored as a space and CRLF as LF; any other control character is refused.',
      ),
    expiresInDays: z
      .number()
      .nullable()
      .optional()
      .describe('Credentials expire this many days after issuance; null: they never expire.'),
    tags: z.array(z.string()).optional().describe('Skills associated with the badge.'),
    externalUrl: z
      .string()
      .nullable()
      .optional()
      .describe('A link (http or https) to more about the badge; null removes it.'),
  })
  .meta({ examples: [{ criteria: 'Pass the exam with a score of 75% or higher.' }] });

/** PATCH /api/v1/badges/{badgeId} (beyond the reference: editing a badge over the API). */
export const updateBadgeEndpoint: ApiEndpoint = (api, ctx) => {
  api.patch(
    '/badges/:badgeId',
    {
      schema: operation({
        operationId: 'updateBadge',
        summary: 'Update a badge',
        description:
          'Changes the fields sent. Once a credential has been issued from the badge, only `externalUrl` can change: the rest is part of the signed credentials or their expiry terms.',
        tags: ['Badges'],
        params: BadgeParams,
        body: BadgeChanges,
        response: { 200: BadgeSchema.describe('The badge as it is now.') },
        errors: {
          400: 'VALIDATION_ERROR: a field is invalid or unknown; `details.fields` names it.',
          404: 'NOT_FOUND: the badge doesn’t exist or doesn’t belong to your organization.',
          409: 'CONFLICT: a field that cannot change was sent with a new value (FIELD_LOCKED; `details.locked` lists them): name and slug never change, and the other fields but externalUrl are locked once credentials have been issued.',
        },
      }),
    },
    async (request, reply) => {
      const { actor, organization } = apiCaller(request);
      // Absent fields stay absent (zod adds no keys), so they stay as they are.
      const changes: BadgeEdit = request.body;
      const result = await updateBadge(
        ctx.deps,
        actor,
        actor.organizationId,
        request.params.badgeId,
        changes,
      );
      if (!result.ok) return sendApiError(reply, inRequestTerms(result.error));
      return badgeView(ctx.config.publicUrl, organization, result.value.badge);
    },
  );
};
