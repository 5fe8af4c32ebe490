import type { Credential } from '../entities.ts';

/** The statuses of concepts.md, as the API and pages show them. */
export const CREDENTIAL_STATUSES = ['valid', 'pending', 'expired', 'revoked'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** Revoked wins over expired (a credential both revoked and expired counts as revoked), expired over pending. */
export function credentialStatus(
  c: Pick<Credential, 'revokedAt' | 'expiresAt' | 'claimedAt'>,
  now: Date,
): CredentialStatus {
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt && c.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!c.claimedAt) return 'pending';
  return 'valid';
}
