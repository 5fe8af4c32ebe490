import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { OutboxStore, OutgoingEmail } from '../../core/ports/stores/outbox.ts';
import type { Db, DbOrTrx, OpenDatabase } from '../database.ts';
import type { Database, EmailOutboxTable } from '../schema.ts';

/**
 * The email outbox: messages are queued in the same transaction as the change that causes
 * them, then claimed, sent and settled by the worker (src/email/worker.ts).
 *
 * A claim increments `attempts`, so `(id, attempts)` names one claim: every settle below is
 * conditional on it, and a worker whose lease expired (and whose message was taken over)
 * cannot overwrite the outcome of the worker that took over.
 */

export type OutboxStatus = EmailOutboxTable['status'];

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

/** A message a worker owns until `leaseUntil`; `attempt` is this claim's attempt number (1-based). */
export interface ClaimedEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  kind: string;
  attempt: number;
  leaseUntil: Date;
}

/** Queued messages that are due, and messages whose worker's lease ran out (it crashed mid-send). */
function claimable(now: string) {
  return (eb: ExpressionBuilder<Database, 'email_outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
}

/**
 * Claims up to `limit` messages for one worker. PostgreSQL: rows locked by another worker's
 * claim are skipped (FOR UPDATE SKIP LOCKED) so racing workers take disjoint batches.
 * SQLite: the transaction starts with BEGIN IMMEDIATE (see database.ts), which serialises
 * claims; the UPDATE repeats the claimable condition so it stays correct either way.
 */
export async function claimDueEmails(
  db: Db,
  dialect: OpenDatabase['dialect'],
  p: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedEmail[]> {
  const now = p.now.toISOString();
  const leaseUntil = new Date(p.now.getTime() + p.leaseMs);
  return db.transaction().execute(async (trx) => {
    let pick = trx
      .selectFrom('email_outbox')
      .select('id')
      .where(claimable(now))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(p.limit);
    if (dialect === 'postgres') pick = pick.forUpdate().skipLocked();
    const ids = (await pick.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('email_outbox')
      .set((eb) => ({
        status: 'sending',
        lease_until: leaseUntil.toISOString(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .where(claimable(now))
      .returning(['id', 'to_address', 'subject', 'html', 'text', 'kind', 'attempts'])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      html: r.html,
      text: r.text,
      kind: r.kind,
      attempt: r.attempts,
      leaseUntil,
    }));
  });
}

type Claim = { id: string; attempt: number };

function settle(db: DbOrTrx, claim: Claim) {
  return db
    .updateTable('email_outbox')
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempt);
}

/** Records delivery; false when this claim no longer owns the message. */
export async function markEmailSent(
  db: DbOrTrx,
  claim: Claim,
  p: { messageId: string; now: Date },
): Promise<boolean> {
  const r = await settle(db, claim)
    .set({
      status: 'sent',
      sent_at: p.now.toISOString(),
      message_id: p.messageId,
      lease_until: null,
    })
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Puts the message back in the queue until `nextAttemptAt`, keeping the error for the admin. */
export async function markEmailRetry(
  db: DbOrTrx,
  claim: Claim,
  p: { error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const r = await settle(db, claim)
    .set({
      status: 'queued',
      next_attempt_at: p.nextAttemptAt.toISOString(),
      last_error: p.error,
      lease_until: null,
    })
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Gives up on the message: it stays visible with its last error and is never claimed again. */
export async function markEmailFailed(
  db: DbOrTrx,
  claim: Claim,
  p: { error: string },
): Promise<boolean> {
  const r = await settle(db, claim)
    .set({ status: 'failed', last_error: p.error, lease_until: null })
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Hands back a claimed message that was not attempted (graceful shutdown): the claim does not count. */
export async function releaseEmail(db: DbOrTrx, claim: Claim): Promise<boolean> {
  const r = await settle(db, claim)
    .set((eb) => ({ status: 'queued', lease_until: null, attempts: eb('attempts', '-', 1) }))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MailboxMessage extends MailboxEntry {
  html: string;
  text: string;
  nextAttemptAt: Date;
  messageId: string | null;
}

const ENTRY_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'kind',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
] as const;

type EntryRow = Pick<EmailOutboxTable, (typeof ENTRY_COLUMNS)[number]>;

function toEntry(r: EntryRow): MailboxEntry {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    kind: r.kind,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at),
  };
}

/** Matches the recipient case-insensitively, as sign-in compares emails. */
function byRecipient(to: string | undefined) {
  const wanted = to?.trim().toLowerCase();
  return (eb: ExpressionBuilder<Database, 'email_outbox'>) =>
    wanted ? eb(eb.fn('lower', ['to_address']), '=', wanted) : eb.lit(true);
}

/** The admin mailbox: newest first, without the bodies. */
export async function listMailbox(
  db: DbOrTrx,
  p: { limit: number; offset: number; to?: string },
): Promise<MailboxEntry[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(ENTRY_COLUMNS)
    .where(byRecipient(p.to))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  return rows.map(toEntry);
}

export async function countMailbox(db: DbOrTrx, p: { to?: string } = {}): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where(byRecipient(p.to))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getMailboxMessage(
  db: DbOrTrx,
  id: string,
): Promise<MailboxMessage | undefined> {
  const r = await db
    .selectFrom('email_outbox')
    .select([...ENTRY_COLUMNS, 'html', 'text', 'next_attempt_at', 'message_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toEntry(r),
    html: r.html,
    text: r.text,
    nextAttemptAt: new Date(r.next_attempt_at),
    messageId: r.message_id,
  };
}
