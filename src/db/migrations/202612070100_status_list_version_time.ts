import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // When the change that produced the list's current version happened: the signed list's
  // validFrom. Signing happens later, on the first fetch, so a list stamped with the moment
  // of signing was refused by a verifier whose clock read just before it.
  await db.schema.alterTable('status_lists').addColumn('version_changed_at', 'text').execute();

  // Existing lists: the latest change we know of. A list's version moves when it is opened,
  // when a credential on it is revoked, and when a key of its organization is revoked.
  // Timestamps are ISO-8601 UTC text of one form, so text order is time order.
  await sql`update status_lists set version_changed_at = created_at`.execute(db);
  const later = (latest: RawBuilder<unknown>) =>
    sql`update status_lists set version_changed_at = (${latest})
        where (${latest}) > version_changed_at`.execute(db);
  await later(sql`select max(c.revoked_at) from credentials c
                  where c.status_list_id = status_lists.id`);
  await later(sql`select max(k.revoked_at) from signing_keys k
                  where k.organization_id = status_lists.organization_id`);

  // SQLite cannot add a NOT NULL column without a default; there every writer sets it.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .alterTable('status_lists')
      .alterColumn('version_changed_at', (c) => c.setNotNull())
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('status_lists').dropColumn('version_changed_at').execute();
}
