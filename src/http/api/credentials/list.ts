import { z } from 'zod';
import { listCredentials } from '../../../core/credentials/queries.ts';
import { CREDENTIAL_STATUSES } from '../../../core/credentials/status.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { pageOf, pageQuery } from '../schemas.ts';
import { CredentialSchema, loadCredentialView } from './schema.ts';

/** GET /api/v1/credentials (reference: api/credentials.md, "List credentials"). */
export const listCredentialsEndpoint: ApiEndpoint = (api, ctx) => {
  api.get(
    '/credentials',
    {
      schema: operation({
        operationId: 'listCredentials',
        summary: 'List credentials',
        description: 'Your organization’s credentials, newest first.',
        tags: ['Credentials'],
        querystring: z.object({
          ...pageQuery,
          badgeId: z.uuid().optional().describe('Only credentials of this badge.'),
          status: z
            .enum(CREDENTIAL_STATUSES)
            .optional()
            .describe('Only credentials in this status.'),
          search: z
            .string()
            .trim()
            .max(200)
            .optional()
            .describe('Matches part of the recipient’s name or email, or the CRD- id.'),
        }),
        response: { 200: pageOf(CredentialSchema).describe('A page of credentials.') },
        errors: {
          400: 'VALIDATION_ERROR: a query parameter is invalid; `details.fields` names it.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const { limit, offset, badgeId, status, search } = request.query;
      const result = await listCredentials(ctx.deps, actor, actor.organizationId, {
        limit,
        offset,
        ...(badgeId ? { badgeId } : {}),
        ...(status ? { status } : {}),
        ...(search ? { search } : {}),
      });
      if (!result.ok) return sendApiError(reply, result.error);
      return {
        data: await Promise.all(result.value.items.map((c) => loadCredentialView(ctx, c))),
        pagination: { limit, offset, total: result.value.total },
      };
    },
  );
};
