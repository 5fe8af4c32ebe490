import { expect } from 'vitest';
import type { Db } from '../../src/db/database.ts';

/**
 * The rows a refused request must leave alone: accounts, organizations, memberships,
 * invitations, queued email, signing keys, badges, credentials, status lists, the quota,
 * API keys and imported credentials. Security tests compare a snapshot before and after.
 */
export async function snapshotTables(db: Db) {
  return {
    users: await db
      .selectFrom('users')
      .select([
        'id',
        'email',
        'first_name',
        'last_name',
        'email_verified_at',
        'is_platform_admin',
        'profile_slug',
        'linkedin_url',
        'avatar_path',
        'updated_at',
      ])
      .orderBy('id')
      .execute(),
    organizations: await db.selectFrom('organizations').selectAll().orderBy('id').execute(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('organization_id')
      .orderBy('user_id')
      .execute(),
    invitations: await db.selectFrom('invitations').selectAll().orderBy('id').execute(),
    outbox: await db
      .selectFrom('email_outbox')
      .select(['id', 'to_address', 'kind'])
      .orderBy('id')
      .execute(),
    signingKeys: await db
      .selectFrom('signing_keys')
      .select(['id', 'key_id', 'status'])
      .orderBy('id')
      .execute(),
    badges: await db.selectFrom('badges').selectAll().orderBy('id').execute(),
    credentials: await db.selectFrom('credentials').selectAll().orderBy('id').execute(),
    statusLists: await db
      .selectFrom('status_lists')
      .select(['id', 'version', 'allocated'])
      .orderBy('id')
      .execute(),
    statusEntries: await db
      .selectFrom('status_list_entries')
      .select(['status_list_id', 'status_index'])
      .orderBy('status_list_id')
      .orderBy('status_index')
      .execute(),
    quota: await db
      .selectFrom('quota_recipients')
      .selectAll()
      .orderBy('organization_id')
      .orderBy('month')
      .orderBy('email_normalized')
      .execute(),
    apiKeys: await db.selectFrom('api_keys').select(['id', 'revoked_at']).orderBy('id').execute(),
    importedCredentials: await db
      .selectFrom('imported_credentials')
      .selectAll()
      .orderBy('id')
      .execute(),
  };
}

/**
 * `snapshotTables` once the outbox worker has settled (nothing queued or sending), so its
 * progress, such as approval emails being sent, is not mistaken for a change made by the request.
 */
export async function settledSnapshot(db: Db) {
  await expect
    .poll(
      async () =>
        (
          await db
            .selectFrom('email_outbox')
            .select('id')
            .where('status', 'in', ['queued', 'sending'])
            .execute()
        ).length,
      { timeout: 10_000 },
    )
    .toBe(0);
  return snapshotTables(db);
}
