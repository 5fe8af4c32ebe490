/** Fixed-window counters shared by every instance. */
export interface RateLimitStore {
  /** Counts one hit in the bucket's window and answers the hits so far in it. */
  hit(bucket: string, windowStart: Date): Promise<number>;
  prune(before: Date): Promise<number>;
}
