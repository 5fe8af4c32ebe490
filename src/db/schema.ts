/**
 * Row types of Laurel's tables, as Kysely sees them. Timestamps are ISO-8601 UTC text and
 * flags are 0/1 integers on both SQLite and PostgreSQL, so repositories read the same shapes
 * from either database.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  throttle_events: ThrottleEventsTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  email_outbox: EmailOutboxTable;
  signing_keys: SigningKeysTable;
  installation: InstallationTable;
  badges: BadgesTable;
  status_lists: StatusListsTable;
  status_list_entries: StatusListEntriesTable;
  credentials: CredentialsTable;
  quota_recipients: QuotaRecipientsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limit_windows: RateLimitWindowsTable;
  imported_credentials: ImportedCredentialsTable;
  verification_events: VerificationEventsTable;
}

export interface SigningKeysTable {
  id: string;
  organization_id: string;
  key_id: string;
  public_key_multibase: string;
  sealed_private_key: string;
  status: 'active' | 'retired' | 'revoked';
  created_at: string;
  retired_at: string | null;
  revoked_at: string | null;
}

interface InstallationTable {
  name: string;
  value: string;
}

interface UsersTable {
  id: string;
  email: string;
  /** Trimmed and lower-cased: what sign-in and matching compare. */
  email_normalized: string;
  first_name: string;
  last_name: string;
  password_hash: string;
  email_verified_at: string | null;
  is_platform_admin: number;
  created_at: string;
  updated_at: string;
  profile_slug: string | null;
  linkedin_url: string | null;
  avatar_path: string | null;
}

interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

interface AccountTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

interface ThrottleEventsTable {
  id: string;
  bucket: string;
  subject: string;
  created_at: string;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
  logo_path: string | null;
  status: 'pending_review' | 'approved' | 'rejected' | 'suspended';
  status_reason: string | null;
  emails_enabled: number;
  plan: 'free' | 'professional' | 'enterprise';
  subscription_source: 'FREE' | 'GRANTED' | 'PARTNER' | 'STRIPE';
  grant_expires_at: string | null;
  linkedin_company_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

interface MembershipsTable {
  organization_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'issuer' | 'viewer';
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  email: string;
  email_normalized: string;
  role: 'owner' | 'admin' | 'issuer' | 'viewer';
  token_hash: string;
  invited_by: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  created_at: string;
  responded_at: string | null;
}

export interface EmailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  /** What the message is about, e.g. `account.verify_email`; for the admin mailbox and logs. */
  kind: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  next_attempt_at: string;
  /** A worker that claimed the message owns it until then; after it, another may take over. */
  lease_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface BadgesTable {
  id: string;
  organization_id: string;
  name: string;
  slug: string;
  description: string;
  criteria: string;
  external_url: string | null;
  image_path: string | null;
  expires_in_days: number | null;
  /** JSON array of strings. */
  tags: string;
  is_active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatusListsTable {
  id: string;
  organization_id: string;
  list_number: number;
  purpose: 'revocation';
  length: number;
  allocated: number;
  capacity: number;
  version: number;
  signed_version: number | null;
  signed_document: string | null;
  created_at: string;
  /** When the change that produced `version` happened (opening, a revocation, a key revoked). */
  version_changed_at: string;
}

interface StatusListEntriesTable {
  status_list_id: string;
  status_index: number;
  allocated_at: string;
}

export interface CredentialsTable {
  id: string;
  short_id: string;
  organization_id: string;
  badge_id: string;
  recipient_name: string;
  recipient_email: string;
  recipient_email_normalized: string;
  issued_at: string;
  expires_at: string | null;
  is_public: number;
  hidden_from_profile: number;
  evidence_url: string | null;
  claimed_at: string | null;
  claimed_by: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  revoked_by: string | null;
  supersedes_credential_id: string | null;
  superseded_by_credential_id: string | null;
  signing_key_id: string;
  status_list_id: string;
  status_list_index: number;
  document: string;
  created_at: string;
  email_outbox_id: string | null;
}

interface QuotaRecipientsTable {
  organization_id: string;
  month: string;
  email_normalized: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  last4: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface IdempotencyKeysTable {
  api_key_id: string;
  idempotency_key: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

interface RateLimitWindowsTable {
  bucket: string;
  window_start: string;
  hits: number;
}

export interface ImportedCredentialsTable {
  id: string;
  user_id: string;
  document: string;
  document_digest: string;
  issuer_id: string;
  issuer_name: string;
  achievement_name: string;
  achievement_description: string | null;
  image_path: string | null;
  valid_from: string | null;
  valid_until: string | null;
  imported_at: string;
}

interface VerificationEventsTable {
  id: string;
  credential_id: string;
  organization_id: string;
  channel: 'page' | 'api' | 'embed';
  occurred_at: string;
}
