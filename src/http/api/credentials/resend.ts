import { z } from 'zod';
import { resendCredentialEmail } from '../../../core/credentials/resend.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { CredentialParams } from './schema.ts';

/** POST /api/v1/credentials/{credentialId}/resend (beyond the reference: the list's "Resend email"). */
export const resendCredentialEndpoint: ApiEndpoint = (api, ctx) => {
  api.post(
    '/credentials/:credentialId/resend',
    {
      schema: operation({
        operationId: 'resendCredentialEmail',
        summary: 'Resend the credential email',
        description:
          'Queues the credential email to the recipient again. Allowed once every 7 days, unless the last send failed. 403 FORBIDDEN with `details.reason` EMAILS_DISABLED when your organization has email notifications turned off.',
        tags: ['Credentials'],
        params: CredentialParams,
        response: {
          202: z
            .object({ queued: z.literal(true).describe('The email is queued for delivery.') })
            .describe(
              'The email is queued; its progress shows in the credential’s `emailDelivery`.',
            ),
        },
        errors: {
          404: 'NOT_FOUND: the credential doesn’t exist or doesn’t belong to your organization.',
          409: 'CONFLICT: the last email went out less than 7 days ago (EMAIL_COOLDOWN, with `availableAt`), or the credential is revoked (CREDENTIAL_REVOKED).',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const result = await resendCredentialEmail(
        ctx.deps,
        actor,
        actor.organizationId,
        request.params.credentialId,
      );
      if (!result.ok) return sendApiError(reply, result.error);
      return reply.code(202).send({ queued: true });
    },
  );
};
