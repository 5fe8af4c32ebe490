import type { IdempotencyStore } from '../../core/ports/stores/idempotency.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createIdempotencyStore(db: DbOrTrx): IdempotencyStore {
  return {
    async claim({ apiKeyId, key, requestHash }, now) {
      // The insert is the claim: of concurrent requests with one key, exactly one inserts.
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({
          api_key_id: apiKeyId,
          idempotency_key: key,
          request_hash: requestHash,
          response_status: null,
          response_body: null,
          created_at: iso(now),
        })
        .onConflict((oc) => oc.columns(['api_key_id', 'idempotency_key']).doNothing())
        .returning('api_key_id')
        .executeTakeFirst();
      if (inserted) return { claimed: true };
      const r = await db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response_status', 'response_body'])
        .where('api_key_id', '=', apiKeyId)
        .where('idempotency_key', '=', key)
        .executeTakeFirstOrThrow();
      const response =
        r.response_status === null || r.response_body === null
          ? null
          : { status: r.response_status, body: r.response_body };
      return { claimed: false, requestHash: r.request_hash, response };
    },
    async complete(apiKeyId, key, response) {
      await db
        .updateTable('idempotency_keys')
        .set({ response_status: response.status, response_body: response.body })
        .where('api_key_id', '=', apiKeyId)
        .where('idempotency_key', '=', key)
        .execute();
    },
    async release(apiKeyId, key) {
      await db
        .deleteFrom('idempotency_keys')
        .where('api_key_id', '=', apiKeyId)
        .where('idempotency_key', '=', key)
        .where('response_status', 'is', null)
        .execute();
    },
    async prune(before) {
      const r = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', iso(before))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
