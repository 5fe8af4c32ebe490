import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';

export type TestDialect = 'sqlite' | 'postgres';

export interface TestDatabase {
  db: Db;
  dialect: TestDialect;
  /** A DATABASE_URL that reaches the same data, for child processes (CLI, second worker). */
  url: string;
  destroy(): Promise<void>;
}

/**
 * The databases a test file runs against: SQLite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it; a missing server then fails, never skips).
 */
export function testDialects(): TestDialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** The one dialect e2e and browser tiers run on: PostgreSQL when TEST_DATABASE_URL is set. */
export function primaryTestDialect(): TestDialect {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/**
 * A fresh, migrated database. SQLite: a file in a temp dir (file-backed so WAL and a second
 * process behave as in production). PostgreSQL: a schema of its own in TEST_DATABASE_URL, so
 * test files running in parallel never see each other's rows.
 */
export async function createTestDatabase(dialect: TestDialect, dir: string): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const file = `${dir}/laurel-${randomBytes(4).toString('hex')}.sqlite`;
    const { db } = openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(db);
    return { db, dialect, url: `sqlite:${file}`, destroy: () => db.destroy() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = withSearchPath(base, schema);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
  });
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    await dropSchema(base, schema);
    throw e;
  }
  return {
    db,
    dialect,
    url,
    destroy: async () => {
      await db.destroy();
      await dropSchema(base, schema);
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade`);
  await c.end();
}

function withSearchPath(url: string, schema: string): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
