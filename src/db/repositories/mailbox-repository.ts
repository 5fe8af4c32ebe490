import type { ExpressionBuilder } from 'kysely';
import type {
  MailboxEntry,
  MailboxMessage,
  MailboxStore,
} from '../../core/ports/stores/mailbox.ts';
import type { DbOrTrx } from '../database.ts';
import type { Database, EmailOutboxTable } from '../schema.ts';

/** The platform admin's read-only view of the outbox: every message Laurel queued, newest first. */
export function createMailboxStore(db: DbOrTrx): MailboxStore {
  return {
    list: (p) => listMailbox(db, p),
    count: (p) => countMailbox(db, p),
    find: (id) => getMailboxMessage(db, id),
  };
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
