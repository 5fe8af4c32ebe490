import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { StatusList } from '../../core/entities.ts';
import type { StatusListsStore } from '../../core/ports/stores/status-lists.ts';
import type { DbOrTrx } from '../database.ts';
import type { StatusListsTable } from '../schema.ts';
import { date, iso } from './mapping.ts';

const COLUMNS = [
  'id',
  'organization_id',
  'list_number',
  'length',
  'allocated',
  'capacity',
  'version',
  'signed_version',
  'created_at',
] as const;

function toStatusList(r: Pick<StatusListsTable, (typeof COLUMNS)[number]>): StatusList {
  return {
    id: r.id,
    organizationId: r.organization_id,
    listNumber: r.list_number,
    length: r.length,
    allocated: r.allocated,
    capacity: r.capacity,
    version: r.version,
    signedVersion: r.signed_version,
    createdAt: date(r.created_at),
  };
}

/**
 * The next version and the time of the change that makes it, in one statement: no version is
 * ever stored next to another change's time. Each writer reads its clock before its
 * transaction, so the one that commits last may hold the earlier time; the later one is kept,
 * since the new version includes both changes, and so a newer version never claims to be
 * valid from earlier than the one before it.
 */
function nextVersion(now: Date) {
  const at = iso(now);
  return {
    version: sql<number>`version + 1`,
    version_changed_at: sql<string>`case when version_changed_at > ${at} then version_changed_at else ${at} end`,
  };
}

export function createStatusListsStore(db: DbOrTrx): StatusListsStore {
  return {
    async findOpen(organizationId) {
      const r = await db
        .selectFrom('status_lists')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .whereRef('allocated', '<', 'capacity')
        .orderBy('list_number', 'desc')
        .executeTakeFirst();
      return r && toStatusList(r);
    },
    async findByNumber(organizationId, listNumber) {
      const r = await db
        .selectFrom('status_lists')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('list_number', '=', listNumber)
        .executeTakeFirst();
      return r && toStatusList(r);
    },
    async open({ organizationId, length, capacity }, now) {
      const last = await db
        .selectFrom('status_lists')
        .select((eb) => eb.fn.max('list_number').as('n'))
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      const row: StatusListsTable = {
        id: randomUUID(),
        organization_id: organizationId,
        list_number: Number(last?.n ?? 0) + 1,
        purpose: 'revocation',
        length,
        allocated: 0,
        capacity,
        version: 1,
        signed_version: null,
        signed_document: null,
        created_at: iso(now),
        version_changed_at: iso(now),
      };
      await db.insertInto('status_lists').values(row).execute();
      return toStatusList(row);
    },
    async takeSlot(id) {
      const r = await db
        .updateTable('status_lists')
        .set({ allocated: sql`allocated + 1` })
        .where('id', '=', id)
        .whereRef('allocated', '<', 'capacity')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async reserveIndex(id, index, now) {
      const r = await db
        .insertInto('status_list_entries')
        .values({ status_list_id: id, status_index: index, allocated_at: iso(now) })
        .onConflict((oc) => oc.columns(['status_list_id', 'status_index']).doNothing())
        .returning('status_index')
        .executeTakeFirst();
      return r !== undefined;
    },
    async bumpVersion(id, now) {
      await db.updateTable('status_lists').set(nextVersion(now)).where('id', '=', id).execute();
    },
    async bumpAllVersions(organizationId, now) {
      await db
        .updateTable('status_lists')
        .set(nextVersion(now))
        .where('organization_id', '=', organizationId)
        .execute();
    },
    async findSigned(id) {
      const r = await db
        .selectFrom('status_lists')
        .select(['version', 'version_changed_at', 'signed_version', 'signed_document'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && {
          version: r.version,
          versionChangedAt: date(r.version_changed_at),
          signedVersion: r.signed_version,
          document: r.signed_document,
        }
      );
    },
    async saveSigned(id, version, document) {
      await db
        .updateTable('status_lists')
        .set({ signed_version: version, signed_document: document })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('signed_version', 'is', null), eb('signed_version', '<', version)]),
        )
        .execute();
    },
  };
}
