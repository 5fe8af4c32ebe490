import { normalizeEmail } from '../../core/email-address.ts';
import type { Credential, WalletCredential } from '../../core/entities.ts';
import type {
  CredentialListFilter,
  CredentialsStore,
} from '../../core/ports/stores/credentials.ts';
import type { CompiledQuery, ExpressionBuilder } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import type { CredentialsTable, Database } from '../schema.ts';
import { sql } from 'kysely';
import { BADGE_COLUMNS, toBadge } from './badges-repository.ts';
import { bool, date, dateOrNull, flag, iso } from './mapping.ts';
import { ORGANIZATION_COLUMNS, toOrganization, type OrgRow } from './organizations-repository.ts';

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
  'email_outbox_id',
  'hidden_from_profile',
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
    emailOutboxId: r.email_outbox_id,
    hiddenFromProfile: bool(r.hidden_from_profile),
  };
}

/** The credential statuses of concepts.md as SQL, measured at `now` (revoked wins over expired). */
function whereStatus(
  eb: ExpressionBuilder<Database, 'credentials'>,
  status: NonNullable<CredentialListFilter['status']>,
  now: string,
) {
  const notExpired = eb.or([
    eb('credentials.expires_at', 'is', null),
    eb('credentials.expires_at', '>', now),
  ]);
  switch (status) {
    case 'revoked':
      return eb('credentials.revoked_at', 'is not', null);
    case 'expired':
      return eb.and([
        eb('credentials.revoked_at', 'is', null),
        eb('credentials.expires_at', '<=', now),
      ]);
    case 'pending':
      return eb.and([
        eb('credentials.revoked_at', 'is', null),
        notExpired,
        eb('credentials.claimed_at', 'is', null),
      ]);
    case 'valid':
      return eb.and([
        eb('credentials.revoked_at', 'is', null),
        notExpired,
        eb('credentials.claimed_at', 'is not', null),
      ]);
  }
}

type WalletRow = Pick<CredentialsTable, (typeof COLUMNS)[number]> & {
  badge_name: string;
  badge_slug: string;
  badge_image_path: string | null;
  organization_name: string;
  organization_slug: string;
};

function toWalletCredential(r: WalletRow): WalletCredential {
  return {
    ...toCredential(r),
    badgeName: r.badge_name,
    badgeSlug: r.badge_slug,
    badgeHasImage: r.badge_image_path !== null,
    organizationName: r.organization_name,
    organizationSlug: r.organization_slug,
  };
}

/** The columns of one table out of a joined row, where they were selected as `<prefix><column>`. */
function unprefixed<T>(row: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out as T;
}

const ORG_PREFIX = 'org__';
const BADGE_PREFIX = 'badge__';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The query of a credential's public page: credential, organization, badge, document, status
 * list version and the issuer's key stamp in one round trip. It is the hottest read Laurel
 * has, and building it with Kysely cost more than running it, so it is compiled once per
 * store and only its one parameter changes.
 */
function compileIssuedQueries(db: DbOrTrx) {
  const q = db
    .selectFrom('credentials')
    .innerJoin('organizations', 'organizations.id', 'credentials.organization_id')
    .innerJoin('badges', 'badges.id', 'credentials.badge_id')
    .innerJoin('status_lists', 'status_lists.id', 'credentials.status_list_id')
    .select(COLUMNS.map((c) => `credentials.${c}` as const))
    .select([
      'credentials.document',
      'status_lists.list_number as status_list_number',
      'status_lists.version as status_list_version',
    ])
    .select((eb) => [
      ...ORGANIZATION_COLUMNS.map((c) =>
        eb.ref(c).as(`${ORG_PREFIX}${c.slice('organizations.'.length)}`),
      ),
      ...BADGE_COLUMNS.map((c) => eb.ref(`badges.${c}`).as(`${BADGE_PREFIX}${c}`)),
      // Every key change adds to one of the three counts (see IssuedCredentialRecord).
      eb
        .selectFrom('signing_keys')
        .select(
          sql<string>`count(*) || ':' || count(retired_at) || ':' || count(revoked_at)`.as('stamp'),
        )
        .whereRef('signing_keys.organization_id', '=', 'credentials.organization_id')
        .as('keys_stamp'),
    ]);
  const compile = <O>(query: { compile(): CompiledQuery<O> }): CompiledQuery<O> => {
    const compiled = query.compile();
    if (compiled.parameters.length !== 1) {
      throw new Error('the issued-credential query takes exactly one parameter');
    }
    return compiled;
  };
  return {
    byId: compile(q.where('credentials.id', '=', '')),
    byShortId: compile(q.where('credentials.short_id', '=', '')),
  };
}

