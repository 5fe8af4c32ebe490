import type { AccountTokensStore } from './stores/account-tokens.ts';
import type { ApiKeysStore } from './stores/api-keys.ts';
import type { BadgesStore } from './stores/badges.ts';
import type { CredentialsStore } from './stores/credentials.ts';
import type { IdempotencyStore } from './stores/idempotency.ts';
import type { ImportedCredentialsStore } from './stores/imported-credentials.ts';
import type { InvitationsStore } from './stores/invitations.ts';
import type { LocksStore } from './stores/locks.ts';
import type { MailboxStore } from './stores/mailbox.ts';
import type { MembershipsStore } from './stores/memberships.ts';
import type { OrganizationsStore } from './stores/organizations.ts';
import type { OutboxStore } from './stores/outbox.ts';
import type { QuotaStore } from './stores/quota.ts';
import type { RateLimitStore } from './stores/rate-limits.ts';
import type { SessionsStore } from './stores/sessions.ts';
import type { SigningKeysStore } from './stores/signing-keys.ts';
import type { StatusListsStore } from './stores/status-lists.ts';
import type { ThrottleStore } from './stores/throttle.ts';
import type { UsersStore } from './stores/users.ts';
import type { VerificationEventsStore } from './stores/verification-events.ts';

export interface Stores {
  locks: LocksStore;
  badges: BadgesStore;
  credentials: CredentialsStore;
  statusLists: StatusListsStore;
  quota: QuotaStore;
  apiKeys: ApiKeysStore;
  idempotency: IdempotencyStore;
  rateLimits: RateLimitStore;
  signingKeys: SigningKeysStore;
  users: UsersStore;
  sessions: SessionsStore;
  accountTokens: AccountTokensStore;
  throttle: ThrottleStore;
  organizations: OrganizationsStore;
  memberships: MembershipsStore;
  invitations: InvitationsStore;
  outbox: OutboxStore;
  mailbox: MailboxStore;
  importedCredentials: ImportedCredentialsStore;
  verificationEvents: VerificationEventsStore;
}

/** Runs `work` in one database transaction: all of its writes land together or not at all. */
export interface UnitOfWork {
  readonly stores: Stores;
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}
