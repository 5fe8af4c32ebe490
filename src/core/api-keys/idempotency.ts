import { createHash } from 'node:crypto';
import { DAY } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

/** How long a key and its response are kept (Stripe's 24 hours); housekeeping forgets older ones. */
export const IDEMPOTENCY_KEEP_MS = DAY;

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface StoredResponse {
  status: number;
  body: string;
}

/** What to do with a request that carries an Idempotency-Key. */
export type IdempotencyDecision =
  /** The key was new: run the request, then `completeIdempotentRequest` (or release it on a 5xx). */
  | { action: 'proceed' }
  /** The same request ran before: send its response again. */
  | { action: 'replay'; response: StoredResponse };

/** Sorted keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What "the same request" means: the method, the path (with its query) and the parsed body. */
export function idempotencyRequestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`, 'utf8')
    .digest('hex');
}

/**
 * Claims an Idempotency-Key for an API key with Stripe's semantics: a new key proceeds; the
 * same key with the same request replays the first response; with a different request it is
 * a CONFLICT (IDEMPOTENCY_KEY_REUSED); while the first request still runs, a CONFLICT
 * (IDEMPOTENCY_IN_PROGRESS). The claim is its own committed row, so of concurrent duplicates
 * exactly one proceeds.
 */
export async function claimIdempotencyKey(
  deps: CoreDeps,
  r: { apiKeyId: string; key: string; requestHash: string },
): Promise<Result<IdempotencyDecision, ErrorCode>> {
  const claim = await deps.uow.stores.idempotency.claim(r, deps.clock.now());
  if (claim.claimed) return ok({ action: 'proceed' });
  if (claim.requestHash !== r.requestHash) {
    return err(
      'CONFLICT',
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      },
    );
  }
  if (!claim.response) {
    return err(
      'CONFLICT',
      'A request with this Idempotency-Key is still being processed. Retry once it has finished.',
      {
        reason: 'IDEMPOTENCY_IN_PROGRESS',
      },
    );
  }
  return ok({ action: 'replay', response: claim.response });
}

/** Keeps the response of a request that ran, so retries replay it. */
export async function completeIdempotentRequest(
  deps: CoreDeps,
  apiKeyId: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await deps.uow.stores.idempotency.complete(apiKeyId, key, response);
}

/** Frees the key of a request that failed on our side (5xx), so a retry runs it again. */
export async function releaseIdempotencyKey(
  deps: CoreDeps,
  apiKeyId: string,
  key: string,
): Promise<void> {
  await deps.uow.stores.idempotency.release(apiKeyId, key);
}