type IssuedRow =
  ReturnType<typeof compileIssuedQueries>['byId'] extends CompiledQuery<infer O> ? O : never;

export function createCredentialsStore(db: DbOrTrx): CredentialsStore {
  let issuedQueries: ReturnType<typeof compileIssuedQueries> | undefined;
  // A wallet lists newest first, with what it shows of the badge and the issuer.
  const walletQuery = () =>
    db
      .selectFrom('credentials')
      .innerJoin('badges', 'badges.id', 'credentials.badge_id')
      .innerJoin('organizations', 'organizations.id', 'credentials.organization_id')
      .select(COLUMNS.map((c) => `credentials.${c}` as const))
      .select([
        'badges.name as badge_name',
        'badges.slug as badge_slug',
        'badges.image_path as badge_image_path',
        'organizations.name as organization_name',
        'organizations.slug as organization_slug',
      ])
      .orderBy('credentials.issued_at', 'desc')
      .orderBy('credentials.id');
  return {
    async create(c, now) {
      const row: CredentialsTable = {
        id: c.id,
        short_id: c.shortId,
        organization_id: c.organizationId,
        badge_id: c.badgeId,
        recipient_name: c.recipientName,
        recipient_email: c.recipientEmail,
        recipient_email_normalized: normalizeEmail(c.recipientEmail),
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
        email_outbox_id: null,
        hidden_from_profile: 0,
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
    async findIssued(idOrShortId) {
      const value = idOrShortId.trim();
      const byId = UUID.test(value);
      const queries = (issuedQueries ??= compileIssuedQueries(db));
      const { rows } = await db.executeQuery<IssuedRow>({
        ...(byId ? queries.byId : queries.byShortId),
        parameters: [byId ? value.toLowerCase() : value.toUpperCase()],
      });
      const r = rows[0];
      if (!r) return undefined;
      const row = r as unknown as Record<string, unknown>;
      return {
        credential: toCredential(r),
        organization: toOrganization(unprefixed<OrgRow>(row, ORG_PREFIX)),
        badge: toBadge(unprefixed(row, BADGE_PREFIX)),
        document: r.document,
        statusList: {
          id: r.status_list_id,
          listNumber: r.status_list_number,
          version: r.status_list_version,
        },
        keysStamp: String(r.keys_stamp),
      };
    },
    async findDocument(id) {
      const r = await db
        .selectFrom('credentials')
        .select('document')
        .where('id', '=', id)
        .executeTakeFirst();
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
    async findInOrganization(organizationId, id) {
      if (!UUID.test(id)) return undefined;
      const r = await db
        .selectFrom('credentials')
        .innerJoin('badges', 'badges.id', 'credentials.badge_id')
        .select(COLUMNS.map((c) => `credentials.${c}` as const))
        .select('badges.name as badge_name')
        .where('credentials.organization_id', '=', organizationId)
        .where('credentials.id', '=', id.toLowerCase())
        .executeTakeFirst();
      return r && { ...toCredential(r), badgeName: r.badge_name };
    },
    async chainHead(badgeId, recipientEmail) {
      const r = await db
        .selectFrom('credentials')
        .select(COLUMNS)
        .where('badge_id', '=', badgeId)
        .where('recipient_email_normalized', '=', normalizeEmail(recipientEmail))
        .where('superseded_by_credential_id', 'is', null)
        .executeTakeFirst();
      return r && toCredential(r);
    },
    async markSuperseded(id, supersededBy) {
      const r = await db
        .updateTable('credentials')
        .set({ superseded_by_credential_id: supersededBy })
        .where('id', '=', id)
        .where('superseded_by_credential_id', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setEmail(id, outboxId) {
      await db
        .updateTable('credentials')
        .set({ email_outbox_id: outboxId })
        .where('id', '=', id)
        .execute();
    },
    async countForBadge(badgeId) {
      const r = await db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('badge_id', '=', badgeId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async list(organizationId, f) {
      const now = iso(f.now);
      let q = db
        .selectFrom('credentials')
        .innerJoin('badges', 'badges.id', 'credentials.badge_id')
        .where('credentials.organization_id', '=', organizationId);
      if (f.badgeId) q = q.where('credentials.badge_id', '=', f.badgeId);
      if (f.status) {
        const status = f.status;
        q = q.where((eb) => whereStatus(eb, status, now));
      }
      const search = f.search?.trim().toLowerCase();
      if (search) {
        // LIKE wildcards in the search text match themselves.
        const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb(
              eb.fn('lower', ['credentials.recipient_name']),
              'like',
              sql<string>`${pattern} escape '\\'`,
            ),
            eb(
              'credentials.recipient_email_normalized',
              'like',
              sql<string>`${pattern} escape '\\'`,
            ),
            eb(
              eb.fn('lower', ['credentials.short_id']),
              'like',
              sql<string>`${pattern} escape '\\'`,
            ),
          ]),
        );
      }
      const total = await q
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .select(COLUMNS.map((c) => `credentials.${c}` as const))
        .select('badges.name as badge_name')
        .orderBy('credentials.issued_at', 'desc')
        .orderBy('credentials.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return {
        items: rows.map((r) => ({ ...toCredential(r), badgeName: r.badge_name })),
        total: Number(total.n),
      };
    },
    async claim(id, userId, now) {
      // Conditional on still being unclaimed and unrevoked, so of two simultaneous claims exactly
      // one wins, and a claim racing a revocation cannot land after it.
      const r = await db
        .updateTable('credentials')
        .set({ claimed_at: iso(now), claimed_by: userId })
        .where('id', '=', id)
        .where('claimed_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setHiddenFromProfile(id, userId, hidden) {
      const r = await db
        .updateTable('credentials')
        .set({ hidden_from_profile: flag(hidden) })
        .where('id', '=', id)
        .where('claimed_by', '=', userId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async listPendingFor(email) {
      const rows = await walletQuery()
        .where('credentials.recipient_email_normalized', '=', normalizeEmail(email))
        .where('credentials.claimed_at', 'is', null)
        // A renewed credential waits as its successor: the one it was replaced by is listed instead.
        .where('credentials.superseded_by_credential_id', 'is', null)
        .execute();
      return rows.map(toWalletCredential);
    },
    async listClaimedBy(userId) {
      const rows = await walletQuery().where('credentials.claimed_by', '=', userId).execute();
      return rows.map(toWalletCredential);
    },
    // Public figures count public credentials only: a private one must not show, even as a number.
    async publicStatsForOrganization(organizationId) {
      const r = await db
        .selectFrom('credentials')
        .select((eb) => [
          eb.fn.countAll<string | number>().as('issued'),
          eb.fn.count<string | number>('recipient_email_normalized').distinct().as('recipients'),
        ])
        .where('organization_id', '=', organizationId)
        .where('is_public', '=', 1)
        .executeTakeFirstOrThrow();
      return { issued: Number(r.issued), recipients: Number(r.recipients) };
    },
    async publicCountByBadge(organizationId) {
      const rows = await db
        .selectFrom('credentials')
        .select((eb) => ['badge_id', eb.fn.countAll<string | number>().as('n')])
        .where('organization_id', '=', organizationId)
        .where('is_public', '=', 1)
        .groupBy('badge_id')
        .execute();
      return new Map(rows.map((r) => [r.badge_id, Number(r.n)]));
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
