import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { CoreDeps } from '../../src/core/deps.ts';
import { CLI_ACTOR, setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { seedBadge, seedOrg } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ApiClient,
  ContractChecker,
  createKey,
  echoEndpoint,
  startExtraApp,
  type ExtraApp,
} from './api-support.ts';

/**
 * The OpenAPI document against the routes: every registered v1 route is documented (and
 * nothing else is), and every documented response of every operation is produced for real
 * and matches its schema. A test-only POST registered through the plugin's helpers stands in
 * for the POST endpoints to come.
 */

let t: TestApp;
let main: ExtraApp;
let limited: ExtraApp;
let broken: ExtraApp;
let checker: ContractChecker;
const echo = echoEndpoint();

/** A core whose badge and API-key reads fail, as an outage would make them. */
function failingReads(deps: CoreDeps): CoreDeps {
  const fail = () => Promise.reject(new Error('database is down'));
  const { stores } = deps.uow;
  return {
    ...deps,
    uow: {
      ...deps.uow,
      stores: { ...stores, badges: { ...stores.badges, list: fail, findById: fail } },
    },
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const api = { extraEndpoints: [echo.endpoint], rateLimits: { perIp: 100_000 } };
  [main, limited, broken] = await Promise.all([
    startExtraApp(t, { api }),
    startExtraApp(t, { api: { ...api, rateLimits: { perIp: 100_000, perApiKey: 1 } } }),
    startExtraApp(t, { api, mapDeps: failingReads }),
  ]);
  checker = await ContractChecker.load(main.url);
});
afterAll(async () => {
  await Promise.all([main.close(), limited.close(), broken.close()]);
  await t.close();
});

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

