import { z } from 'zod';
import { revokeCredential } from '../../../core/credentials/revoke.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { inRequestTerms } from '../request-terms.ts';
import { CredentialParams, CredentialSchema, loadCredentialView } from './schema.ts';

/** POST /api/v1/credentials/{credentialId}/revoke (beyond the reference: revoking-credentials.md over the API). */
export const revokeCredentialEndpoint: ApiEndpoint = (api, ctx) => {
  api.post(
    '/credentials/:credentialId/revoke',
    {
      schema: operation({
        operationId: 'revokeCredential',
        summary: 'Revoke a credential',
        description:
          'Revokes a credential for good: verifiers see it as revoked at once, through its status list, with the reason on its verification page. The recipient’s slot in the monthly quota is not given back.',
        tags: ['Credentials'],
        params: CredentialParams,
        body: z
          .object({
            reason: z
              .string()
              .describe('Why it is revoked, shown to verifiers (1–500 characters).'),
          })
          .meta({ examples: [{ reason: 'Recipient withdrew from program.' }] }),
        response: { 200: CredentialSchema.describe('The revoked credential.') },
        errors: {
          400: 'VALIDATION_ERROR: the reason is missing, empty or longer than 500 characters.',
          404: 'NOT_FOUND: the credential doesn’t exist or doesn’t belong to your organization.',
          409: 'CONFLICT: the credential is already revoked (ALREADY_REVOKED).',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const result = await revokeCredential(
        ctx.deps,
        actor,
        actor.organizationId,
        request.params.credentialId,
        request.body.reason,
      );
      if (!result.ok) return sendApiError(reply, inRequestTerms(result.error));
      return loadCredentialView(ctx, result.value);
    },
  );
};
