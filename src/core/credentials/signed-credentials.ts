import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import type { NewCredential } from '../ports/stores/credentials.ts';
import { newShortId } from './short-id.ts';
import { allocateStatusEntry } from './status-entries.ts';

export interface CredentialRequest {
  organization: Organization;
  badge: Badge;
  recipientName: string;
  recipientEmail: string;
  evidenceUrl: string | null;
  isPublic: boolean;
  supersedesCredentialId: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Expiry from the badge's expiresInDays, counted from the moment of issue. */
function expiryFor(badge: Pick<Badge, 'expiresInDays'>, issuedAt: Date): Date | null {
  return badge.expiresInDays === null
    ? null
    : new Date(issuedAt.getTime() + badge.expiresInDays * DAY_MS);
}

/**
 * A credential ready to store: ids drawn, a revocation entry allocated, and the OB 3.0
 * document signed with the organization's active key. Signing happens outside any
 * transaction; the caller stores the result in the transaction that checks its rules, and
 * a credential it decides not to store only wastes its status index. Undefined when the
 * organization has no active signing key.
 */
export async function prepareSignedCredential(
  deps: CoreDeps,
  r: CredentialRequest,
): Promise<NewCredential | undefined> {
  const key = await deps.uow.stores.signingKeys.activeForSigning(r.organization.id);
  if (!key) return undefined;
  const entry = await allocateStatusEntry(deps, r.organization.id);
  const id = randomUUID();
  const issuedAt = deps.clock.now();
  const expiresAt = expiryFor(r.badge, issuedAt);
  const document = await deps.documents.signCredential(
    {
      credentialId: id,
      organization: r.organization,
      badge: r.badge,
      recipientName: r.recipientName,
      recipientEmail: r.recipientEmail,
      issuedAt,
      expiresAt,
      evidenceUrl: r.evidenceUrl,
      status: { listNumber: entry.list.listNumber, index: entry.index },
    },
    key,
  );
  return {
    id,
    shortId: newShortId(),
    organizationId: r.organization.id,
    badgeId: r.badge.id,
    recipientName: r.recipientName,
    recipientEmail: r.recipientEmail.trim(),
    issuedAt,
    expiresAt,
    isPublic: r.isPublic,
    evidenceUrl: r.evidenceUrl,
    supersedesCredentialId: r.supersedesCredentialId,
    signingKeyId: key.key.id,
    statusListId: entry.list.id,
    statusListIndex: entry.index,
    document,
  };
}
