import type {
  Badge,
  Credential,
  CredentialWithBadge,
  Organization,
  WalletCredential,
} from '../../entities.ts';

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

/** One credential with everything its verification page shows and checks, read at once. */
export interface IssuedCredentialRecord {
  credential: Credential;
  organization: Organization;
  badge: Badge;
  /** The signed document exactly as stored. */
  document: string;
  /** Its status list's number and current version (a revocation raises it). */
  statusList: { id: string; listNumber: number; version: number };
  /**
   * Changes whenever the organization gains a key or one is retired or revoked (keys are never
   * deleted and never come back), so a copy of its keys read under the same stamp is current.
   */
  keysStamp: string;
}

export interface CredentialsStore {
  create(c: NewCredential, now: Date): Promise<Credential>;
  /** By UUID or by CRD- short id. */
  findByPublicId(idOrShortId: string): Promise<Credential | undefined>;
  /** The signed document exactly as stored. */
  findDocument(id: string): Promise<string | undefined>;
  /** By UUID or by CRD- short id, with its organization, badge and document: one query. */
  findIssued(idOrShortId: string): Promise<IssuedCredentialRecord | undefined>;
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
