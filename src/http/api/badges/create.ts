import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_EXPIRES_IN_DAYS } from '../../../core/badges/badge-input.ts';
import { authorizeBadgeAction, createBadge } from '../../../core/badges/badges.ts';
import { imageRefusalMessage } from '../../../core/image-uses.ts';
import { claimInHandler } from '../idempotency.ts';
import { apiCaller, operation, sendApiError, type ApiEndpoint } from '../endpoint.ts';
import { readMultipartForm } from '../multipart-form.ts';
import { inRequestTerms, validationFailure } from '../request-terms.ts';
import { BadgeSchema, badgeView } from './schema.ts';

/**
 * The form as the OpenAPI document shows it. It validates nothing (`catch`: whatever the body
 * is passes): a multipart body reaches the handler unparsed, as `null`; the handler reads the
 * parts, refuses any other kind of body, and createBadge judges the values, as it does the web
 * form's.
 */
const BadgeForm = z
  .object({
    name: z
      .string()
      .describe(
        'Display name, at most 150 characters. It never changes. A tab is stored as a space and CRLF as LF; any other control character is refused.',
      ),
    slug: z
      .string()
      .optional()
      .describe(
        'URL-safe identifier, part of publicUrl and achievementUrl; made from the name when absent. It never changes, and a taken one answers 409.',
      ),
    description: z
      .string()
      .describe(
        'What the badge represents. Plain text. A tab is stored as a space and CRLF as LF; any other control character is refused.',
      ),
    criteria: z
      .string()
      .describe(
        'What the recipient did to earn it. Plain text. A tab is stored as a space and CRLF as LF; any other control character is refused.',
      ),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_EXPIRES_IN_DAYS)
      .optional()
      .describe('Credentials expire this many days after issuance; absent: they never expire.'),
    tags: z
      .array(z.string())
      .optional()
      .describe('Skills associated with the badge: repeat the field once per skill.'),
    externalUrl: z.string().optional().describe('A link (http or https) to more about the badge.'),
    image: z
      .file()
      .describe(
        'The badge image: PNG, JPEG, WebP or SVG, at most 5 MB. An SVG is stored as a PNG.',
      ),
  })
  .optional()
  .catch(undefined);

/** POST /api/v1/badges (beyond the reference: creating-a-badge.md over the API). */
export const createBadgeEndpoint: ApiEndpoint = (api, ctx) => {
  api.post(
    '/badges',
    {
      // The hooks cannot hash a multipart body before it is read: the handler claims the key itself.
      config: { idempotent: false },
      schema: {
        ...operation({
          operationId: 'createBadge',
          summary: 'Create a badge',
          description:
            'Creates a badge template from a multipart/form-data body. An Idempotency-Key covers the fields and the image bytes: the same upload again replays the first response.',
          tags: ['Badges'],
          body: BadgeForm,
          response: { 201: BadgeSchema.describe('The new badge.') },
          errors: {
            400: 'VALIDATION_ERROR: a field is missing or invalid, the image is missing, unreadable or over 5 MB, or the body is not multipart/form-data; `details.fields` names the fields.',
            409: 'CONFLICT: another badge of your organization has that slug (SLUG_TAKEN).',
          },
        }),
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const { actor } = apiCaller(request);
      const orgId = actor.organizationId;
      // Asked before the upload is read or stored; createBadge asks again.
      const allowed = await authorizeBadgeAction(ctx.deps, actor, orgId, 'badges.create');
      if (!allowed.ok) return sendApiError(reply, allowed.error);
      const form = await readMultipartForm(request, {
        fields: ['name', 'slug', 'description', 'criteria', 'expiresInDays', 'externalUrl'],
        lists: ['tags'],
        file: 'image',
        fileTooLarge: imageRefusalMessage('badge', 'TOO_LARGE'),
      });
      if (Object.keys(form.problems).length > 0)
        return sendApiError(reply, validationFailure(form.problems));
      const uploaded = {
        fields: form.fields,
        lists: form.lists,
        image: form.file ? createHash('sha256').update(form.file).digest('hex') : null,
      };
      if (!(await claimInHandler(ctx.deps, request, reply, uploaded))) return reply;

      const f = form.fields;
      const created = await createBadge(ctx.deps, actor, orgId, {
        name: f.name ?? '',
        slug: f.slug,
        description: f.description ?? '',
        criteria: f.criteria ?? '',
        externalUrl: f.externalUrl ?? null,
        expiresInDays: f.expiresInDays ?? null,
        tags: form.lists.tags ?? [],
        image: form.file ?? null,
      });
      if (!created.ok) return sendApiError(reply, inRequestTerms(created.error));
      return reply.code(201).send(badgeView(ctx.config.publicUrl, allowed.value, created.value));
    },
  );
};
