import { Migrator, PostgresAdapter, sql, type MigrationResultSet } from 'kysely';
import type { Db } from './database.ts';
import { migrationProvider } from './migrations/index.ts';

class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema: Kysely
 * otherwise looks for them in every schema and is fooled by another schema's copy (several
 * Laurels, or test runs, can share one database with a schema each).
 */
async function migrator(db: Db): Promise<Migrator> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter))
    return new Migrator({ db, provider: migrationProvider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new MigrationError('PostgreSQL has no current schema: check search_path.');
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const cause =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationError(`Migration ${failed} failed: ${cause}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await (await migrator(db)).migrateToLatest());
}

/** Reverts every migration (used by the tests that prove `down` works on both dialects). */
export async function migrateDownAll(db: Db): Promise<string[]> {
  const m = await migrator(db);
  const names: string[] = [];
  for (;;) {
    const applied = (await m.getMigrations()).filter((x) => x.executedAt);
    if (applied.length === 0) return names;
    names.push(...check(await m.migrateDown()));
  }
}
