import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { migrateDownAll, migrateToLatest } from '../../src/db/migrate.ts';
import { migrationProvider, migrations } from '../../src/db/migrations/index.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/database.ts';

const migrationsDir = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));

/** `YYYYMMDDHHMM_verb_noun` (design.md §7): sorting by name is sorting by time. */
const NAME = /^\d{12}_[a-z]+(_[a-z]+)*$/;

/** The migration files on disk, by name, in the order Kysely will run them. */
function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

/**
 * Every schema object that a migration could leave behind, excluding Kysely's own
 * bookkeeping tables (they outlive `down` by design). On PostgreSQL only the test's own
 * schema is looked at: other test files run in parallel in schemas of their own.
 */
async function ourObjects(db: Db, dialect: TestDatabase['dialect']): Promise<string[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`
          select type || ' ' || name as name from sqlite_master
          where name not like 'sqlite_%' and name not like 'kysely_migration%'`.execute(db)
      : await sql<{ name: string }>`
          select c.relkind::text || ' ' || c.relname::text as name from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relname not like 'kysely_migration%'
          union all
          select 'type ' || t.typname::text from pg_type t
          join pg_namespace n on n.oid = t.typnamespace
          where n.nspname = current_schema() and t.typname not like '%kysely_migration%'
            and t.typrelid = 0 and t.typelem = 0`.execute(db);
  return rows.map((r) => r.name).sort();
}

describe('migration files', () => {
  it('are named YYYYMMDDHHMM_verb_noun', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(name).toMatch(NAME);
  });

  it('are all registered in migrations/index.ts, and nothing else is', async () => {
    expect(Object.keys(migrations).sort()).toEqual(migrationFiles());
    // Each name must point at its own file, not at a neighbour copied by mistake.
    for (const name of migrationFiles()) {
      const mod: unknown = await import(pathToFileURL(path.join(migrationsDir, `${name}.ts`)).href);
      expect(migrations[name], name).toBe(mod);
    }
  });

  it('each have an up and a down', () => {
    for (const [name, m] of Object.entries(migrations)) {
      expect(typeof m.up, `${name}.up`).toBe('function');
      expect(typeof m.down, `${name}.down`).toBe('function');
    }
  });
});

describe.each(testDialects())('migrations on %s', (dialect) => {
  let dir: string;
  let t: TestDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'laurel-migrations-'));
    t = await createTestDatabase(dialect, dir); // already migrated to latest
  });

  afterAll(async () => {
    await t?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the Migrator's list is exactly the files, all applied", async () => {
    const listed = await new Migrator({ db: t.db, provider: migrationProvider }).getMigrations();
    expect(listed.map((m) => m.name)).toEqual(migrationFiles());
    expect(listed.filter((m) => !m.executedAt).map((m) => m.name)).toEqual([]);
  });

  it('runs every migration down, leaving nothing of ours, then up again to the same schema', async () => {
    const afterUp = await ourObjects(t.db, dialect);
    expect(afterUp.length).toBeGreaterThan(0);

    // Down one at a time, newest first: each migration's `down` really runs.
    expect(await migrateDownAll(t.db)).toEqual(migrationFiles().reverse());
    expect(await ourObjects(t.db, dialect)).toEqual([]);

    // Up again from empty: proves `down` left nothing that makes `up` collide.
    expect(await migrateToLatest(t.db)).toEqual(migrationFiles());
    expect(await ourObjects(t.db, dialect)).toEqual(afterUp);

    // And already at latest, a second run is a no-op.
    expect(await migrateToLatest(t.db)).toEqual([]);
  });
});
