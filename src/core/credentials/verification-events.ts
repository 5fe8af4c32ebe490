import type { CoreDeps } from '../deps.ts';
import type { Credential, VerificationChannel } from '../entities.ts';

/**
 * Counts one verification of one of our credentials for the issuer's analytics. Only the
 * credential, its organization, the channel and the time are kept: nothing about the verifier.
 */
export async function recordVerification(
  deps: CoreDeps,
  credential: Pick<Credential, 'id' | 'organizationId'>,
  channel: VerificationChannel,
): Promise<void> {
  await deps.uow.stores.verificationEvents.record(
    { credentialId: credential.id, organizationId: credential.organizationId, channel },
    deps.clock.now(),
  );
}
