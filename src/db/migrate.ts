import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database.ts';
import { migrationProvider } from './migrations/index.ts';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${String(result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateToLatest());
}

/** Reverts every migration (used by the tests that prove `down` works on both dialects). */
export async function migrateDownAll(db: Db): Promise<string[]> {
  const m = migrator(db);
  const names: string[] = [];
  for (;;) {
    const applied = (await m.getMigrations()).filter((x) => x.executedAt);
    if (applied.length === 0) return names;
    names.push(...check(await m.migrateDown()));
  }
}
