import { normalizeEmail } from '../email-address.ts';
import type { Credential, User } from '../entities.ts';
import type { Stores } from '../ports/unit-of-work.ts';

/**
 * Who may see a credential: anyone when it is public; otherwise only its recipient (the
 * account that claimed it, or a verified account with the address it was issued to) and
 * the members of the issuing organization.
 */
export async function canViewCredential(
  s: Stores,
  credential: Pick<Credential, 'isPublic' | 'claimedBy' | 'organizationId' | 'recipientEmail'>,
  viewerUserId: string | null,
): Promise<boolean> {
  if (credential.isPublic) return true;
  if (!viewerUserId) return false;
  if (credential.claimedBy === viewerUserId) return true;
  if (await s.memberships.find(credential.organizationId, viewerUserId)) return true;
  const viewer = await s.users.findById(viewerUserId);
  return viewer !== undefined && isRecipient(viewer, credential);
}

/** The credential's recipient: the account that claimed it, or a verified account with its address. */
export function isRecipient(
  user: Pick<User, 'id' | 'email' | 'emailVerifiedAt'>,
  credential: Pick<Credential, 'claimedBy' | 'recipientEmail'>,
): boolean {
  if (credential.claimedBy === user.id) return true;
  return (
    user.emailVerifiedAt !== null &&
    normalizeEmail(user.email) === normalizeEmail(credential.recipientEmail)
  );
}
