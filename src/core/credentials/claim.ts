import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { Credential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { credentialStatus } from './status.ts';
import { canViewCredential } from './visibility.ts';

const ALREADY_CLAIMED =
  'This credential has already been claimed. Each credential can be claimed only once; if that is wrong, contact the issuing organization.';

const MISMATCH =
  'This credential was issued to a different email address than the one you are signed in with. ' +
  'Sign out and sign in with the address it was sent to, or ask the issuer to re-send it to your address.';

const revoked = () =>
  err('CONFLICT', 'This credential has been revoked, so it can no longer be claimed.', {
    reason: 'CREDENTIAL_REVOKED',
  });

/**
 * Links a credential to the signed-in recipient for good (claiming-a-credential.md): only
 * the account whose email is the recipient's, only once, and only while it is neither revoked
 * nor expired. The update is conditional, so of simultaneous claims exactly one wins.
 */
export async function claimCredential(
  deps: CoreDeps,
  actor: UserActor,
  publicId: string,
): Promise<Result<Credential, ErrorCode>> {
  const { userId } = actor;
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const credential = await s.credentials.findByPublicId(publicId);
    if (!credential) return err('NOT_FOUND', 'Credential not found.');
    if (!(await canViewCredential(s, credential, userId)))
      return err('FORBIDDEN', 'This credential is private.');
    const user = await s.users.findById(userId);
    if (!user) return err('UNAUTHORIZED', 'Sign in to claim this credential.');
    if (credential.claimedAt) return err('ALREADY_CLAIMED', ALREADY_CLAIMED);
    const status = credentialStatus(credential, now);
    if (status === 'revoked') return revoked();
    if (status === 'expired') {
      return err('CONFLICT', 'This credential has expired, so it can no longer be claimed.', {
        reason: 'CREDENTIAL_EXPIRED',
      });
    }
    if (!user.emailVerifiedAt)
      return err('EMAIL_NOT_VERIFIED', 'Verify your email address before claiming a credential.');
    if (normalizeEmail(user.email) !== normalizeEmail(credential.recipientEmail))
      return err('EMAIL_MISMATCH', MISMATCH);
    // Another claim or a revocation landed between our read and this update.
    if (!(await s.credentials.claim(credential.id, userId, now))) {
      const current = await s.credentials.findByPublicId(credential.id);
      return current?.revokedAt ? revoked() : err('ALREADY_CLAIMED', ALREADY_CLAIMED);
    }
    return ok({ ...credential, claimedAt: now, claimedBy: userId });
  });
}
