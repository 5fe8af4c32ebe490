import { sql } from 'kysely';
import type { LocksStore } from '../../core/ports/stores/locks.ts';
import type { DbOrTrx, Dialect } from '../database.ts';

/**
 * PostgreSQL: a transaction-scoped advisory lock on the name's hash. SQLite needs none: its
 * write transactions already hold the database's single write lock (BEGIN IMMEDIATE).
 */
export function createLocksStore(db: DbOrTrx, dialect: Dialect): LocksStore {
  return {
    async hold(name) {
      if (dialect !== 'postgres') return;
      await sql`select pg_advisory_xact_lock(hashtext(${`laurel:${name}`}))`.execute(db);
    },
  };
}
