import { z } from 'zod';
import { emailDelivery } from '../../../core/credentials/queries.ts';
import { CREDENTIAL_STATUSES, credentialStatus } from '../../../core/credentials/status.ts';
import type { Credential, CredentialWithBadge } from '../../../core/entities.ts';
import type { EmailDelivery } from '../../../core/ports/stores/outbox.ts';
import { verificationUrl } from '../../../core/public-urls.ts';
import type { AppContext } from '../../context.ts';

const EXAMPLE = {
  id: 'f1d2c3b4-5a69-4b7c-8d9e-0a1b2c3d4e5f',
  credentialId: 'CRD-ZBUYQMTA',
  verificationUrl: 'https://laurel.example.org/verify/CRD-ZBUYQMTA',
  status: 'pending',
  issuanceDate: '2026-01-15T10:00:00.000Z',
  expirationDate: '2028-01-15T10:00:00.000Z',
  recipientName: 'Jane Doe',
  recipientEmail: 'jane@example.com',
  supersedesCredentialId: null,
  isPublic: true,
} as const;

/** `{credentialId}` in a path: any string, so an unknown or malformed id answers 404 alike. */
export const CredentialParams = z.object({
  credentialId: z.string().describe('The credential’s UUID (its `id`, not the CRD- short id).'),
});

/** Every field a credential can show, described once; each response picks its own. */
const fields = {
  id: z.uuid().describe('Internal identifier; use it in the other credential endpoints.'),
  credentialId: z.string().describe('The short id (CRD-…) printed on the credential.'),
  badgeId: z.uuid().describe('The badge template it was issued from.'),
  badgeName: z.string().describe('The badge’s name.'),
  recipientName: z.string().describe('Display name on the credential.'),
  recipientEmail: z.string().describe('Where the credential was sent, matched at claim time.'),
  status: z
    .enum(CREDENTIAL_STATUSES)
    .describe(
      'valid (claimed), pending (not yet claimed), expired, or revoked (revoked wins over expired).',
    ),
  issuanceDate: z.iso.datetime().describe('When it was issued.'),
  expirationDate: z.iso.datetime().nullable().describe('When it expires; null when it never does.'),
  claimedAt: z.iso
    .datetime()
    .nullable()
    .describe('When the recipient claimed it; null until then.'),
  revokedAt: z.iso.datetime().nullable().describe('When it was revoked; null when it is not.'),
  revocationReason: z
    .string()
    .nullable()
    .describe('Why it was revoked, as verifiers see it; null when it is not revoked.'),
  isPublic: z
    .boolean()
    .describe('Whether anyone with the verification URL can see it (fixed at issue time).'),
  evidenceUrl: z
    .string()
    .nullable()
    .describe('A link (http or https) to proof of the achievement, if one was given.'),
  verificationUrl: z.url().describe('The public verification page.'),
  supersedesCredentialId: z
    .uuid()
    .nullable()
    .describe('The `id` of the credential this one renews or replaces; null for a first issue.'),
  supersededByCredentialId: z
    .uuid()
    .nullable()
    .describe(
      'The `id` of the credential that renewed or replaced this one; null while it is the latest.',
    ),
  emailDelivery: z
    .object({
      status: z
        .enum(['queued', 'sending', 'sent', 'failed', 'suppressed'])
        .describe('suppressed: the organization has email notifications turned off.'),
      lastError: z.string().nullable().describe('Why the last attempt failed, if it did.'),
    })
    .nullable()
    .describe(
      'The most recent email about it (issuance, renewal or resend); null when none was sent.',
    ),
};

/** The answer to an issue: the fields of api/credentials.md, "Issue a credential", plus isPublic and evidenceUrl. */
export const IssuedCredentialSchema = z
  .object({
    id: fields.id,
    credentialId: fields.credentialId,
    verificationUrl: fields.verificationUrl,
    status: fields.status,
    issuanceDate: fields.issuanceDate,
    expirationDate: fields.expirationDate,
    recipientName: fields.recipientName,
    recipientEmail: fields.recipientEmail,
    supersedesCredentialId: fields.supersedesCredentialId,
    isPublic: fields.isPublic,
    evidenceUrl: fields.evidenceUrl,
  })
  .meta({
    id: 'IssuedCredential',
    description: 'A credential just issued.',
    examples: [{ ...EXAMPLE, evidenceUrl: null }],
  });

