import { authorizePlatform } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import type { MailboxEntry, MailboxMessage } from '../ports/stores/mailbox.ts';
import { err, ok, type Result } from '../result.ts';

/**
 * The platform admin's mailbox: every email Laurel queued, with its delivery state. To anyone
 * else it does not exist (NOT_FOUND), like the rest of the admin area.
 */

const MAILBOX_PAGE_SIZE = 50;

/** Emails whose links sign someone in or make them a member: only their recipient may read them. */
const PERSONAL_LINK_KINDS: ReadonlySet<string> = new Set([
  'account.verify_email',
  'account.reset_password',
  'member.invitation',
]);

/**
 * Where email goes: out over SMTP to real people, or into the local mailbox, where the admin
 * is the operator reading mail on their own machine.
 */
export type EmailTransportKind = 'smtp' | 'mailbox';

export interface MailboxPage {
  messages: MailboxEntry[];
  total: number;
  pageNumber: number;
  pageSize: number;
  /** The recipient filter as applied, trimmed; undefined for every message. */
  to: string | undefined;
}

export interface MailboxReading {
  message: MailboxMessage;
  /** The bodies hold a personal link and went to a real person: the admin sees only the envelope. */
  bodyHidden: boolean;
}

/** One page of the mailbox, newest first, optionally only the messages to one address. */
export async function listMailbox(
  deps: CoreDeps,
  actor: Actor,
  query: { pageNumber: number; to?: string },
): Promise<Result<MailboxPage, ErrorCode>> {
  if (!(await authorizePlatform(deps.uow.stores, actor, 'mailbox.read')))
    return err('NOT_FOUND', 'Not found.');
  const pageNumber = Number.isSafeInteger(query.pageNumber) ? Math.max(1, query.pageNumber) : 1;
  const to = query.to?.trim() || undefined;
  const { mailbox } = deps.uow.stores;
  const [messages, total] = await Promise.all([
    mailbox.list({ limit: MAILBOX_PAGE_SIZE, offset: (pageNumber - 1) * MAILBOX_PAGE_SIZE, to }),
    mailbox.count({ to }),
  ]);
  return ok({ messages, total, pageNumber, pageSize: MAILBOX_PAGE_SIZE, to });
}

/** One message, with whether its bodies may be shown to the admin. */
export async function readMailboxMessage(
  deps: CoreDeps,
  actor: Actor,
  id: string,
  transport: EmailTransportKind,
): Promise<Result<MailboxReading, ErrorCode>> {
  if (!(await authorizePlatform(deps.uow.stores, actor, 'mailbox.read')))
    return err('NOT_FOUND', 'Not found.');
  const message = await deps.uow.stores.mailbox.find(id);
  if (!message) return err('NOT_FOUND', 'Message not found.');
  return ok({
    message,
    bodyHidden: transport === 'smtp' && PERSONAL_LINK_KINDS.has(message.kind),
  });
}