function documentedOperations(doc: Record<string, unknown>) {
  const ops: { method: string; path: string; operation: Record<string, unknown> }[] = [];
  for (const [path, item] of Object.entries(
    doc.paths as Record<string, Record<string, Record<string, unknown>>>,
  )) {
    for (const [method, operation] of Object.entries(item))
      ops.push({ method: method.toUpperCase(), path, operation });
  }
  return ops;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents exactly the registered v1 routes', async () => {
    const doc = checker.document;
    expect(doc.openapi).toBe('3.1.0');
    const registered = main.app.apiRoutes
      .filter((r) => r.documented)
      .map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
    const documented = documentedOperations(doc).map((o) => `${o.method} ${o.path}`);
    expect(documented.sort()).toEqual([...registered].sort());
    expect(registered).toEqual(
      expect.arrayContaining([
        'GET /api/v1/badges',
        'GET /api/v1/badges/{badgeId}',
        'POST /api/v1/test/echo',
      ]),
    );
    // The two undocumented routes are the document and the reference page themselves.
    expect(
      main.app.apiRoutes
        .filter((r) => !r.documented)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['GET /api/v1/docs', 'GET /api/v1/openapi.json']);

    // The production app documents the same routes, without the test-only one.
    const real = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(
      documentedOperations(real)
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(registered.filter((r) => !r.includes('/test/')).sort());
  });

  it('gives every operation an id, a summary, the bearer scheme and the shared error responses; POSTs take Idempotency-Key', () => {
    const doc = checker.document;
    const ids = new Set<string>();
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'doc');
    for (const { method, path, operation } of documentedOperations(doc)) {
      const where = `${method} ${path}`;
      expect(typeof operation.operationId, where).toBe('string');
      expect(ids.has(operation.operationId as string), where).toBe(false);
      ids.add(operation.operationId as string);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.security, where).toEqual([{ apiKey: [] }]);
      const responses = operation.responses as Record<
        string,
        { description: string; content: Record<string, { schema: unknown }> }
      >;
      expect(Object.keys(responses), where).toEqual(
        expect.arrayContaining(['401', '403', '429', '500']),
      );
      for (const [status, response] of Object.entries(responses)) {
        expect(response.description, `${where} ${status}`).not.toBe('Default Response');
        // Every response schema compiles as JSON Schema 2020-12.
        const pointer = `doc#/paths/${path.replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
        expect(ajv.getSchema(pointer), `${where} ${status}`).toBeTypeOf('function');
      }
      if (method === 'POST') {
        expect(Object.keys(responses), where).toEqual(expect.arrayContaining(['400', '409']));
        expect(
          (operation.parameters as { in: string; name: string }[]).some(
            (p) => p.in === 'header' && p.name === 'idempotency-key',
          ),
          where,
        ).toBe(true);
      }
    }
    expect((doc.components as { securitySchemes: unknown }).securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }) as unknown,
    });
  });

  it('every documented response of every operation is produced for real and matches its schema', async () => {
    const { org } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const badge = await seedBadge(t.laurel.deps, org.id);
    const key = await createKey(t, org);
    const api = new ApiClient(main.url, key, checker);
    const { org: freeOrg } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
    const freeKey = await createKey(t, freeOrg);
    await setOrganizationPlan(t.laurel.deps, CLI_ACTOR, freeOrg.id, { plan: 'free' });

    const echoBody = { value: 'v' };
    // 2xx, 400, 404
    await api.get('/api/v1/badges');
    await api.get('/api/v1/badges?limit=0');
    await api.get(`/api/v1/badges/${badge.id}`);
    await api.get('/api/v1/badges/00000000-0000-4000-8000-000000000000');
    await api.post('/api/v1/test/echo', echoBody);
    await api.post('/api/v1/test/echo', {});
    // 401 and 403
    for (const k of [null, freeKey]) {
      await api.get('/api/v1/badges', { key: k });
      await api.get(`/api/v1/badges/${badge.id}`, { key: k });
      await api.post('/api/v1/test/echo', echoBody, { key: k });
    }
    // 409: an Idempotency-Key reused with another body
    await api.post('/api/v1/test/echo', echoBody, {
      headers: { 'idempotency-key': 'openapi-409' },
    });
    await api.post(
      '/api/v1/test/echo',
      { value: 'other' },
      { headers: { 'idempotency-key': 'openapi-409' } },
    );
    // 429: a key allowed one request a minute, on an instance of its own
    const slow = new ApiClient(
      limited.url,
      await createKey(t, (await seedOrg(t.laurel.deps, { plan: 'enterprise' })).org),
      checker,
    );
    await slow.get('/api/v1/badges');
    await slow.get('/api/v1/badges');
    await slow.get(`/api/v1/badges/${badge.id}`);
    await slow.post('/api/v1/test/echo', echoBody);
    // 500: the badge reads fail; the echo throws
    const down = new ApiClient(broken.url, key, checker);
    await down.get('/api/v1/badges');
    await down.get(`/api/v1/badges/${badge.id}`);
    await down.post('/api/v1/test/echo', { value: 'v', fail: 'throw' });

    const documented = documentedOperations(checker.document).flatMap(({ operation }) =>
      Object.keys(operation.responses as object).map(
        (status) => `${String(operation.operationId)} ${status}`,
      ),
    );
    expect([...checker.seen].sort()).toEqual(documented.sort());
  });

  it('publishes a readable reference page: each operation with method, path, summary, parameters and examples, no scripts of its own', async () => {
    const res = await fetch(`${t.url}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    for (const op of documentedOperations(checker.document).filter(
      (o) => !o.path.includes('/test/'),
    )) {
      expect(html).toContain(`id="${String(op.operation.operationId)}"`);
      expect(html).toContain(op.path);
      expect(html).toContain(String(op.operation.summary));
    }
    for (const text of [
      'limit',
      'offset',
      'active',
      'badgeId',
      'aws-fundamentals',
      'crd_live_',
      'UNAUTHORIZED',
      'X-RateLimit-Reset',
      'Idempotency-Key',
    ]) {
      expect(html).toContain(text);
    }
    // Nothing inline the CSP would block, nothing from another origin.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
