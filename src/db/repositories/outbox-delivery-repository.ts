import type { ExpressionBuilder } from 'kysely';
import type { Db, DbOrTrx, OpenDatabase } from '../database.ts';
import type { Database } from '../schema.ts';

/**
 * The email worker's side of the outbox (src/email/worker.ts): claiming due messages, then
 * settling each claim as sent, retried later, failed or released.
 *
 * A claim increments `attempts`, so `(id, attempts)` names one claim: every settle below is
 * conditional on it, and a worker whose lease expired (and whose message was taken over)
 * cannot overwrite the outcome of the worker that took over.
 */

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
