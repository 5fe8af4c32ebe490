import { authorize } from '../authz/access.ts';
import { actorUserId, type Actor } from '../authz/actor.ts';
import { alreadyRevoked } from '../authz/refusals.ts';
import type { CoreDeps } from '../deps.ts';
import type { CredentialWithBadge } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, failed, ok, type Result } from '../result.ts';
import { recordRevocation } from './status-entries.ts';

/**
 * Revokes a credential (revoking-credentials.md): Owners and Admins, a non-empty reason,
 * final, and the status-list bit set in the same transaction. Quota is not given back.
 */
export async function revokeCredential(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  credentialId: string,
  reason: string,
): Promise<Result<CredentialWithBadge, ErrorCode>> {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed === '' || trimmed.length > 500) {
    const message =
      trimmed === ''
        ? 'Give a reason for the revocation.'
        : 'The reason must be at most 500 characters.';
    return err('VALIDATION_ERROR', message, { fields: { reason: message } });
  }
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await authorize(s, organizationId, actor, 'credentials.revoke');
    if (!access.ok) return access;
    const credential = await s.credentials.findInOrganization(organizationId, credentialId);
    if (!credential) return err('NOT_FOUND', 'Credential not found.');
    const revokedBy = actorUserId(actor);
    if (!(await recordRevocation(s, credential, { reason: trimmed, revokedBy }, now))) {
      return failed(alreadyRevoked());
    }
    return ok({ ...credential, revokedAt: now, revocationReason: trimmed, revokedBy });
  });
}
