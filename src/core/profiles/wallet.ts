import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { WalletCredential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

/** The recipient's side of the dashboard. */
export interface Wallet {
  /** Where their public profile lives; null until they pick a slug. */
  profileSlug: string | null;
  /** Issued to their email and not claimed by anyone yet, whatever their status. */
  pending: WalletCredential[];
  claimed: WalletCredential[];
}

export async function listWallet(
  deps: CoreDeps,
  actor: UserActor,
): Promise<Result<Wallet, ErrorCode>> {
  const { userId } = actor;
  const s = deps.uow.stores;
  const user = await s.users.findById(userId);
  if (!user) return err('UNAUTHORIZED', 'Sign in first.');
  // Until the address is proven theirs, credentials sent to it are not theirs to see.
  const [pending, claimed] = await Promise.all([
    user.emailVerifiedAt ? s.credentials.listPendingFor(user.email) : [],
    s.credentials.listClaimedBy(userId),
  ]);
  return ok({ profileSlug: user.profileSlug, pending, claimed });
}

const NOT_IN_WALLET = 'This credential is not in your wallet.';

/**
 * The recipient's own choice to leave a claimed public credential off /u/{slug} (it stays
 * verifiable). Someone else's credential looks missing; a private one never shows anyway.
 */
export async function setShownOnProfile(
  deps: CoreDeps,
  actor: UserActor,
  credentialId: string,
  shown: boolean,
): Promise<Result<void, ErrorCode>> {
  const { userId } = actor;
  return deps.uow.transaction(async (s) => {
    const credential = await s.credentials.findByPublicId(credentialId);
    if (!credential || credential.claimedBy !== userId) return err('NOT_FOUND', NOT_IN_WALLET);
    if (!credential.isPublic) {
      return err('CONFLICT', 'This credential is private: it never appears on your profile.', {
        reason: 'PRIVATE_CREDENTIAL',
      });
    }
    if (!(await s.credentials.setHiddenFromProfile(credential.id, userId, !shown)))
      return err('NOT_FOUND', NOT_IN_WALLET);
    return ok(undefined);
  });
}
