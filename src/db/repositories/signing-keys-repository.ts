import { randomUUID } from 'node:crypto';
import type { SigningKey, SigningKeysStore } from '../../core/ports/stores/signing-keys.ts';
import type { DbOrTrx } from '../database.ts';
import type { SigningKeysTable } from '../schema.ts';
import { date, dateOrNull, iso } from './mapping.ts';

// Never includes sealed_private_key: only the signing path reads it, through its own query.
const COLUMNS = [
  'id',
  'organization_id',
  'key_id',
  'public_key_multibase',
  'status',
  'created_at',
  'retired_at',
] as const;

function toKey(r: Pick<SigningKeysTable, (typeof COLUMNS)[number]>): SigningKey {
  return {
    id: r.id,
    organizationId: r.organization_id,
    keyId: r.key_id,
    publicKeyMultibase: r.public_key_multibase,
    status: r.status,
    createdAt: date(r.created_at),
    retiredAt: dateOrNull(r.retired_at),
  };
}

export function createSigningKeysStore(db: DbOrTrx): SigningKeysStore {
  return {
    async listForOrganization(organizationId) {
      const rows = await db
        .selectFrom('signing_keys')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(toKey);
    },
    async create(k, now) {
      const row = {
        id: randomUUID(),
        organization_id: k.organizationId,
        key_id: k.keyId,
        public_key_multibase: k.publicKeyMultibase,
        sealed_private_key: k.sealedPrivateKey,
        status: 'active' as const,
        created_at: iso(now),
        retired_at: null,
        revoked_at: null,
      };
      await db.insertInto('signing_keys').values(row).execute();
      return toKey(row);
    },
    async retire(id, now) {
      await db
        .updateTable('signing_keys')
        .set({ status: 'retired', retired_at: iso(now) })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .execute();
    },
    async revoke(id, now) {
      await db
        .updateTable('signing_keys')
        .set({ status: 'revoked', revoked_at: iso(now) })
        .where('id', '=', id)
        .execute();
    },
    async activeForSigning(organizationId) {
      const r = await db
        .selectFrom('signing_keys')
        .select([...COLUMNS, 'sealed_private_key'])
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return r && { key: toKey(r), sealedPrivateKey: r.sealed_private_key };
    },
  };
}
