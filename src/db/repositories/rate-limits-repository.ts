import { sql } from 'kysely';
import type { RateLimitStore } from '../../core/ports/stores/rate-limits.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createRateLimitStore(db: DbOrTrx): RateLimitStore {
  return {
    async hit(bucket, windowStart) {
      // One statement: the increment and the read cannot interleave with another instance's.
      const r = await db
        .insertInto('rate_limit_windows')
        .values({ bucket, window_start: iso(windowStart), hits: 1 })
        .onConflict((oc) =>
          oc
            .columns(['bucket', 'window_start'])
            .doUpdateSet({ hits: sql`rate_limit_windows.hits + 1` }),
        )
        .returning('hits')
        .executeTakeFirstOrThrow();
      return r.hits;
    },
    async prune(before) {
      const r = await db
        .deleteFrom('rate_limit_windows')
        .where('window_start', '<', iso(before))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
