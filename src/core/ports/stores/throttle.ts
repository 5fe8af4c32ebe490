/** Counts attempts in a sliding window; shared by every instance because it is in the database. */
export interface ThrottleStore {
  count(bucket: string, subject: string, since: Date): Promise<number>;
  /** Records an attempt; returns its id, so a successful one can be forgotten again. */
  record(bucket: string, subject: string, now: Date): Promise<string>;
  forget(id: string): Promise<void>;
  clear(bucket: string, subject: string): Promise<void>;
  /** Forgets attempts older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
