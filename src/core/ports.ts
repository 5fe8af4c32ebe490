import type { Role } from './authz/roles.ts';
import type {
  ApiKey,
  Badge,
  Credential,
  CredentialWithBadge,
  ImportedCredential,
  Invitation,
  InvitationStatus,
  InvitationWithOrganization,
  Member,
  Membership,
  Organization,
  OrganizationStatus,
  OrganizationWithRole,
  StatusList,
  User,
  VerificationChannel,
  WalletCredential,
} from './entities.ts';
import type { VerificationReport } from './credentials/verification.ts';
import type { PlanId, SubscriptionSource } from './plans/plans.ts';

/** What the core needs from the outside world. Implementations live in db/, email/ and main/. */

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  isPlatformAdmin: boolean;
}

export interface UsersStore {
  create(user: NewUser, now: Date): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /** The password hash, read only by sign-in and password change. */
  findPasswordHash(userId: string): Promise<string | undefined>;
  markEmailVerified(userId: string, now: Date): Promise<void>;
  updatePassword(userId: string, passwordHash: string, now: Date): Promise<void>;
  setPlatformAdmin(userId: string, isAdmin: boolean, now: Date): Promise<void>;
  countPlatformAdmins(): Promise<number>;
  findByProfileSlug(slug: string): Promise<User | undefined>;
  profileSlugTaken(slug: string, exceptUserId: string): Promise<boolean>;
  /** Check the slug under a lock first: a unique index refuses a taken one. */
  updateProfile(userId: string, p: ProfileChanges, now: Date): Promise<void>;
  setAvatar(userId: string, avatarPath: string | null, now: Date): Promise<void>;
}

