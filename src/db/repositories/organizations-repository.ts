import { randomUUID } from 'node:crypto';
import type { Organization } from '../../core/entities.ts';
import type { OrganizationsStore } from '../../core/ports/stores/organizations.ts';
import type { DbOrTrx, Dialect } from '../database.ts';
import type { OrganizationsTable } from '../schema.ts';
import { bool, date, dateOrNull, iso } from './mapping.ts';

export const ORGANIZATION_COLUMNS = [
  'organizations.id',
  'organizations.name',
  'organizations.slug',
  'organizations.website',
  'organizations.description',
  'organizations.logo_path',
  'organizations.status',
  'organizations.status_reason',
  'organizations.emails_enabled',
  'organizations.plan',
  'organizations.subscription_source',
  'organizations.grant_expires_at',
  'organizations.linkedin_company_id',
  'organizations.created_at',
  'organizations.updated_at',
] as const;

export type OrgRow = Omit<OrganizationsTable, 'created_by'>;

const COLUMNS = ORGANIZATION_COLUMNS;

export function toOrganization(r: OrgRow): Organization {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    website: r.website,
    description: r.description,
    logoPath: r.logo_path,
    status: r.status,
    statusReason: r.status_reason,
    emailsEnabled: bool(r.emails_enabled),
    subscription: {
      plan: r.plan,
      source: r.subscription_source,
      grantExpiresAt: dateOrNull(r.grant_expires_at),
    },
    linkedinCompanyId: r.linkedin_company_id,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function createOrganizationsStore(db: DbOrTrx, dialect: Dialect): OrganizationsStore {
  const touch = (now: Date) => ({ updated_at: iso(now) });
  return {
    async create(o, now) {
      const row = {
        id: randomUUID(),
        name: o.name,
        slug: o.slug,
        website: o.website,
        description: o.description,
        logo_path: null,
        status: 'pending_review' as const,
        status_reason: null,
        emails_enabled: 1,
        plan: 'free' as const,
        subscription_source: 'FREE' as const,
        grant_expires_at: null,
        linkedin_company_id: null,
        created_by: o.createdBy,
        created_at: iso(now),
        updated_at: iso(now),
      };
      await db.insertInto('organizations').values(row).execute();
      return toOrganization(row);
    },
    async findById(id) {
      const r = await db
        .selectFrom('organizations')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toOrganization(r);
    },
    async lock(id) {
      // SQLite write transactions already hold the database's one write lock (BEGIN IMMEDIATE).
      if (dialect === 'postgres') {
        await db
          .selectFrom('organizations')
          .select('id')
          .where('id', '=', id)
          .forUpdate()
          .execute();
      }
    },
    async findBySlug(slug) {
      const r = await db
        .selectFrom('organizations')
        .select(COLUMNS)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return r && toOrganization(r);
    },
    async slugTaken(slug, exceptId) {
      let q = db.selectFrom('organizations').select('id').where('slug', '=', slug);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },
    async updateDetails(id, d, now) {
      await db
        .updateTable('organizations')
        .set({
          name: d.name,
          slug: d.slug,
          website: d.website,
          description: d.description,
          linkedin_company_id: d.linkedinCompanyId,
          ...touch(now),
        })
        .where('id', '=', id)
        .execute();
    },
    async setStatus(id, status, reason, now) {
      await db
        .updateTable('organizations')
        .set({ status, status_reason: reason, ...touch(now) })
        .where('id', '=', id)
        .execute();
    },
    async setEmailsEnabled(id, enabled, now) {
      await db
        .updateTable('organizations')
        .set({ emails_enabled: enabled ? 1 : 0, ...touch(now) })
        .where('id', '=', id)
        .execute();
    },
    async setLogo(id, logoPath, now) {
      await db
        .updateTable('organizations')
        .set({ logo_path: logoPath, ...touch(now) })
        .where('id', '=', id)
        .execute();
    },
    async setSubscription(id, s, now) {
      await db
        .updateTable('organizations')
        .set({
          plan: s.plan,
          subscription_source: s.source,
          grant_expires_at: s.grantExpiresAt ? iso(s.grantExpiresAt) : null,
          ...touch(now),
        })
        .where('id', '=', id)
        .execute();
    },
    async listByStatus(status) {
      let q = db.selectFrom('organizations').select(COLUMNS).orderBy('created_at', 'desc');
      if (status) q = q.where('status', '=', status);
      return (await q.execute()).map(toOrganization);
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('organizations')
        .innerJoin('memberships', 'memberships.organization_id', 'organizations.id')
        .select([...COLUMNS, 'memberships.role'])
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.name')
        .execute();
      return rows.map((r) => ({ organization: toOrganization(r), role: r.role }));
    },
    async listExpiredGrants(now) {
      const rows = await db
        .selectFrom('organizations')
        .select(COLUMNS)
        .where('grant_expires_at', 'is not', null)
        .where('grant_expires_at', '<=', iso(now))
        .execute();
      return rows.map(toOrganization);
    },
  };
}
