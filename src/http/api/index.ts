import type { FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../core/api-keys/rate-limit.ts';
import type { User } from '../../core/entities.ts';
import type { AppContext } from '../context.ts';
import { registerApiKeyAuth } from './auth.ts';
import { registerApiErrorHandler } from './error-handler.ts';
import type { ApiEndpoint, ApiInstance } from './endpoint.ts';
import { API_ENDPOINTS } from './endpoints.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerOpenApi } from './openapi.ts';
import { registerIpRateLimit } from './rate-limit.ts';
import { ErrorSchema, IdempotencyHeaders } from './schemas.ts';

const API_PREFIX = '/api/v1';

/** Renders the reference page of the v1 API from its OpenAPI document, for the viewer shown in its header. */
export type ApiReferencePage = (
  document: Record<string, unknown>,
  viewer: { user: User | null; csrfToken: string },
) => string;

export interface ApiOptions {
  /** Per-minute limits; the reference's by default. */
  rateLimits?: Partial<RateLimits>;
  /** Endpoints added after the built-in ones (tests add routes through the same helpers). */
  extraEndpoints?: readonly ApiEndpoint[];
}

/** A route of the v1 API as registered, for checking it against the OpenAPI document. */
interface ApiRoute {
  method: string;
  /** Fastify's form: /api/v1/badges/:badgeId */
  url: string;
  /** false for the document and the reference page themselves. */
  documented: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the v1 API, in registration order. */
    apiRoutes: readonly ApiRoute[];
  }
}

/**
 * What every endpoint of the authenticated context gets without asking: CSRF does not apply
 * (a bearer key, never a cookie, authenticates it, and a browser cannot add that header
 * cross-site), and every POST takes an Idempotency-Key header and may answer 400 and 409.
 * A route without an operationId or summary fails at startup, so nothing goes undocumented.
 */
function prepareEndpointRoute(routeOptions: {
  method: string | string[];
  url: string;
  schema?: object;
  config?: object;
}): void {
  const schema = routeOptions.schema as
    | {
        operationId?: string;
        summary?: string;
        headers?: unknown;
        response?: Record<number, unknown>;
      }
    | undefined;
  if (!schema?.operationId || !schema.summary) {
    throw new Error(
      `API route ${String(routeOptions.method)} ${routeOptions.url} needs a schema made with operation() (operationId and summary)`,
    );
  }
  routeOptions.config = { ...routeOptions.config, csrfExempt: true };
  if (routeOptions.method === 'POST') {
    if (schema.headers instanceof z.ZodObject)
      schema.headers = IdempotencyHeaders.extend(schema.headers.shape);
    else if (schema.headers === undefined) schema.headers = IdempotencyHeaders;
    else throw new Error(`API route POST ${routeOptions.url}: headers must be a z.object`);
    // An endpoint's own 409 (a duplicate, say) keeps its meaning; the idempotency one is added to it.
    const own409 = schema.response?.[409];
    const idempotencyConflict =
      'the Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED) or that request is still running (IDEMPOTENCY_IN_PROGRESS).';
    schema.response = {
      400: ErrorSchema.describe(
        'VALIDATION_ERROR: the body or a header is invalid; `details.fields` names the fields.',
      ),
      ...schema.response,
      409: ErrorSchema.describe(
        own409 instanceof z.ZodType && own409.description
          ? `${own409.description} Or: ${idempotencyConflict}`
          : `CONFLICT: ${idempotencyConflict}`,
      ),
    };
  }
}

/**
 * The v1 REST API under /api/v1 and the per-address limit on all of /api/*. Register it on the
 * root instance before the other /api/ routes, so the limit's hook covers them too.
 */
export async function registerApi(
  app: FastifyInstance,
  ctx: AppContext,
  referencePage: ApiReferencePage,
  options: ApiOptions = {},
): Promise<void> {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const routes: ApiRoute[] = [];
  app.decorate('apiRoutes', routes);
  registerIpRateLimit(app, ctx.deps, limits.perIp);

  await app.register(
    async (root) => {
      const v1: ApiInstance = root.withTypeProvider<ZodTypeProvider>();
      v1.setValidatorCompiler(validatorCompiler);
      v1.setSerializerCompiler(serializerCompiler);
      registerApiErrorHandler(v1);
      v1.addHook('onRoute', (r) => {
        if (r.method !== 'HEAD')
          routes.push({
            method: String(r.method),
            url: r.url,
            documented: r.schema?.hide !== true,
          });
      });
      await registerOpenApi(v1, ctx, limits);

      v1.get('/docs', { schema: { hide: true } }, (request, reply) => {
        const page = referencePage(v1.swagger() as Record<string, unknown>, {
          user: request.auth?.user ?? null,
          csrfToken: request.csrfToken,
        });
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(page);
      });

      await v1.register((authenticated: ApiInstance, _opts, done) => {
        authenticated.addHook('onRoute', prepareEndpointRoute);
        registerApiKeyAuth(authenticated, ctx, limits.perApiKey);
        registerIdempotency(authenticated, ctx);
        for (const endpoint of [...API_ENDPOINTS, ...(options.extraEndpoints ?? [])])
          endpoint(authenticated, ctx);
        done();
      });
    },
    { prefix: API_PREFIX },
  );
}
