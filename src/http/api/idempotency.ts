import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  idempotencyRequestHash,
  releaseIdempotencyKey,
} from '../../core/api-keys/idempotency.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreDeps } from '../../core/deps.ts';
import type { AppContext } from '../context.ts';
import { apiCaller, sendApiError, type ApiInstance } from './endpoint.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key of a POST and where its claim stands. */
    idempotency: IdempotencyState | null;
  }
  interface FastifyContextConfig {
    /** false: the hooks do not hash this POST's body (a multipart upload); its handler calls claimInHandler with what it read. */
    idempotent?: boolean;
  }
}

interface IdempotencyState {
  key: string;
  requestHash: string;
  /** 'claimed' until the response is stored ('settled') or the claim released. */
  stage: 'pending' | 'claimed' | 'settled';
}

/**
 * Idempotency for a POST whose body the handler reads itself (`config: { idempotent: false }`
 * keeps the hooks from hashing the unread body): call it with what was read. Answers true
 * when the handler should go on; false when the reply was sent (a replay or a 409).
 */
export async function claimInHandler(
  deps: CoreDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
): Promise<boolean> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return true;
  request.idempotency = {
    key,
    requestHash: idempotencyRequestHash(request.method, request.url, body),
    stage: 'pending',
  };
  await claim(deps, request, reply);
  return !reply.sent;
}

/**
 * Idempotency-Key on every POST of the context, with Stripe's semantics:
 * - the first request with a key claims it (a committed row, so concurrent duplicates find it);
 * - its response (status and body) is stored before it is sent, unless it is a 5xx or the
 *   handler threw: then the claim is released, so a retry runs again;
 * - the same key and request (method, path, body) again replays that response, with
 *   `Idempotent-Replayed: true`; a different request → 409 CONFLICT IDEMPOTENCY_KEY_REUSED;
 *   while the first still runs → 409 CONFLICT IDEMPOTENCY_IN_PROGRESS.
 * Requests refused before the handler (401, 429, 400 validation) claim nothing, so they can
 * be retried with the same key once fixed. Keys are kept 24 hours (housekeeping prunes them).
 */
export function registerIdempotency(api: ApiInstance, ctx: AppContext): void {
  const { deps } = ctx;
  api.decorateRequest('idempotency', null);

  // The parsed body, before the schema strips or transforms it: what the client sent.
  api.addHook('preValidation', (request, _reply, done) => {
    const key = request.headers['idempotency-key'];
    if (
      request.method === 'POST' &&
      request.routeOptions.config.idempotent !== false &&
      typeof key === 'string'
    ) {
      request.idempotency = {
        key,
        requestHash: idempotencyRequestHash(request.method, request.url, request.body),
        stage: 'pending',
      };
    }
    done();
  });

  // After the schemas accepted the request, just before the handler runs.
  api.addHook('preHandler', (request, reply) => claim(deps, request, reply));

  // The response as sent: kept for replays, or the claim freed when we failed.
  api.addHook('onSend', async (request, reply, payload) => {
    const state = request.idempotency;
    if (state?.stage !== 'claimed') return payload;
    state.stage = 'settled';
    const { apiKey } = apiCaller(request);
    if (reply.statusCode >= 500 || typeof payload !== 'string')
      await releaseIdempotencyKey(deps, apiKey.id, state.key);
    else
      await completeIdempotentRequest(deps, apiKey.id, state.key, {
        status: reply.statusCode,
        body: payload,
      });
    return payload;
  });

  // A response that never went through onSend (a hijacked reply) must not hold its key forever.
  api.addHook('onResponse', async (request) => {
    const state = request.idempotency;
    if (state?.stage !== 'claimed') return;
    state.stage = 'settled';
    await releaseIdempotencyKey(deps, apiCaller(request).apiKey.id, state.key);
  });
}

/**
 * Claims the request's key, or answers for it (a replay or a 409). A handler that reads its
 * own body (a multipart upload) calls `claimInHandler` with what it read instead.
 */
async function claim(deps: CoreDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const state = request.idempotency;
  if (!state) return;
  const { apiKey } = apiCaller(request);
  const decision = await claimIdempotencyKey(deps, {
    apiKeyId: apiKey.id,
    key: state.key,
    requestHash: state.requestHash,
  });
  if (!decision.ok) {
    await sendApiError(reply, decision.error);
    return;
  }
  if (decision.value.action === 'proceed') {
    state.stage = 'claimed';
    return;
  }
  const { status, body } = decision.value.response;
  await reply
    .code(status)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(body);
}
