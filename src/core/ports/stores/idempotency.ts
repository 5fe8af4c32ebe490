type IdempotencyClaim =
  | { claimed: true }
  | { claimed: false; requestHash: string; response: { status: number; body: string } | null };

/** Idempotency-Key records: the first request with a key claims it, its response is kept. */
export interface IdempotencyStore {
  claim(
    r: { apiKeyId: string; key: string; requestHash: string },
    now: Date,
  ): Promise<IdempotencyClaim>;
  complete(
    apiKeyId: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void>;
  /** Frees a claim whose request failed unexpectedly, so a retry can run. */
  release(apiKeyId: string, key: string): Promise<void>;
  prune(before: Date): Promise<number>;
}
