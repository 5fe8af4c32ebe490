import { randomUUID } from 'node:crypto';
import type { SessionRecord, SessionsStore } from '../../core/ports/stores/sessions.ts';
import type { DbOrTrx } from '../database.ts';
import { date, iso } from './mapping.ts';

const COLUMNS = ['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at'] as const;

export function createSessionsStore(db: DbOrTrx): SessionsStore {
  const toSession = (r: {
    id: string;
    user_id: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  }): SessionRecord => ({
    id: r.id,
    userId: r.user_id,
    createdAt: date(r.created_at),
    lastSeenAt: date(r.last_seen_at),
    expiresAt: date(r.expires_at),
  });
  return {
    async create(s, now) {
      const row = {
        id: randomUUID(),
        token_hash: s.tokenHash,
        user_id: s.userId,
        created_at: iso(now),
        last_seen_at: iso(now),
        expires_at: iso(s.expiresAt),
      };
      await db.insertInto('sessions').values(row).execute();
      return toSession(row);
    },
    async findByTokenHash(tokenHash) {
      const r = await db
        .selectFrom('sessions')
        .select(COLUMNS)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return r && toSession(r);
    },
    async touch(id, now) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: iso(now) })
        .where('id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async prune(now, idleBefore) {
      const r = await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('expires_at', '<=', iso(now)), eb('last_seen_at', '<', iso(idleBefore))]),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteAllForUser(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
  };
}
