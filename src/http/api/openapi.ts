import swagger from '@fastify/swagger';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { RateLimits } from '../../core/api-keys/rate-limit.ts';
import type { AppContext } from '../context.ts';
import type { ApiInstance } from './endpoint.ts';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': {
    type: 'integer',
    description: 'Requests per minute allowed for this API key.',
  },
  'X-RateLimit-Remaining': { type: 'integer', description: 'Requests left in the current window.' },
  'X-RateLimit-Reset': {
    type: 'integer',
    description: 'Unix timestamp (seconds) when the current window resets.',
  },
};

const zodTransform = createJsonSchemaTransform({ skipList: [] });

/**
 * The zod transform, plus the headers every API-key response carries (documented per response,
 * as OpenAPI wants): X-RateLimit-* always, Retry-After on 429, Idempotent-Replayed on a POST's
 * success.
 */
const transform: typeof zodTransform = (input) => {
  const out = zodTransform(input);
  const schema = out.schema as JsonObject | undefined;
  if (!schema || schema.hide || !isObject(schema.response)) return out;
  const method = input.route.method;
  for (const [status, response] of Object.entries(schema.response)) {
    if (!isObject(response)) continue;
    const headers: JsonObject = status === '401' ? {} : { ...RATE_LIMIT_HEADERS };
    if (status === '429')
      headers['Retry-After'] = { type: 'integer', description: 'Seconds to wait before retrying.' };
    if (method === 'POST' && status.startsWith('2')) {
      headers['Idempotent-Replayed'] = {
        type: 'string',
        enum: ['true'],
        description:
          'Present when this is the stored response of an earlier request with the same Idempotency-Key.',
      };
    }
    if (Object.keys(headers).length > 0) response.headers = headers;
  }
  return out;
};

/** Every `$ref` target in a JSON value. */
function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/components/schemas/', ''));
      else collectRefs(v, into);
    }
  }
}

/**
 * Named schemas into components, then only those something refers to: the zod transform
 * emits an input and an output copy of every named schema, and most are used one way only.
 */
const transformObject: typeof jsonSchemaTransformObject = (input) => {
  const transformed = jsonSchemaTransformObject(input);
  const document = transformed as JsonObject & {
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = document.components?.schemas;
  if (!schemas) return transformed;
  const used = new Set<string>();
  collectRefs({ ...document, components: { ...document.components, schemas: {} } }, used);
  // Components may refer to other components.
  for (let grew = true; grew;) {
    const before = used.size;
    for (const name of [...used]) collectRefs(schemas[name], used);
    grew = used.size > before;
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return {
    ...transformed,
    components: { ...document.components, schemas: kept },
  } as typeof transformed;
};

const description = (
  limits: RateLimits,
) => `Laurel's REST API for issuing and managing Open Badges 3.0 credentials.

**Authentication.** Every endpoint takes an API key of your organization: \`Authorization: Bearer crd_live_…\`. Owners create keys on the organization's API Keys page (Professional and Enterprise plans). A missing, invalid or revoked key answers 401; a plan without API access answers 403 with \`details.reason\` PLAN_REQUIRED.

**Rate limits.** ${limits.perApiKey} requests per minute per API key${limits.perIp > 0 ? ` and ${limits.perIp} per minute per client address on /api/*` : ''}. Every API-key response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (a Unix timestamp); a 429 RATE_LIMITED also carries Retry-After.

**Idempotency.** Every POST accepts an \`Idempotency-Key\` header: retrying with the same key and body within 24 hours returns the first response (with \`Idempotent-Replayed: true\`) instead of acting twice. The same key with a different body answers 409 CONFLICT (IDEMPOTENCY_KEY_REUSED); while the first request is still running, 409 CONFLICT (IDEMPOTENCY_IN_PROGRESS).

**Errors.** Every failure is \`{"error": CODE, "message": "…", "details": {…}}\`; \`details.reason\` names the precise cause and \`details.fields\` the invalid fields.`;

/**
 * The OpenAPI 3.1 document of the v1 API, generated from the same zod schemas that validate
 * requests and responses. Registered in the v1 context, so it sees exactly the v1 routes.
 */
export async function registerOpenApi(
  v1: ApiInstance,
  ctx: AppContext,
  limits: RateLimits,
): Promise<void> {
  await v1.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Laurel API', version: '1.0.0', description: description(limits) },
      servers: [{ url: ctx.config.publicUrl.replace(/\/+$/, '') }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key: `crd_live_` followed by 43 letters and digits.',
          },
        },
      },
      tags: [
        { name: 'Badges', description: 'Your organization’s badge templates.' },
        { name: 'Credentials', description: 'Issue, list and manage credentials.' },
      ],
    },
    transform,
    transformObject,
  });

  v1.get('/openapi.json', { schema: { hide: true } }, (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'no-cache')
      .send(v1.swagger()),
  );
}
