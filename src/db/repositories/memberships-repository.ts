import type { MembershipsStore } from '../../core/ports/stores/memberships.ts';
import type { DbOrTrx } from '../database.ts';
import { date, iso } from './mapping.ts';

export function createMembershipsStore(db: DbOrTrx): MembershipsStore {
  return {
    async add(m, now) {
      await db
        .insertInto('memberships')
        .values({
          organization_id: m.organizationId,
          user_id: m.userId,
          role: m.role,
          created_at: iso(now),
        })
        .execute();
    },
    async find(organizationId, userId) {
      const r = await db
        .selectFrom('memberships')
        .select(['organization_id', 'user_id', 'role', 'created_at'])
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return (
        r && {
          organizationId: r.organization_id,
          userId: r.user_id,
          role: r.role,
          createdAt: date(r.created_at),
        }
      );
    },
    async list(organizationId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select([
          'memberships.organization_id',
          'memberships.user_id',
          'memberships.role',
          'memberships.created_at',
          'users.email',
          'users.first_name',
          'users.last_name',
        ])
        .where('memberships.organization_id', '=', organizationId)
        .orderBy('memberships.created_at')
        .execute();
      return rows.map((r) => ({
        organizationId: r.organization_id,
        userId: r.user_id,
        role: r.role,
        createdAt: date(r.created_at),
        email: r.email,
        firstName: r.first_name,
        lastName: r.last_name,
      }));
    },
    async setRole(organizationId, userId, role) {
      await db
        .updateTable('memberships')
        .set({ role })
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
    },
    async remove(organizationId, userId) {
      await db
        .deleteFrom('memberships')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
    },
    async countOwners(organizationId) {
      const r = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
