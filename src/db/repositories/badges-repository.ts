import { randomUUID } from 'node:crypto';
import { PostgresAdapter } from 'kysely';
import type { Badge } from '../../core/entities.ts';
import type { BadgesStore } from '../../core/ports/stores/badges.ts';
import type { DbOrTrx } from '../database.ts';
import type { BadgesTable } from '../schema.ts';
import { bool, date, flag, iso } from './mapping.ts';

export const BADGE_COLUMNS = [
  'id',
  'organization_id',
  'name',
  'slug',
  'description',
  'criteria',
  'external_url',
  'image_path',
  'expires_in_days',
  'tags',
  'is_active',
  'created_at',
  'updated_at',
] as const;

export function toBadge(r: Pick<BadgesTable, (typeof BADGE_COLUMNS)[number]>): Badge {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    criteria: r.criteria,
    externalUrl: r.external_url,
    imagePath: r.image_path,
    expiresInDays: r.expires_in_days,
    tags: JSON.parse(r.tags) as string[],
    isActive: bool(r.is_active),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

const COLUMNS = BADGE_COLUMNS;

export function createBadgesStore(db: DbOrTrx): BadgesStore {
  // SQLite has no FOR UPDATE and needs none: its write transactions hold the database's one
  // write lock (BEGIN IMMEDIATE). The store is not told its dialect, so it asks the adapter.
  const rowLocks = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async create(b, now) {
      const row: BadgesTable = {
        id: randomUUID(),
        organization_id: b.organizationId,
        name: b.name,
        slug: b.slug,
        description: b.description,
        criteria: b.criteria,
        external_url: b.externalUrl,
        image_path: b.imagePath,
        expires_in_days: b.expiresInDays,
        tags: JSON.stringify(b.tags),
        is_active: flag(true),
        created_by: b.createdBy,
        created_at: iso(now),
        updated_at: iso(now),
      };
      await db.insertInto('badges').values(row).execute();
      return toBadge(row);
    },
    async findById(organizationId, id) {
      const r = await db
        .selectFrom('badges')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toBadge(r);
    },
    async findBySlug(organizationId, slug) {
      const r = await db
        .selectFrom('badges')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return r && toBadge(r);
    },
    async findPublicImage(id) {
      const r = await db
        .selectFrom('badges')
        .select('image_path')
        .where('id', '=', id)
        .executeTakeFirst();
      return r?.image_path;
    },
    async update(id, b, now) {
      await db
        .updateTable('badges')
        .set({
          ...(b.description !== undefined ? { description: b.description } : {}),
          ...(b.criteria !== undefined ? { criteria: b.criteria } : {}),
          ...(b.externalUrl !== undefined ? { external_url: b.externalUrl } : {}),
          ...(b.imagePath !== undefined ? { image_path: b.imagePath } : {}),
          ...(b.expiresInDays !== undefined ? { expires_in_days: b.expiresInDays } : {}),
          ...(b.tags !== undefined ? { tags: JSON.stringify(b.tags) } : {}),
          updated_at: iso(now),
        })
        .where('id', '=', id)
        .execute();
    },
    async setActive(id, active, now) {
      await db
        .updateTable('badges')
        .set({ is_active: flag(active), updated_at: iso(now) })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('badges').where('id', '=', id).execute();
    },
    async countForOrganization(organizationId) {
      const r = await db
        .selectFrom('badges')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organization_id', '=', organizationId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countActive(organizationId) {
      const r = await db
        .selectFrom('badges')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('is_active', '=', flag(true))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async lock(organizationId, id) {
      let q = db
        .selectFrom('badges')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('id', '=', id);
      // FOR UPDATE (not NO KEY UPDATE): it conflicts with the KEY SHARE lock a credential's
      // foreign-key check takes, so in-flight issuances of this badge are waited for.
      if (rowLocks) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r && toBadge(r);
    },
    async slugTaken(organizationId, slug) {
      const r = await db
        .selectFrom('badges')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return r !== undefined;
    },
    async list(organizationId, f) {
      let q = db.selectFrom('badges').where('organization_id', '=', organizationId);
      if (f.active !== undefined) q = q.where('is_active', '=', flag(f.active));
      const total = await q
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .select(COLUMNS)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { items: rows.map(toBadge), total: Number(total.n) };
    },
    async listForOrganization(organizationId, { activeOnly }) {
      let q = db.selectFrom('badges').select(COLUMNS).where('organization_id', '=', organizationId);
      if (activeOnly) q = q.where('is_active', '=', flag(true));
      const rows = await q.orderBy('name').orderBy('id').execute();
      return rows.map(toBadge);
    },
  };
}
