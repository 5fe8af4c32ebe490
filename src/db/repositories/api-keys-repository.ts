import { randomUUID } from 'node:crypto';
import type { ApiKey } from '../../core/entities.ts';
import type { ApiKeysStore } from '../../core/ports/stores/api-keys.ts';
import type { DbOrTrx } from '../database.ts';
import type { ApiKeysTable } from '../schema.ts';
import { date, dateOrNull, iso } from './mapping.ts';

// Never includes key_hash: only the lookup by digest reads it.
const COLUMNS = [
  'id',
  'organization_id',
  'name',
  'prefix',
  'last4',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

function toApiKey(r: Pick<ApiKeysTable, (typeof COLUMNS)[number]>): ApiKey {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    prefix: r.prefix,
    last4: r.last4,
    createdBy: r.created_by,
    createdAt: date(r.created_at),
    lastUsedAt: dateOrNull(r.last_used_at),
    revokedAt: dateOrNull(r.revoked_at),
  };
}

export function createApiKeysStore(db: DbOrTrx): ApiKeysStore {
  return {
    async create(k, now) {
      const row: ApiKeysTable = {
        id: randomUUID(),
        organization_id: k.organizationId,
        name: k.name,
        key_hash: k.keyHash,
        prefix: k.prefix,
        last4: k.last4,
        created_by: k.createdBy,
        created_at: iso(now),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return toApiKey(row);
    },
    async findActiveByHash(keyHash) {
      const r = await db
        .selectFrom('api_keys')
        .select(COLUMNS)
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r && toApiKey(r);
    },
    async listForOrganization(organizationId) {
      const rows = await db
        .selectFrom('api_keys')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toApiKey);
    },
    async countActive(organizationId) {
      const r = await db
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async revoke(organizationId, id, now) {
      const r = await db
        .updateTable('api_keys')
        .set({ revoked_at: iso(now) })
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async touch(id, now) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: iso(now) })
        .where('id', '=', id)
        .execute();
    },
  };
}
