import { z } from 'zod';
import { issueCredential } from '../../../core/credentials/issue.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { inRequestTerms } from '../request-terms.ts';
import { IssuedCredentialSchema, issuedCredentialView } from './schema.ts';

const IssueBody = z
  .object({
    badgeId: z.uuid().describe('The badge template UUID (from the Badges API).'),
    recipient: z.object({
      name: z
        .string()
        .describe(
          'Display name on the credential. A tab is stored as a space and CRLF as LF; any other control character is refused.',
        ),
      email: z
        .string()
        .describe('The recipient’s email. The credential is sent here and matched at claim time.'),
    }),
    evidenceUrl: z
      .string()
      .nullable()
      .optional()
      .describe('A link (http or https) to proof of the achievement: a project, a transcript.'),
    isPublic: z
      .boolean()
      .default(true)
      .describe('Whether anyone with the verification URL can see it. Fixed at issue time.'),
  })
  .meta({
    examples: [
      {
        badgeId: '550e8400-e29b-41d4-a716-446655440000',
        recipient: { name: 'Jane Doe', email: 'jane@example.com' },
      },
    ],
  });

/** The issue form's field names, as this request names them. */
const FIELD_NAMES = { recipientName: 'recipient.name', recipientEmail: 'recipient.email' };

/** POST /api/v1/credentials (reference: api/credentials.md, "Issue a credential"). */
export const issueCredentialEndpoint: ApiEndpoint = (api, ctx) => {
  api.post(
    '/credentials',
    {
      schema: operation({
        operationId: 'issueCredential',
        summary: 'Issue a credential',
        description:
          'Signs and issues a credential of one of your badges, and emails the recipient unless your organization turned email notifications off. When the recipient already has a credential of this badge, the new one supersedes it (`supersedesCredentialId`): an expired or revoked one is renewed or replaced; an active time-bound one is revoked ("Superseded by renewal") first; an active non-expiring one answers 409. 403 FORBIDDEN gives the cause in `details.reason`: ORG_NOT_APPROVED, NO_SIGNING_KEYS, BADGE_INACTIVE, or QUOTA_EXCEEDED (with `limit`, `used` and `resetsAt`: the monthly recipient quota, which is not a rate limit).',
        tags: ['Credentials'],
        body: IssueBody,
        response: { 201: IssuedCredentialSchema.describe('The new credential.') },
        errors: {
          400: 'VALIDATION_ERROR: a field is missing or malformed; `details.fields` names it.',
          404: 'NOT_FOUND: `badgeId` not found or not in your organization.',
          409: 'CONFLICT: the recipient already has an active, non-expiring credential of this badge (DUPLICATE_CREDENTIAL). Revoke it first.',
        },
      }),
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const { badgeId, recipient, evidenceUrl, isPublic } = request.body;
      const result = await issueCredential(ctx.deps, actor, actor.organizationId, {
        badgeId,
        recipientName: recipient.name,
        recipientEmail: recipient.email,
        evidenceUrl,
        isPublic,
      });
      if (!result.ok) return sendApiError(reply, inRequestTerms(result.error, FIELD_NAMES));
      const { credential } = result.value;
      return reply
        .code(201)
        .send(issuedCredentialView(ctx.config.publicUrl, credential, ctx.deps.clock.now()));
    },
  );
};
