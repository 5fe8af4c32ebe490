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
 * The databases a contract suite runs against in this run: the one of primaryTestDialect().
 * scripts/test-all.sh runs the suites twice, once on SQLite (TEST_DATABASE_URL unset) and once
 * on PostgreSQL (set), so together the runs cover both dialects and neither repeats the other.
 * A list, so suites stay `describe.each`-named after their dialect.
 */
export function testDialects(): TestDialect[] {
  return [primaryTestDialect()];
}

/**
 * The dialect of this run: PostgreSQL when TEST_DATABASE_URL is set (CI sets it; a missing
 * server then fails, never skips), SQLite otherwise.
 */
export function primaryTestDialect(): TestDialect {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/**
 * A fresh, migrated database. SQLite: a file in a temp dir (file-backed so WAL and a second
 * process behave as in production). PostgreSQL: a database of its own on the server of
 * TEST_DATABASE_URL, so test files running in parallel never see each other. (A schema each
 * is not enough: Kysely's migrator introspects every schema of the database, and trips over
 * another file's schema being dropped at that moment.)
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
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `create database ${name}`);
  const url = withDatabase(base, name);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
  });
  const drop = async () => {
    await db.destroy();
    await dropDatabase(base, name);
  };
  try {
    await migrateToLatest(db);
  } catch (e) {
    await drop();
    throw e;
  }
  return { db, dialect, url, destroy: drop };
}

/** Every test database starts with this, so a crashed run's leftovers can be found and dropped. */
const TEST_DATABASE_PREFIX = 'laurel_t_';

async function adminQuery(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * Drops a test database once its connections are gone. pg's Pool.end() resolves before its
 * connections have finished closing, and forcing them closed makes their clients raise
 * errors nobody listens to; so wait for them, and force only what is still there after 50
 * tries. A retry rather than `eventually`: each DROP DATABASE itself waits up to 5 s on the
 * server for the other connections to go, which a wall-clock poll would cut short.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(url, `drop database if exists ${name}`);
      return;
    } catch (e) {
      // 55006: "database is being accessed by other users".
      if ((e as { code?: string }).code !== '55006') throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(url, `drop database if exists ${name} with (force)`);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
