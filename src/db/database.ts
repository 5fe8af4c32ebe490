import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { Recent } from '../core/recent.ts';

export type Db = Kysely<Database>;
/** Repositories take either the database or a transaction, so use cases can compose them. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** Where the database is: an SQLite file (or `:memory:`) or a PostgreSQL connection URL. */
export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export type Dialect = DatabaseConfig['dialect'];

export interface OpenDatabase {
  db: Db;
  dialect: Dialect;
}

export function openDatabase(config: DatabaseConfig): OpenDatabase {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const dialect = new ImmediateSqliteDialect({ database: withStatementCache(sqlite) });
    return { db: new Kysely<Database>({ dialect }), dialect: 'sqlite' };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
  };
}

/** Prepared statements kept per connection: Laurel's queries are a few hundred shapes. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs better-sqlite3 more than running a
 * small query does. The same SQL text gets the same statement back (run and all are
 * synchronous, so one statement is never used by two queries at once); the least recently
 * used is dropped past the cache's size, as `in (…)` lists of every length make new texts.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDialectConfig['database'] {
  const statements = new Recent<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      return statements.getOrSet(text, () => sqlite.prepare(text));
    },
  };
}

/**
 * SQLite write transactions must start with BEGIN IMMEDIATE: a deferred transaction that
 * reads and then writes can fail with SQLITE_BUSY when another process (a separate worker)
 * wrote in between, where IMMEDIATE waits on busy_timeout instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
