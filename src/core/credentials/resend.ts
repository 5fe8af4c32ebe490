import type { CoreDeps } from '../deps.ts';
import type { EmailDelivery } from '../ports/stores/outbox.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import { err, ok, type Result } from '../result.ts';
import { credentialEmailFacts } from './credential-email.ts';

/** issuing-a-credential.md: a 7-day cooldown between sends, unless the last one failed. */
const RESEND_COOLDOWN_MS = 7 * 24 * 60 * 60 * 1000;

/** When the credential's email may be sent again; null when it may be now. */
export function resendAvailableAt(delivery: EmailDelivery | undefined, now: Date): Date | null {
  if (!delivery || delivery.status === 'failed') return null;
  const at = new Date((delivery.sentAt ?? delivery.queuedAt).getTime() + RESEND_COOLDOWN_MS);
  return at.getTime() > now.getTime() ? at : null;
}

/**
 * Resends the credential email (Owner/Admin). Refused within the cooldown unless the last
 * send failed, when the organization has emails turned off, and for revoked credentials.
 * Resends of one credential are serialised, so two at once cannot both pass the cooldown.
 */
export async function resendCredentialEmail(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  credentialId: string,
): Promise<Result<{ outboxId: string }, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.locks.hold(`resend:${credentialId}`);
    const access = await authorize(s, organizationId, actor, 'credentials.resend');
    if (!access.ok) return access;
    const org = access.value;
    const credential = await s.credentials.findInOrganization(organizationId, credentialId);
    if (!credential) return err('NOT_FOUND', 'Credential not found.');
    if (!org.emailsEnabled) {
      return err('FORBIDDEN', 'Email notifications are turned off for this organization.', {
        reason: 'EMAILS_DISABLED',
      });
    }
    if (credential.revokedAt)
      return err('CONFLICT', 'A revoked credential’s email cannot be resent.', {
        reason: 'CREDENTIAL_REVOKED',
      });
    const delivery = credential.emailOutboxId
      ? await s.outbox.findDelivery(credential.emailOutboxId)
      : undefined;
    const availableAt = resendAvailableAt(delivery, now);
    if (availableAt) {
      return err(
        'CONFLICT',
        `This email was sent recently. You can resend it from ${availableAt.toISOString().slice(0, 10)}.`,
        {
          reason: 'EMAIL_COOLDOWN',
          availableAt: availableAt.toISOString(),
        },
      );
    }
    const badge = await s.badges.findById(organizationId, credential.badgeId);
    if (!badge) throw new Error(`credential ${credential.id} has no badge`);
    const email = deps.emails.credentialIssued(
      credentialEmailFacts(deps.publicUrl, org, badge, credential),
    );
    const outboxId = await s.outbox.enqueue(email, now);
    await s.credentials.setEmail(credential.id, outboxId);
    return ok({ outboxId });
  });
}
