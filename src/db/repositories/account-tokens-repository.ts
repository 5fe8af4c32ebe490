import { randomUUID } from 'node:crypto';
import type { AccountTokensStore } from '../../core/ports/stores/account-tokens.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createAccountTokensStore(db: DbOrTrx): AccountTokensStore {
  return {
    async create(t, now) {
      await db
        .insertInto('account_tokens')
        .values({
          id: randomUUID(),
          token_hash: t.tokenHash,
          user_id: t.userId,
          purpose: t.purpose,
          expires_at: iso(t.expiresAt),
          used_at: null,
          created_at: iso(now),
        })
        .execute();
    },
    async findUsable(tokenHash, purpose, now) {
      const r = await db
        .selectFrom('account_tokens')
        .select(['id', 'user_id'])
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso(now))
        .executeTakeFirst();
      return r && { id: r.id, userId: r.user_id };
    },
    async consume(id, now) {
      const r = await db
        .updateTable('account_tokens')
        .set({ used_at: iso(now) })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async prune(before) {
      const r = await db
        .deleteFrom('account_tokens')
        .where('expires_at', '<', iso(before))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async invalidateAll(userId, purpose, now) {
      await db
        .updateTable('account_tokens')
        .set({ used_at: iso(now) })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
    },
  };
}
