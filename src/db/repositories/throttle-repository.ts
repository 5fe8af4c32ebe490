import { randomUUID } from 'node:crypto';
import type { ThrottleStore } from '../../core/ports/stores/throttle.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createThrottleStore(db: DbOrTrx): ThrottleStore {
  return {
    async count(bucket, subject, since) {
      const r = await db
        .selectFrom('throttle_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('bucket', '=', bucket)
        .where('subject', '=', subject)
        .where('created_at', '>', iso(since))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async record(bucket, subject, now) {
      const id = randomUUID();
      await db
        .insertInto('throttle_events')
        .values({ id, bucket, subject, created_at: iso(now) })
        .execute();
      return id;
    },
    async forget(id) {
      await db.deleteFrom('throttle_events').where('id', '=', id).execute();
    },
    async prune(before) {
      const r = await db
        .deleteFrom('throttle_events')
        .where('created_at', '<', iso(before))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async clear(bucket, subject) {
      await db
        .deleteFrom('throttle_events')
        .where('bucket', '=', bucket)
        .where('subject', '=', subject)
        .execute();
    },
  };
}
