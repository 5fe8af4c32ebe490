import type { Db } from '../../src/db/database.ts';

/**
 * The rows a refused request must leave alone: accounts, organizations, memberships,
 * invitations and queued email. Security tests compare a snapshot before and after.
 */
export async function snapshotTables(db: Db) {
  return {
    users: await db
      .selectFrom('users')
      .select(['id', 'email', 'email_verified_at', 'is_platform_admin', 'updated_at'])
      .orderBy('id')
      .execute(),
    organizations: await db.selectFrom('organizations').selectAll().orderBy('id').execute(),
    memberships: await db.selectFrom('memberships').selectAll().orderBy('organization_id').orderBy('user_id').execute(),
    invitations: await db.selectFrom('invitations').selectAll().orderBy('id').execute(),
    outbox: await db.selectFrom('email_outbox').select(['id', 'to_address', 'kind']).orderBy('id').execute(),
  };
}