export interface ProfileChanges {
  firstName: string;
  lastName: string;
  profileSlug: string | null;
  linkedinUrl: string | null;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionsStore {
  create(
    s: { tokenHash: string; userId: string; expiresAt: Date },
    now: Date,
  ): Promise<SessionRecord>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touch(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  deleteAllForUser(userId: string): Promise<void>;
  /** Deletes sessions past their absolute expiry or idle since `idleBefore`; returns how many. */
  prune(now: Date, idleBefore: Date): Promise<number>;
}

export type AccountTokenPurpose = 'verify_email' | 'reset_password';

export interface AccountTokensStore {
  create(
    t: { tokenHash: string; userId: string; purpose: AccountTokenPurpose; expiresAt: Date },
    now: Date,
  ): Promise<void>;
  /** The user of an unused, unexpired token; undefined otherwise. */
  findUsable(
    tokenHash: string,
    purpose: AccountTokenPurpose,
    now: Date,
  ): Promise<{ id: string; userId: string } | undefined>;
  /** Marks it used only if it still was not: false means someone used it first. */
  consume(id: string, now: Date): Promise<boolean>;
  invalidateAll(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
  /** Deletes tokens that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Counts attempts in a sliding window; shared by every instance because it is in the database. */
export interface ThrottleStore {
  count(bucket: string, subject: string, since: Date): Promise<number>;
  /** Records an attempt; returns its id, so a successful one can be forgotten again. */
  record(bucket: string, subject: string, now: Date): Promise<string>;
  forget(id: string): Promise<void>;
  clear(bucket: string, subject: string): Promise<void>;
  /** Forgets attempts older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export interface NewOrganization {
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
  createdBy: string;
}

export interface OrganizationsStore {
  create(org: NewOrganization, now: Date): Promise<Organization>;
  findById(id: string): Promise<Organization | undefined>;
  /**
   * Holds the organization's row until the transaction ends, so rules that count members
   * (owner caps, last owner) cannot be raced past. Call inside a transaction.
   */
  lock(id: string): Promise<void>;
  findBySlug(slug: string): Promise<Organization | undefined>;
  slugTaken(slug: string, exceptId?: string): Promise<boolean>;
  updateDetails(
    id: string,
    d: {
      name: string;
      slug: string;
      website: string | null;
      description: string | null;
      linkedinCompanyId: string | null;
    },
    now: Date,
  ): Promise<void>;
  setStatus(
    id: string,
    status: OrganizationStatus,
    reason: string | null,
    now: Date,
  ): Promise<void>;
  setEmailsEnabled(id: string, enabled: boolean, now: Date): Promise<void>;
  setLogo(id: string, logoPath: string | null, now: Date): Promise<void>;
  setSubscription(
    id: string,
    s: { plan: PlanId; source: SubscriptionSource; grantExpiresAt: Date | null },
    now: Date,
  ): Promise<void>;
  listByStatus(status: OrganizationStatus | undefined): Promise<Organization[]>;
  listForUser(userId: string): Promise<OrganizationWithRole[]>;
  /** Granted plans whose end date has passed, for the sweep that writes them back to Free. */
  listExpiredGrants(now: Date): Promise<Organization[]>;
}

export interface MembershipsStore {
  add(m: { organizationId: string; userId: string; role: Role }, now: Date): Promise<void>;
  find(organizationId: string, userId: string): Promise<Membership | undefined>;
  list(organizationId: string): Promise<Member[]>;
  setRole(organizationId: string, userId: string, role: Role): Promise<void>;
  remove(organizationId: string, userId: string): Promise<void>;
  countOwners(organizationId: string): Promise<number>;
}

export interface InvitationsStore {
  create(
    i: { organizationId: string; email: string; role: Role; tokenHash: string; invitedBy: string },
    now: Date,
  ): Promise<Invitation>;
  findPendingByTokenHash(tokenHash: string): Promise<InvitationWithOrganization | undefined>;
  findById(id: string): Promise<InvitationWithOrganization | undefined>;
  findPendingForEmail(organizationId: string, email: string): Promise<Invitation | undefined>;
  listPendingForEmail(email: string): Promise<InvitationWithOrganization[]>;
  listPendingForOrganization(organizationId: string): Promise<Invitation[]>;
  /** Moves a pending invitation to `status`; false when it was no longer pending. */
  respond(id: string, status: Exclude<InvitationStatus, 'pending'>, now: Date): Promise<boolean>;
  countPendingOwnerInvitations(organizationId: string): Promise<number>;
}

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

/**
 * Named locks held until the transaction ends, for rules no row can be locked for yet:
 * "no account with this email", "no platform admin", "this slug is free".
 */
export interface LocksStore {
  hold(name: string): Promise<void>;
}

export type SigningKeyStatus = 'active' | 'retired' | 'revoked';

/** An organization's signing key as the world may see it: never the private half. */
export interface SigningKey {
  id: string;
  organizationId: string;
  /** The fragment of its verification method in the organization's DID document: key-1, key-2, … */
  keyId: string;
  publicKeyMultibase: string;
  status: SigningKeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeysStore {
  listForOrganization(organizationId: string): Promise<SigningKey[]>;
  create(
    k: {
      organizationId: string;
      keyId: string;
      publicKeyMultibase: string;
      sealedPrivateKey: string;
    },
    now: Date,
  ): Promise<SigningKey>;
  /** Moves the active key to retired: it stays published, so what it signed still verifies. */
  retire(id: string, now: Date): Promise<void>;
  /** Withdraws a key from the DID document: nothing it signed verifies any more. */
  revoke(id: string, now: Date): Promise<void>;
  /** The active key with its sealed private half, for the signing path only. */
  activeForSigning(organizationId: string): Promise<SigningKeyForUse | undefined>;
}

export interface SigningKeyForUse {
  key: SigningKey;
  sealedPrivateKey: string;
}

export interface NewBadge {
  organizationId: string;
  name: string;
  slug: string;
  description: string;
  criteria: string;
  externalUrl: string | null;
  imagePath: string | null;
  expiresInDays: number | null;
  tags: string[];
  createdBy: string | null;
}

export interface BadgesStore {
  create(b: NewBadge, now: Date): Promise<Badge>;
  /** Scoped by organization: another organization's badge id answers undefined. */
  findById(organizationId: string, id: string): Promise<Badge | undefined>;
  findBySlug(organizationId: string, slug: string): Promise<Badge | undefined>;
  listForOrganization(organizationId: string, f: { activeOnly: boolean }): Promise<Badge[]>;
  /** The storage key of a badge's image, for the public image route. */
  findPublicImage(id: string): Promise<string | null | undefined>;
  update(id: string, b: BadgeChanges, now: Date): Promise<void>;
  setActive(id: string, active: boolean, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  countForOrganization(organizationId: string): Promise<number>;
  /** Badges that are not deactivated: what the plan's badge-template limit counts. */
  countActive(organizationId: string): Promise<number>;
  /**
   * findById that also holds the badge's row until the transaction ends, so a credential
   * being inserted for it finishes first and none is added until the change commits.
   */
  lock(organizationId: string, id: string): Promise<Badge | undefined>;
  slugTaken(organizationId: string, slug: string): Promise<boolean>;
  list(
    organizationId: string,
    f: { active?: boolean; limit: number; offset: number },
  ): Promise<{ items: Badge[]; total: number }>;
}

export type BadgeChanges = Partial<
  Pick<Badge, 'description' | 'criteria' | 'externalUrl' | 'imagePath' | 'expiresInDays' | 'tags'>
>;

/** What the credential engine prepares; the rest of a Credential starts empty. */
export type NewCredential = Pick<
  Credential,
  | 'id'
  | 'shortId'
  | 'organizationId'
  | 'badgeId'
  | 'recipientName'
  | 'recipientEmail'
  | 'issuedAt'
  | 'expiresAt'
  | 'isPublic'
  | 'evidenceUrl'
  | 'supersedesCredentialId'
  | 'signingKeyId'
  | 'statusListId'
  | 'statusListIndex'
> & { document: string };

export interface CredentialsStore {
  create(c: NewCredential, now: Date): Promise<Credential>;
  /** By UUID or by CRD- short id. */
  findByPublicId(idOrShortId: string): Promise<Credential | undefined>;
  /** The signed document exactly as stored. */
  findDocument(id: string): Promise<string | undefined>;
  /** Records a revocation unless there is one already; true when this call revoked it. */
  markRevoked(
    id: string,
    r: { reason: string; revokedBy: string | null },
    now: Date,
  ): Promise<boolean>;
  countSignedWith(signingKeyId: string): Promise<number>;
  /** By UUID, scoped by organization: another organization's id answers undefined. */
  findInOrganization(organizationId: string, id: string): Promise<CredentialWithBadge | undefined>;
  /** The current credential of a badge for a recipient: the one nothing supersedes yet. */
  chainHead(badgeId: string, recipientEmail: string): Promise<Credential | undefined>;
  /** Links `id` to its successor; false when something already supersedes it. */
  markSuperseded(id: string, supersededBy: string): Promise<boolean>;
  setEmail(id: string, outboxId: string): Promise<void>;
  countForBadge(badgeId: string): Promise<number>;
  list(
    organizationId: string,
    f: CredentialListFilter,
  ): Promise<{ items: CredentialWithBadge[]; total: number }>;
  /** The indexes of a status list whose credentials are revoked: its set bits. */
  revokedIndexes(statusListId: string): Promise<number[]>;
  /** Links it to the user unless it is claimed or revoked already; true when this call claimed it. */
  claim(id: string, userId: string, now: Date): Promise<boolean>;
  /** Only the account that claimed it may change this; false otherwise. */
  setHiddenFromProfile(id: string, userId: string, hidden: boolean): Promise<boolean>;
  /** Credentials issued to this address that nobody has claimed yet and no renewal replaced, newest first. */
  listPendingFor(email: string): Promise<WalletCredential[]>;
  /** Credentials this user claimed, newest first. */
  listClaimedBy(userId: string): Promise<WalletCredential[]>;
  /** The organization's public credentials, and to how many distinct addresses: figures anyone may see. */
  publicStatsForOrganization(
    organizationId: string,
  ): Promise<{ issued: number; recipients: number }>;
  /** How many public credentials each of the organization's badges has (badges with none are absent). */
  publicCountByBadge(organizationId: string): Promise<Map<string, number>>;
}

/** What an import stores: the facts read from the document, and the document's text as given. */
export type NewImportedCredential = Omit<ImportedCredential, 'id' | 'importedAt'> & {
  document: string;
};

export interface ImportedCredentialsStore {
  /** undefined when this wallet already holds the same document. */
  create(c: NewImportedCredential, now: Date): Promise<ImportedCredential | undefined>;
  listForUser(userId: string): Promise<ImportedCredential[]>;
  /** Scoped by user: another user's id answers undefined. */
  find(userId: string, id: string): Promise<ImportedCredential | undefined>;
  findDocument(userId: string, id: string): Promise<string | undefined>;
  /** Every imported document of the user, oldest first, for the wallet export. */
  listDocuments(userId: string): Promise<string[]>;
  /** Removes it from the wallet; returns its image key (to delete) when it existed. */
  delete(userId: string, id: string): Promise<{ imagePath: string | null } | undefined>;
}

export interface VerificationEventsStore {
  record(
    e: { credentialId: string; organizationId: string; channel: VerificationChannel },
    now: Date,
  ): Promise<void>;
  /** How many times each credential was verified; credentials never verified are absent. */
  countForCredentials(credentialIds: readonly string[]): Promise<Map<string, number>>;
  /** Verifications of the organization's credentials since `since`. */
  countForOrganization(organizationId: string, since: Date): Promise<number>;
}

export interface CredentialListFilter {
  badgeId?: string;
  status?: 'valid' | 'pending' | 'expired' | 'revoked';
  /** Matches the recipient's name or email, or the CRD- id. */
  search?: string;
  /** What `expired` is measured against. */
  now: Date;
  limit: number;
  offset: number;
}

/** Recipients counted toward the monthly quota, one row per organization, month and email. */
export interface QuotaStore {
  countForMonth(organizationId: string, month: string): Promise<number>;
  hasRecipient(organizationId: string, month: string, email: string): Promise<boolean>;
  addRecipient(organizationId: string, month: string, email: string, now: Date): Promise<void>;
}

export interface ApiKeysStore {
  create(
    k: {
      organizationId: string;
      name: string;
      keyHash: string;
      prefix: string;
      last4: string;
      createdBy: string | null;
    },
    now: Date,
  ): Promise<ApiKey>;
  /** The unrevoked key with this SHA-256 digest. */
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  listForOrganization(organizationId: string): Promise<ApiKey[]>;
  countActive(organizationId: string): Promise<number>;
  /** Scoped by organization; false when there is no such unrevoked key. */
  revoke(organizationId: string, id: string, now: Date): Promise<boolean>;
  touch(id: string, now: Date): Promise<void>;
}

export type IdempotencyClaim =
  | { claimed: true }
  | { claimed: false; requestHash: string; response: { status: number; body: string } | null };

/** Idempotency-Key records: the first request with a key claims it, its response is kept. */
export interface IdempotencyStore {
  claim(
    r: { apiKeyId: string; key: string; requestHash: string },
    now: Date,
  ): Promise<IdempotencyClaim>;
  complete(
    apiKeyId: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void>;
  /** Frees a claim whose request failed unexpectedly, so a retry can run. */
  release(apiKeyId: string, key: string): Promise<void>;
  prune(before: Date): Promise<number>;
}

/** Fixed-window counters shared by every instance. */
export interface RateLimitStore {
  /** Counts one hit in the bucket's window and answers the hits so far in it. */
  hit(bucket: string, windowStart: Date): Promise<number>;
  prune(before: Date): Promise<number>;
}

export interface StatusListsStore {
  /** The newest list of an organization that still has room, if any. */
  findOpen(organizationId: string): Promise<StatusList | undefined>;
  findByNumber(organizationId: string, listNumber: number): Promise<StatusList | undefined>;
  /** Opens list number max+1. Hold the organization's status-list lock around it. */
  open(
    l: { organizationId: string; length: number; capacity: number },
    now: Date,
  ): Promise<StatusList>;
  /** Takes one slot of the list's capacity; false when it is full. */
  takeSlot(id: string): Promise<boolean>;
  /** Records `index` as handed out; false when it already was. */
  reserveIndex(id: string, index: number, now: Date): Promise<boolean>;
  /** Marks the signed copy stale: call in the transaction that changes a bit. */
  bumpVersion(id: string): Promise<void>;
  bumpAllVersions(organizationId: string): Promise<void>;
  findSigned(
    id: string,
  ): Promise<
    { version: number; signedVersion: number | null; document: string | null } | undefined
  >;
  /** Stores a signed copy of `version` unless a copy at least as new is there. */
  saveSigned(id: string, version: number, document: string): Promise<void>;
}

/**
 * Holds private keys. They leave it only sealed (AES-256-GCM under the master key, bound to
 * the organization and key id) and are opened only inside `sign`.
 */
export interface KeyVault {
  generate(binding: string): Promise<{ publicKeyMultibase: string; sealedPrivateKey: string }>;
  sign(sealedPrivateKey: string, binding: string, data: Uint8Array): Promise<Uint8Array>;
}

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
  importedCredentials: ImportedCredentialsStore;
  verificationEvents: VerificationEventsStore;
}

/** Runs `work` in one database transaction: all of its writes land together or not at all. */
export interface UnitOfWork {
  readonly stores: Stores;
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** The emails Laurel sends, composed into subject, HTML and text by the email/ templates. */
export interface EmailComposer {
  verifyEmail(p: { to: string; firstName: string; link: string }): OutgoingEmail;
  resetPassword(p: { to: string; firstName: string; link: string }): OutgoingEmail;
  organizationStatusChanged(p: {
    to: string;
    organizationName: string;
    status: OrganizationStatus;
    /** Approved after suspended reads as a reinstatement. */
    previousStatus?: OrganizationStatus;
    reason: string | null;
    link: string;
  }): OutgoingEmail;
  invitation(p: {
    to: string;
    organizationName: string;
    inviterName: string;
    role: Role;
    link: string;
  }): OutgoingEmail;
  roleChanged(p: { to: string; organizationName: string; role: Role; link: string }): OutgoingEmail;
  promotedToOwner(p: { to: string; organizationName: string; link: string }): OutgoingEmail;
  removedFromOrganization(p: { to: string; organizationName: string }): OutgoingEmail;
  ownerLeft(p: {
    to: string;
    organizationName: string;
    leaverName: string;
    link: string;
  }): OutgoingEmail;
  credentialIssued(p: CredentialEmailFacts): OutgoingEmail;
  credentialRenewed(
    p: CredentialEmailFacts & { previousStatus: 'expired' | 'revoked' },
  ): OutgoingEmail;
}

export interface CredentialEmailFacts {
  to: string;
  recipientName: string;
  badgeName: string;
  organizationName: string;
  shortId: string;
  /** /verify/{credential-id} */
  link: string;
  /** The badge image, absolute, when the badge has one. */
  imageUrl: string | null;
}

/** What Laurel puts into a signed credential, from its own records. */
export interface CredentialToSign {
  credentialId: string;
  organization: Organization;
  badge: Badge;
  recipientName: string;
  recipientEmail: string;
  issuedAt: Date;
  expiresAt: Date | null;
  evidenceUrl: string | null;
  status: { listNumber: number; index: number };
}

export interface StatusListToSign {
  organization: Organization;
  listNumber: number;
  length: number;
  revokedIndexes: readonly number[];
  issuedAt: Date;
}

/** Builds and signs the public documents; the private key stays in the KeyVault. */
export interface CredentialDocuments {
  /** The signed OB 3.0 credential as the JSON text to store and serve. */
  signCredential(c: CredentialToSign, key: SigningKeyForUse): Promise<string>;
  /** The signed BitstringStatusListCredential as JSON text. */
  signStatusList(l: StatusListToSign, key: SigningKeyForUse): Promise<string>;
}

/** The one verification function, for Laurel's own credentials and any other issuer's. */
export interface CredentialVerifier {
  verify(document: unknown): Promise<VerificationReport>;
}

/** Where uploaded files (logos and badge images) live; local disk by default, object storage later. */
export interface FileStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
  delete(key: string): Promise<void>;
}
