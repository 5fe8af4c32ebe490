import { z } from 'zod';
import { getCredential } from '../../../core/credentials/queries.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { CredentialParams, CredentialSchema, credentialView } from './schema.ts';

const CredentialDetailSchema = CredentialSchema.extend({
  ob3Credential: z
    .record(z.string(), z.unknown())
    .describe('The signed Open Badges 3.0 credential (JSON-LD), exactly as issued.'),
});

/** GET /api/v1/credentials/{credentialId} (reference: api/credentials.md, "Get a credential"). */
export const getCredentialEndpoint: ApiEndpoint = (api, ctx) => {
  api.get(
    '/credentials/:credentialId',
    {
      schema: operation({
        operationId: 'getCredential',
        summary: 'Get a credential',
        tags: ['Credentials'],
        params: CredentialParams,
        response: {
          200: CredentialDetailSchema.describe('The credential, with its signed document.'),
        },
        errors: {
          404: 'NOT_FOUND: the credential doesn’t exist or doesn’t belong to your organization.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const result = await getCredential(
        ctx.deps,
        actor,
        actor.organizationId,
        request.params.credentialId,
      );
      if (!result.ok) return sendApiError(reply, result.error);
      const { credential, document, delivery } = result.value;
      return {
        ...credentialView(ctx.config.publicUrl, credential, delivery, ctx.deps.clock.now()),
        ob3Credential: JSON.parse(document) as Record<string, unknown>,
      };
    },
  );
};
