import { randomUUID } from 'node:crypto';
import type { OutboxStore, OutgoingEmail } from '../../core/ports/stores/outbox.ts';
import type { DbOrTrx } from '../database.ts';

/**
 * The email outbox as use cases see it: a message is queued in the same transaction as the
 * change that causes it, and its delivery state is read back (a credential's delivery, the
 * resend cooldown). The worker's side is outbox-delivery-repository.ts; the admin's
 * read-only view is mailbox-repository.ts.
 */
export function createOutboxStore(db: DbOrTrx): OutboxStore {
  return {
    async findDelivery(id) {
      const r = await db
        .selectFrom('email_outbox')
        .select(['status', 'last_error', 'created_at', 'sent_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && {
          status: r.status,
          lastError: r.last_error,
          queuedAt: new Date(r.created_at),
          sentAt: r.sent_at === null ? null : new Date(r.sent_at),
        }
      );
    },
    async enqueue(
      email: OutgoingEmail,
      now: Date,
      opts?: { suppressed?: boolean },
    ): Promise<string> {
      const id = randomUUID();
      const at = now.toISOString();
      await db
        .insertInto('email_outbox')
        .values({
          id,
          to_address: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          kind: email.kind,
          status: opts?.suppressed ? 'suppressed' : 'queued',
          attempts: 0,
          next_attempt_at: at,
          lease_until: null,
          last_error: null,
          message_id: null,
          created_at: at,
          sent_at: null,
        })
        .execute();
      return id;
    },
  };
}
