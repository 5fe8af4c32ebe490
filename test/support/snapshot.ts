import { expect } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { flushVerificationLogs } from './verification-logs.ts';

/**
 * Tables a refused request may change, each with why. Every other table of the database is in
 * the snapshot, so a table added by a migration is covered without anyone remembering to list it.
 */
const EXCLUDED_TABLES = {
  kysely_migration: 'the migrator’s record of applied migrations: requests never write it',
  kysely_migration_lock: 'the migrator’s lock row: requests never write it',
  rate_limit_windows: 'every request counts against its rate limit, refused or not',
} as const;

/**
 * Columns that move on their own or with any request, refused or not; the rest of their table
 * is in the snapshot.
 */
const VOLATILE_COLUMNS = {
  email_outbox: {
    columns: [
      'status',
      'attempts',
      'next_attempt_at',
      'lease_until',
      'last_error',
      'message_id',
      'sent_at',
    ],
    why: 'the outbox worker delivers mail queued before the request on its own time',
  },
  api_keys: {
    columns: ['last_used_at'],
    why: 'an API request stamps the key it authenticated with, before it is refused',
  },
  sessions: {
    columns: ['last_seen_at'],
    why: 'a signed-in request touches its session, before it is refused',
  },
  status_lists: {
    columns: ['signed_version', 'signed_document'],
    why: 'reading a credential’s status signs its list’s current version once and keeps it',
  },
} as const satisfies {
  [T in keyof Database]?: { columns: readonly (keyof Database[T] & string)[]; why: string };
};

type SnapshotTable = Exclude<keyof Database, keyof typeof EXCLUDED_TABLES>;
type VolatileColumn<T extends keyof Database> = T extends keyof typeof VOLATILE_COLUMNS
  ? (typeof VOLATILE_COLUMNS)[T]['columns'][number]
  : never;

/** Every row of every table but the excluded ones, without the volatile columns. */
export type TableSnapshot = {
  [T in SnapshotTable]: Omit<Database[T], VolatileColumn<T>>[];
};

/**
 * The rows a refused request must leave alone: every table of the database (as the database
 * itself lists them, on SQLite or PostgreSQL) but the ones in EXCLUDED_TABLES, every column
 * but the ones in VOLATILE_COLUMNS. Security tests compare a snapshot before and after.
 */
export async function snapshotTables(db: Db): Promise<TableSnapshot> {
  // Views noted earlier are written now, not by the log's timer between two snapshots.
  await flushVerificationLogs();
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter(
    (t) => !t.isView,
  );
  const names = new Set(tables.map((t) => t.name));
  const stale = Object.keys(EXCLUDED_TABLES).filter((name) => !names.has(name));
  if (stale.length)
    throw new Error(`snapshotTables: no such tables to exclude: ${stale.join(', ')}`);

  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    if (table.name in EXCLUDED_TABLES) continue;
    const volatile: readonly string[] =
      VOLATILE_COLUMNS[table.name as keyof typeof VOLATILE_COLUMNS]?.columns ?? [];
    const columns = table.columns.map((c) => c.name).filter((c) => !volatile.includes(c));
    const rows = await db
      .selectFrom(table.name as keyof Database)
      .select(columns as never[])
      .execute();
    // Ordered by content: the same rows compare equal whatever order the database returns.
    snapshot[table.name] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return snapshot as TableSnapshot;
}

/**
 * `snapshotTables` once the outbox worker has settled (nothing queued or sending), so its
 * progress, such as approval emails being sent, is not mistaken for a change made by the request.
 */
export async function settledSnapshot(db: Db): Promise<TableSnapshot> {
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
