import type { Stores, UnitOfWork } from '../core/ports/unit-of-work.ts';
import type { Db, DbOrTrx, Dialect } from './database.ts';
import { createAccountTokensStore } from './repositories/account-tokens-repository.ts';
import { createApiKeysStore } from './repositories/api-keys-repository.ts';
import { createBadgesStore } from './repositories/badges-repository.ts';
import { createCredentialsStore } from './repositories/credentials-repository.ts';
import { createImportedCredentialsStore } from './repositories/imported-credentials-repository.ts';
import { createIdempotencyStore } from './repositories/idempotency-repository.ts';
import { createLocksStore } from './repositories/locks-repository.ts';
import { createInvitationsStore } from './repositories/invitations-repository.ts';
import { createMailboxStore } from './repositories/mailbox-repository.ts';
import { createMembershipsStore } from './repositories/memberships-repository.ts';
import { createOrganizationsStore } from './repositories/organizations-repository.ts';
import { createOutboxStore } from './repositories/outbox-repository.ts';
import { createSigningKeysStore } from './repositories/signing-keys-repository.ts';
import { createQuotaStore } from './repositories/quota-repository.ts';
import { createRateLimitStore } from './repositories/rate-limits-repository.ts';
import { createSessionsStore } from './repositories/sessions-repository.ts';
import { createStatusListsStore } from './repositories/status-lists-repository.ts';
import { createThrottleStore } from './repositories/throttle-repository.ts';
import { createUsersStore } from './repositories/users-repository.ts';
import { createVerificationEventsStore } from './repositories/verification-events-repository.ts';

function createStores(db: DbOrTrx, dialect: Dialect): Stores {
  return {
    locks: createLocksStore(db, dialect),
    badges: createBadgesStore(db),
    credentials: createCredentialsStore(db),
    statusLists: createStatusListsStore(db),
    quota: createQuotaStore(db),
    apiKeys: createApiKeysStore(db),
    idempotency: createIdempotencyStore(db),
    rateLimits: createRateLimitStore(db),
    signingKeys: createSigningKeysStore(db),
    users: createUsersStore(db),
    sessions: createSessionsStore(db),
    accountTokens: createAccountTokensStore(db),
    throttle: createThrottleStore(db),
    organizations: createOrganizationsStore(db, dialect),
    memberships: createMembershipsStore(db),
    invitations: createInvitationsStore(db),
    outbox: createOutboxStore(db),
    mailbox: createMailboxStore(db),
    importedCredentials: createImportedCredentialsStore(db),
    verificationEvents: createVerificationEventsStore(db),
  };
}

export function createUnitOfWork(db: Db, dialect: Dialect): UnitOfWork {
  return {
    stores: createStores(db, dialect),
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx, dialect))),
  };
}