/** A credential in a list, or alone: the list item of api/credentials.md plus revocationReason and emailDelivery. */
export const CredentialSchema = z
  .object({
    id: fields.id,
    credentialId: fields.credentialId,
    badgeId: fields.badgeId,
    badgeName: fields.badgeName,
    recipientName: fields.recipientName,
    recipientEmail: fields.recipientEmail,
    status: fields.status,
    issuanceDate: fields.issuanceDate,
    expirationDate: fields.expirationDate,
    claimedAt: fields.claimedAt,
    revokedAt: fields.revokedAt,
    revocationReason: fields.revocationReason,
    isPublic: fields.isPublic,
    verificationUrl: fields.verificationUrl,
    supersedesCredentialId: fields.supersedesCredentialId,
    supersededByCredentialId: fields.supersededByCredentialId,
    emailDelivery: fields.emailDelivery,
  })
  .meta({
    id: 'Credential',
    description: 'A credential of your organization.',
    examples: [
      {
        ...EXAMPLE,
        badgeId: '550e8400-e29b-41d4-a716-446655440000',
        badgeName: 'AWS Fundamentals',
        status: 'valid',
        claimedAt: '2026-01-15T11:30:00.000Z',
        revokedAt: null,
        revocationReason: null,
        supersededByCredentialId: null,
        emailDelivery: { status: 'sent', lastError: null },
      },
    ],
  });

type IssuedCredentialView = z.output<typeof IssuedCredentialSchema>;
type CredentialView = z.output<typeof CredentialSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function issuedCredentialView(
  publicUrl: string,
  c: Credential,
  now: Date,
): IssuedCredentialView {
  return {
    id: c.id,
    credentialId: c.shortId,
    verificationUrl: verificationUrl(publicUrl, c.shortId),
    status: credentialStatus(c, now),
    issuanceDate: c.issuedAt.toISOString(),
    expirationDate: iso(c.expiresAt),
    recipientName: c.recipientName,
    recipientEmail: c.recipientEmail,
    supersedesCredentialId: c.supersedesCredentialId,
    isPublic: c.isPublic,
    evidenceUrl: c.evidenceUrl,
  };
}

export function credentialView(
  publicUrl: string,
  c: CredentialWithBadge,
  delivery: EmailDelivery | undefined,
  now: Date,
): CredentialView {
  return {
    id: c.id,
    credentialId: c.shortId,
    badgeId: c.badgeId,
    badgeName: c.badgeName,
    recipientName: c.recipientName,
    recipientEmail: c.recipientEmail,
    status: credentialStatus(c, now),
    issuanceDate: c.issuedAt.toISOString(),
    expirationDate: iso(c.expiresAt),
    claimedAt: iso(c.claimedAt),
    revokedAt: iso(c.revokedAt),
    revocationReason: c.revocationReason,
    isPublic: c.isPublic,
    verificationUrl: verificationUrl(publicUrl, c.shortId),
    supersedesCredentialId: c.supersedesCredentialId,
    supersededByCredentialId: c.supersededByCredentialId,
    emailDelivery: delivery ? { status: delivery.status, lastError: delivery.lastError } : null,
  };
}

/**
 * A credential of the organization (already read through a use case) as the API shows it,
 * with the state of its most recent email: listCredentials and revokeCredential do not
 * return it, so it is read here, one outbox row per credential.
 */
export async function loadCredentialView(
  ctx: AppContext,
  c: CredentialWithBadge,
): Promise<CredentialView> {
  const delivery = await emailDelivery(ctx.deps, c);
  return credentialView(ctx.config.publicUrl, c, delivery, ctx.deps.clock.now());
}
