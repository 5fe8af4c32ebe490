import { z } from 'zod';
import { checkRecipient, RECIPIENT_STATES } from '../../../core/credentials/recipient-check.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { inRequestTerms } from '../request-terms.ts';

const RecipientCheckSchema = z
  .object({
    state: z
      .enum(RECIPIENT_STATES)
      .describe(
        'What issuing would do: new (a first credential), expired (renew it), active_time_bound (revoke it and issue a new one), active_non_expiring (refused with 409), revoked (replace it).',
      ),
    priorCredentialId: z
      .uuid()
      .nullable()
      .describe('The `id` of the recipient’s latest credential of this badge; null when new.'),
    message: z.string().describe('The banner the issue form shows for this state.'),
  })
  .meta({
    id: 'RecipientCheck',
    examples: [
      {
        state: 'expired',
        priorCredentialId: 'f1d2c3b4-5a69-4b7c-8d9e-0a1b2c3d4e5f',
        message: 'Renewing an expired credential.',
      },
    ],
  });

/** GET /api/v1/credentials/check (beyond the reference: the issue form's recipient check). */
export const checkRecipientEndpoint: ApiEndpoint = (api, ctx) => {
  api.get(
    '/credentials/check',
    {
      schema: operation({
        operationId: 'checkRecipient',
        summary: 'Check a recipient before issuing',
        description:
          'What issuing this badge to this email would do, given the recipient’s latest credential of it. Changes nothing.',
        tags: ['Credentials'],
        querystring: z.object({
          badgeId: z.uuid().describe('The badge to issue.'),
          email: z.string().describe('The recipient’s email.'),
        }),
        response: { 200: RecipientCheckSchema.describe('The recipient’s state for this badge.') },
        errors: {
          400: 'VALIDATION_ERROR: `badgeId` or `email` is missing or malformed; `details.fields` names it.',
          404: 'NOT_FOUND: `badgeId` not found or not in your organization.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const { badgeId, email } = request.query;
      const result = await checkRecipient(ctx.deps, actor, actor.organizationId, badgeId, email);
      if (!result.ok) return sendApiError(reply, inRequestTerms(result.error));
      const { state, priorCredentialId, message } = result.value;
      return { state, priorCredentialId, message };
    },
  );
};
