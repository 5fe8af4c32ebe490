import type { EmailDelivery } from './outbox.ts';

/** One message of the outbox as the admin mailbox lists it: no bodies. */
export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  /** What the message is about, e.g. `account.verify_email`. */
  kind: string;
  status: EmailDelivery['status'];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** One message with its bodies and delivery bookkeeping. */
export interface MailboxMessage extends MailboxEntry {
  html: string;
  text: string;
  nextAttemptAt: Date;
  messageId: string | null;
}

/** The platform admin's read-only view of every email Laurel queued. */
export interface MailboxStore {
  /** Newest first; `to` matches the recipient case-insensitively. */
  list(p: { limit: number; offset: number; to?: string }): Promise<MailboxEntry[]>;
  count(p: { to?: string }): Promise<number>;
  find(id: string): Promise<MailboxMessage | undefined>;
}
