import { sql } from 'kysely';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { TestCore } from './core-deps.ts';
import { eventually } from './eventually.ts';

export interface LockContender {
  /** What the second contender's use case is given. */
  deps: CoreDeps;
  /** Resolves once the second contender is blocked on the lock the first one holds. */
  waiting(): Promise<void>;
}

/**
 * The second contender of a lock race: a race test releases the first contender only once
 * `waiting()` has resolved, so it knows the second already waits on the lock instead of
 * sleeping and hoping it got there.
 * - SQLite: a write transaction takes the database's one write lock (BEGIN IMMEDIATE, on its
 *   one connection), so the contender waits from the moment it asks for its transaction.
 * - PostgreSQL: the contender's row lock shows in pg_stat_activity as a wait on a lock (each
 *   test file has a database of its own, and its tests run one at a time).
 */
export function lockContender(core: TestCore): LockContender {
  let asked!: () => void;
  const askedYet = new Promise<void>((resolve) => (asked = resolve));
  const deps: CoreDeps = {
    ...core.deps,
    uow: {
      ...core.deps.uow,
      transaction: (work) => {
        asked();
        return core.deps.uow.transaction(work);
      },
    },
  };
  return {
    deps,
    waiting: async () => {
      await askedYet;
      if (core.dialect === 'postgres') {
        await eventually(
          async () =>
            (
              await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`.execute(core.db)
            ).rows[0]?.n ?? 0,
          (waiters) => waiters > 0,
          { message: 'nothing is waiting on a lock' },
        );
      }
    },
  };
}
