import type { FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { expect } from 'vitest';
import { z } from 'zod';
import type { Clock } from '../../src/core/clock.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { buildApp } from '../../src/main/app.ts';
import {
  apiCaller,
  operation,
  sendApiError,
  type ApiEndpoint,
} from '../../src/http/api/endpoint.ts';
import type { ApiOptions } from '../../src/http/api/index.ts';
import { httpConfig } from '../../src/main/laurel.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { snapshotTables, type TableSnapshot } from '../support/snapshot.ts';

/**
 * Helpers for the v1 API's e2e files (api-*.test.ts): a second Laurel app over the same
 * database with its own options (clock, limits, test-only endpoints, altered core), a bearer-key client,
 * and a checker that holds every response against the OpenAPI document.
 */

export interface ExtraApp {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Another instance of the HTTP app on the same database and core as `t`, as a second server
 * of a scaled-out install would be; `clock` replaces the core's clock (pin it to make a
 * one-minute window deterministic), `trustProxy` lets X-Forwarded-For pick the client address,
 * `mapDeps` alters the core (to make a store fail, say).
 */
export async function startExtraApp(
  t: TestApp,
  opts: {
    clock?: Clock;
    api?: ApiOptions;
    trustProxy?: boolean;
    mapDeps?: (deps: CoreDeps) => CoreDeps;
  } = {},
): Promise<ExtraApp> {
  const { laurel } = t;
  const deps = opts.clock ? { ...laurel.deps, clock: opts.clock } : laurel.deps;
  const app = await buildApp(
    {
      deps: opts.mapDeps ? opts.mapDeps(deps) : deps,
      config: opts.trustProxy
        ? { ...httpConfig(laurel.config), trustProxy: ['127.0.0.1'] }
        : httpConfig(laurel.config),
      logger: pino({ level: 'silent' }),
      cookies: { secure: false },
    },
    { api: opts.api },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** The apps most API files run against; see startApiApps. */
export interface ApiApps {
  /** The test app: database, core, SMTP server. */
  t: TestApp;
  /** Another app on it with the limits raised: these tests send many requests from one address. */
  x: ExtraApp;
  /** The same app with its clock `shiftBy` ahead, for what time changes (expiry, cooldowns). */
  shifted: ExtraApp;
  /** Holds every response against `x`'s OpenAPI document. */
  checker: ContractChecker;
  /** Closes the three apps. */
  close(): Promise<void>;
}

/** A test app, an extra app with raised limits, a clock-shifted one and their contract checker. */
export async function startApiApps(opts: { shiftBy: number }): Promise<ApiApps> {
  const t = await startTestApp();
  const api: ApiOptions = { rateLimits: { perIp: 100_000, perApiKey: 100_000 } };
  const [x, shifted] = await Promise.all([
    startExtraApp(t, { api }),
    startExtraApp(t, { api, clock: { now: () => new Date(Date.now() + opts.shiftBy) } }),
  ]);
  const checker = await ContractChecker.load(x.url);
  return {
    t,
    x,
    shifted,
    checker,
    close: async () => {
      await Promise.all([x.close(), shifted.close()]);
      await t.close();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

type Json = Record<string, unknown>;

/** The v1 paths that are not operations: the document itself and the reference page. */
const UNDOCUMENTED_V1_PATHS = new Set(['/api/v1/openapi.json', '/api/v1/docs']);

/**
 * Checks responses against the OpenAPI document of a running app: the status must be one the
 * operation documents, and the JSON body must match that status's schema. It remembers which
 * operation answered which status, for coverage assertions.
 */
export class ContractChecker {
  readonly seen = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  private constructor(readonly document: Json) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  static async load(baseUrl: string): Promise<ContractChecker> {
    const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    return new ContractChecker((await res.json()) as Json);
  }

  /** The document's path template and operation for a concrete path, if it documents one. */
  operationFor(method: string, path: string): { template: string; operation: Json } | undefined {
    const pathname = path.split('?')[0] ?? path;
    const paths = this.document.paths as Record<string, Json>;
    for (const [template, item] of Object.entries(paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const operation = item[method.toLowerCase()] as Json | undefined;
      if (pattern.test(pathname) && operation) return { template, operation };
    }
    return undefined;
  }

  /**
   * Holds a response against its operation. Every /api/v1 request but the document and the
   * reference page must be to an operation the document has: an undocumented or mistyped
   * request fails here rather than passing unchecked. Other paths (/api/verify, the pages)
   * are not the v1 API's and pass.
   */
  check(method: string, path: string, res: ApiResponse): void {
    const found = this.operationFor(method, path);
    if (!found) {
      const pathname = path.split('?')[0] ?? path;
      if (pathname.startsWith('/api/v1/') && !UNDOCUMENTED_V1_PATHS.has(pathname))
        throw new Error(`${method} ${path} is not an operation of the OpenAPI document`);
      return;
    }
    const { template, operation } = found;
    const status = String(res.status);
    const responses = operation.responses as Record<string, Json>;
    expect(
      Object.keys(responses),
      `${method} ${path} answered ${status}, which ${template} does not document`,
    ).toContain(status);
    this.seen.add(`${String(operation.operationId)} ${status}`);
    const pointer = `openapi#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(pointer);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    const valid = validate(res.body);
    expect(
      valid,
      `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(res.body)}`,
    ).toBe(true);
  }
}

/** A JSON client for /api/v1 with a bearer key; every response goes through the checker when there is one. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string | null,
    readonly checker?: ContractChecker,
  ) {}

  withKey(key: string | null): ApiClient {
    return new ApiClient(this.baseUrl, key, this.checker);
  }

  get<T = Json>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, opts);
  }

  post<T = Json>(path: string, body: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  async request<T = Json>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const key = opts.key === undefined ? this.key : opts.key;
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    // A FormData body goes as multipart/form-data (fetch writes the boundary); anything else as JSON.
    const form = opts.body instanceof FormData ? opts.body : undefined;
    if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : (form ?? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body))),
    });
    const text = await res.text();
    const body = (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
    const response = { status: res.status, headers: res.headers, body };
    this.checker?.check(method, path, response);
    return response;
  }
}

/** snapshotTables of the app's database: what a refused API request must leave alone. */
export function snapshotState(t: TestApp): Promise<TableSnapshot> {
  return snapshotTables(t.database.db);
}

/**
 * A test-only POST, registered through the plugin's own helpers (operation(), the
 * authenticated context), to exercise what every POST gets: Idempotency-Key, error mapping,
 * response stripping. `wait` holds the handler until `release()`; `fail` makes it throw
 * (a 500) or answer a 409 of its own.
 */
export function echoEndpoint() {
  let calls = 0;
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  let entered: () => void = () => undefined;
  let enteredPromise: Promise<void> = Promise.resolve();
  const endpoint: ApiEndpoint = (api) => {
    api.post(
      '/test/echo',
      {
        schema: operation({
          operationId: 'testEcho',
          summary: 'Echo (test only)',
          tags: ['Test'],
          body: z.object({
            value: z.string().min(1),
            wait: z.boolean().optional(),
            fail: z.enum(['throw', 'conflict']).optional(),
          }),
          response: {
            201: z
              .object({ call: z.number().int(), value: z.string(), organizationId: z.string() })
              .describe('Echoed.'),
          },
        }),
      },
      async (request, reply) => {
        const call = ++calls;
        const { actor } = apiCaller(request);
        if (request.body.wait) {
          entered();
          await gate;
        }
        if (request.body.fail === 'throw') throw new Error('the test endpoint failed on purpose');
        if (request.body.fail === 'conflict')
          return sendApiError(reply, {
            code: 'CONFLICT',
            message: 'Already done.',
            details: { reason: 'DUPLICATE' },
          });
        // `secret` is not in the schema: the serializer must strip it.
        const body = {
          call,
          value: request.body.value,
          organizationId: actor.organizationId,
          secret: 'must not leak',
        };
        return reply.code(201).send(body);
      },
    );
  };
  return {
    endpoint,
    get calls() {
      return calls;
    },
    /** Holds every `wait` request until release(); resolves `entered` when one arrives. */
    hold(): { entered: Promise<void>; release: () => void } {
      gate = new Promise((resolve) => {
        release = resolve;
      });
      enteredPromise = new Promise((resolve) => {
        entered = resolve;
      });
      return { entered: enteredPromise, release: () => release() };
    },
  };
}
