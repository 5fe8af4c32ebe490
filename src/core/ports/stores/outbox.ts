export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** What the message is about, e.g. `account.verify_email`. */
  kind: string;
}

export interface OutboxStore {
  /** Queues a message in the caller's transaction; `suppressed` records it without sending. */
  enqueue(email: OutgoingEmail, now: Date, opts?: { suppressed?: boolean }): Promise<string>;
  /** Where a queued message stands, for the credential's delivery state and resend cooldown. */
  findDelivery(id: string): Promise<EmailDelivery | undefined>;
}

export interface EmailDelivery {
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';
  lastError: string | null;
  queuedAt: Date;
  sentAt: Date | null;
}
