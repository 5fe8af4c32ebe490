import type { Organization } from '../entities.ts';
import type { OutgoingEmail } from '../ports/stores/outbox.ts';
import type { Stores } from '../ports/unit-of-work.ts';

/**
 * Queues an email about an organization. With the organization's email notifications off it
 * is recorded as suppressed rather than dropped, so the team can see what was not sent.
 */
export async function notify(
  s: Stores,
  org: Organization,
  email: OutgoingEmail,
  now: Date,
): Promise<void> {
  await s.outbox.enqueue(email, now, { suppressed: !org.emailsEnabled });
}

export async function notifyOwners(
  s: Stores,
  org: Organization,
  compose: (to: string) => OutgoingEmail,
  now: Date,
  exceptUserId?: string,
): Promise<void> {
  const owners = (await s.memberships.list(org.id)).filter(
    (m) => m.role === 'owner' && m.userId !== exceptUserId,
  );
  for (const owner of owners) await notify(s, org, compose(owner.email), now);
}
