import {
  apiAccess,
  authenticateApiKey,
  type ApiKeyAuthentication,
} from '../../core/api-keys/api-keys.ts';
import { countRequest } from '../../core/api-keys/rate-limit.ts';
import type { AppContext } from '../context.ts';
import { sendApiError, type ApiInstance } from './endpoint.ts';
import { sendRateLimited, setRateLimitHeaders } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key of a v1 request, once it authenticated; read it with apiCaller(). */
    apiAuth: ApiKeyAuthentication | null;
  }
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * `Authorization: Bearer crd_live_…` on every request of the context, in this order: the key
 * (401 when missing, unknown or revoked), its per-minute limit (429; the X-RateLimit-* headers
 * go on every response from here on), then the plan (403 PLAN_REQUIRED, asked per request so
 * a downgrade takes effect at once).
 */
export function registerApiKeyAuth(
  api: ApiInstance,
  ctx: AppContext,
  perKeyPerMinute: number,
): void {
  api.decorateRequest('apiAuth', null);
  api.addHook('onRequest', async (request, reply) => {
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const auth = presented ? await authenticateApiKey(ctx.deps, presented) : undefined;
    if (!auth?.ok) {
      reply.header('www-authenticate', 'Bearer realm="Laurel API"');
      await sendApiError(
        reply,
        auth?.error ?? {
          code: 'UNAUTHORIZED',
          message: 'Send your API key as `Authorization: Bearer crd_live_…`.',
        },
      );
      return;
    }
    const limit = await countRequest(ctx.deps, `api_key:${auth.value.apiKey.id}`, perKeyPerMinute);
    setRateLimitHeaders(reply, limit);
    if (limit.exceeded) {
      await sendRateLimited(reply, limit, 'API_KEY_RATE_LIMIT');
      return;
    }
    const access = apiAccess(auth.value.organization, ctx.deps.clock.now());
    if (!access.ok) {
      await sendApiError(reply, access.error);
      return;
    }
    request.apiAuth = auth.value;
  });
}
