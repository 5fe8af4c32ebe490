import type { CoreDeps } from '../deps.ts';
import type { Credential, VerificationChannel } from '../entities.ts';

/**
 * Counts one verification of one of our credentials for the issuer's analytics. Only the
 * credential, its organization, the channel and the time are kept: nothing about the verifier.
 * The issuing organization's own members looking at it verify nothing, so they are not counted.
 * The count is noted, not written: the verification log writes it within a few seconds.
 */
export async function recordVerification(
  deps: CoreDeps,
  credential: Pick<Credential, 'id' | 'organizationId'>,
  channel: VerificationChannel,
  viewerUserId: string | null,
): Promise<void> {
  const s = deps.uow.stores;
  if (viewerUserId && (await s.memberships.find(credential.organizationId, viewerUserId))) return;
  deps.verificationLog.add({
    credentialId: credential.id,
    organizationId: credential.organizationId,
    channel,
    occurredAt: deps.clock.now(),
  });
}
