import type { Credential } from '../../core/entities.ts';
import type { CredentialsStore } from '../../core/ports.ts';
import type { DbOrTrx } from '../database.ts';
import type { CredentialsTable } from '../schema.ts';
import { bool, date, dateOrNull, flag, iso } from './mapping.ts';

// Everything but the signed document, which only the paths that serve it read.
const COLUMNS = [
  'id',
  'short_id',
  'organization_id',
  'badge_id',
  'recipient_name',
  'recipient_email',
  'issued_at',
  'expires_at',
  'is_public',
  'evidence_url',
  'claimed_at',
  'claimed_by',
  'revoked_at',
  'revocation_reason',
  'revoked_by',
  'supersedes_credential_id',
  'superseded_by_credential_id',
  'signing_key_id',
  'status_list_id',
  'status_list_index',
] as const;

function toCredential(r: Pick<CredentialsTable, (typeof COLUMNS)[number]>): Credential {
  return {
    id: r.id,
    shortId: r.short_id,
    organizationId: r.organization_id,
    badgeId: r.badge_id,
    recipientName: r.recipient_name,
    recipientEmail: r.recipient_email,
    issuedAt: date(r.issued_at),
    expiresAt: dateOrNull(r.expires_at),
    isPublic: bool(r.is_public),
    evidenceUrl: r.evidence_url,
    claimedAt: dateOrNull(r.claimed_at),
    claimedBy: r.claimed_by,
    revokedAt: dateOrNull(r.revoked_at),
    revocationReason: r.revocation_reason,
    revokedBy: r.revoked_by,
    supersedesCredentialId: r.supersedes_credential_id,
    supersededByCredentialId: r.superseded_by_credential_id,
    signingKeyId: r.signing_key_id,
    statusListId: r.status_list_id,
    statusListIndex: r.status_list_index,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createCredentialsStore(db: DbOrTrx): CredentialsStore {
  return {
    async create(c, now) {
      const row: CredentialsTable = {
        id: c.id,
        short_id: c.shortId,
        organization_id: c.organizationId,
        badge_id: c.badgeId,
        recipient_name: c.recipientName,
        recipient_email: c.recipientEmail,
        recipient_email_normalized: c.recipientEmail.trim().toLowerCase(),
        issued_at: iso(c.issuedAt),
        expires_at: c.expiresAt && iso(c.expiresAt),
        is_public: flag(c.isPublic),
        evidence_url: c.evidenceUrl,
        claimed_at: null,
        claimed_by: null,
        revoked_at: null,
        revocation_reason: null,
        revoked_by: null,
        supersedes_credential_id: c.supersedesCredentialId,
        superseded_by_credential_id: null,
        signing_key_id: c.signingKeyId,
        status_list_id: c.statusListId,
        status_list_index: c.statusListIndex,
        document: c.document,
        created_at: iso(now),
      };
      await db.insertInto('credentials').values(row).execute();
      return toCredential(row);
    },
    async findByPublicId(idOrShortId) {
      const value = idOrShortId.trim();
      // PostgreSQL's text comparison is exact; short ids are stored upper-case.
      const q = db.selectFrom('credentials').select(COLUMNS);
      const r = UUID.test(value)
        ? await q.where('id', '=', value.toLowerCase()).executeTakeFirst()
        : await q.where('short_id', '=', value.toUpperCase()).executeTakeFirst();
      return r && toCredential(r);
    },
    async findDocument(id) {
      const r = await db.selectFrom('credentials').select('document').where('id', '=', id).executeTakeFirst();
      return r?.document;
    },
    async markRevoked(id, { reason, revokedBy }, now) {
      const r = await db
        .updateTable('credentials')
        .set({ revoked_at: iso(now), revocation_reason: reason, revoked_by: revokedBy })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countSignedWith(signingKeyId) {
      const r = await db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('signing_key_id', '=', signingKeyId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async revokedIndexes(statusListId) {
      const rows = await db
        .selectFrom('credentials')
        .select('status_list_index')
        .where('status_list_id', '=', statusListId)
        .where('revoked_at', 'is not', null)
        .execute();
      return rows.map((r) => r.status_list_index);
    },
  };
}
