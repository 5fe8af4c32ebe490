export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionsStore {
  create(
    s: { tokenHash: string; userId: string; expiresAt: Date },
    now: Date,
  ): Promise<SessionRecord>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touch(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  deleteAllForUser(userId: string): Promise<void>;
  /** Deletes sessions past their absolute expiry or idle since `idleBefore`; returns how many. */
  prune(now: Date, idleBefore: Date): Promise<number>;
}
