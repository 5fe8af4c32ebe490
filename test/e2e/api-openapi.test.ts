import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoreDeps } from '../../src/core/deps.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { generateSigningKeys } from '../../src/core/signing-keys/signing-keys.ts';
import { createApiKey, seedBadge, seedOrg } from '../factories/index.ts';
import { tinyPng } from '../factories/images.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ApiClient,
  ContractChecker,
  echoEndpoint,
  startExtraApp,
  type ExtraApp,
} from './api-support.ts';

/**
 * The OpenAPI document against the routes: every registered v1 route is documented (and
 * nothing else is), and every documented response of every operation is produced for real
 * and matches its schema. A test-only POST registered through the plugin's helpers exercises
 * what every POST gets (a replayable 409, a handler that throws).
 */

let t: TestApp;
let main: ExtraApp;
let limited: ExtraApp;
let broken: ExtraApp;
let checker: ContractChecker;
const echo = echoEndpoint();

/**
 * A core whose badge and credential reads and every transaction fail, as an outage would
 * make them; the API key, rate-limit and idempotency reads still work.
 */
function failingReads(deps: CoreDeps): CoreDeps {
  const fail = () => Promise.reject(new Error('database is down'));
  const { stores } = deps.uow;
  return {
    ...deps,
    uow: {
      ...deps.uow,
      transaction: fail,
      stores: {
        ...stores,
        badges: { ...stores.badges, list: fail, findById: fail },
        credentials: { ...stores.credentials, list: fail, findInOrganization: fail },
      },
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
        'POST /api/v1/badges',
        'PATCH /api/v1/badges/{badgeId}',
        'DELETE /api/v1/badges/{badgeId}',
        'POST /api/v1/credentials',
        'GET /api/v1/credentials',
        'GET /api/v1/credentials/check',
        'GET /api/v1/credentials/{credentialId}',
        'POST /api/v1/credentials/{credentialId}/revoke',
        'POST /api/v1/credentials/{credentialId}/resend',
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
    const { org, owner } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    await generateSigningKeys(t.laurel.deps, userActor(owner.id), org.id);
    const badge = await seedBadge(t.laurel.deps, org.id);
    const key = await createApiKey(t.laurel.deps, org);
    const api = new ApiClient(main.url, key, checker);
    const { org: freeOrg } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
    const freeKey = await createApiKey(t.laurel.deps, freeOrg);
    await setOrganizationPlan(t.laurel.deps, OPERATOR, freeOrg.id, { plan: 'free' });

    const echoBody = { value: 'v' };
    const missing = '00000000-0000-4000-8000-000000000000';
    const badgeForm = (slug: string) => {
      const form = new FormData();
      form.append('name', 'OpenAPI Badge');
      form.append('slug', slug);
      form.append('description', 'Covers the document.');
      form.append('criteria', 'Every status produced.');
      form.append('image', new Blob([tinyPng()], { type: 'image/png' }), 'badge.png');
      return form;
    };
    const issueBody = (email: string, badgeId = badge.id) => ({
      badgeId,
      recipient: { name: 'Jane Doe', email },
    });
    // Every operation once, as a client that is refused before it gets anywhere would send it.
    const everyOperation = async (client: ApiClient, k?: string | null) => {
      const opts = k === undefined ? {} : { key: k };
      await client.get('/api/v1/badges', opts);
      await client.get(`/api/v1/badges/${badge.id}`, opts);
      await client.post('/api/v1/badges', badgeForm('refused'), opts);
      await client.request('PATCH', `/api/v1/badges/${badge.id}`, { ...opts, body: {} });
      await client.request('DELETE', `/api/v1/badges/${missing}`, opts);
      await client.post('/api/v1/credentials', issueBody('refused@example.test'), opts);
      await client.get('/api/v1/credentials', opts);
      await client.get(`/api/v1/credentials/check?badgeId=${badge.id}&email=a@example.test`, opts);
      await client.get(`/api/v1/credentials/${missing}`, opts);
      await client.post(`/api/v1/credentials/${missing}/revoke`, { reason: 'Test' }, opts);
      await client.post(`/api/v1/credentials/${missing}/resend`, undefined, opts);
      await client.post('/api/v1/test/echo', echoBody, opts);
    };

    // 2xx, 400, 404
    await api.get('/api/v1/badges');
    await api.get('/api/v1/badges?limit=0');
    await api.get(`/api/v1/badges/${badge.id}`);
    await api.get(`/api/v1/badges/${missing}`);
    await api.post('/api/v1/test/echo', echoBody);
    await api.post('/api/v1/test/echo', {});
    // Badges: create (201, 400 not multipart, 409 slug taken), update, delete.
    const created = await api.post<{ id: string }>('/api/v1/badges', badgeForm('openapi'));
    await api.post('/api/v1/badges', undefined);
    await api.post('/api/v1/badges', badgeForm('openapi'));
    await api.request('PATCH', `/api/v1/badges/${created.body.id}`, { body: { criteria: 'New' } });
    await api.request('PATCH', `/api/v1/badges/${created.body.id}`, { body: { isActive: true } });
    await api.request('PATCH', `/api/v1/badges/${missing}`, { body: {} });
    await api.request('PATCH', `/api/v1/badges/${created.body.id}`, { body: { name: 'Other' } });
    await api.request('DELETE', `/api/v1/badges/${created.body.id}`);
    await api.request('DELETE', `/api/v1/badges/${missing}`);
    // Credentials: issue (201, 400, 404, 409 duplicate), list, check, get.
    const first = await api.post<{ id: string }>(
      '/api/v1/credentials',
      issueBody('first@example.test'),
    );
    await api.post('/api/v1/credentials', {});
    await api.post('/api/v1/credentials', issueBody('first@example.test', missing));
    await api.post('/api/v1/credentials', issueBody('first@example.test'));
    await api.get('/api/v1/credentials');
    await api.get('/api/v1/credentials?limit=0');
    await api.get(`/api/v1/credentials/check?badgeId=${badge.id}&email=first@example.test`);
    await api.get(`/api/v1/credentials/check?badgeId=${badge.id}`);
    await api.get(`/api/v1/credentials/check?badgeId=${missing}&email=first@example.test`);
    await api.get(`/api/v1/credentials/${first.body.id}`);
    await api.get(`/api/v1/credentials/${missing}`);
    // Resend: 409 within the cooldown, 202 once the last send failed, 400 a bad header, 404.
    await api.post(`/api/v1/credentials/${first.body.id}/resend`, undefined);
    await t.database.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: 'test' })
      .where('to_address', '=', 'first@example.test')
      .execute();
    await api.post(`/api/v1/credentials/${first.body.id}/resend`, undefined);
    await api.post(`/api/v1/credentials/${first.body.id}/resend`, undefined, {
      headers: { 'idempotency-key': 'not a key' },
    });
    await api.post(`/api/v1/credentials/${missing}/resend`, undefined);
    // Revoke: 200, 409 already revoked, 400 no reason, 404.
    await api.post(`/api/v1/credentials/${first.body.id}/revoke`, { reason: 'Test' });
    await api.post(`/api/v1/credentials/${first.body.id}/revoke`, { reason: 'Again' });
    await api.post(`/api/v1/credentials/${first.body.id}/revoke`, { reason: ' ' });
    await api.post(`/api/v1/credentials/${missing}/revoke`, { reason: 'Test' });
    // 401 and 403
    for (const k of [null, freeKey]) await everyOperation(api, k);
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
      await createApiKey(t.laurel.deps, (await seedOrg(t.laurel.deps, { plan: 'enterprise' })).org),
      checker,
    );
    await slow.get('/api/v1/badges');
    await everyOperation(slow);
    // 500: the reads and transactions fail; the echo throws
    const down = new ApiClient(broken.url, key, checker);
    await everyOperation(down);
    await down.post('/api/v1/test/echo', { value: 'v', fail: 'throw' });
    // The image stored before the failed creation is gone again.
    const images = await fs
      .readdir(path.join(t.dataDir, 'uploads', 'badges', org.id))
      .catch(() => []);
    expect(images).toEqual([]);

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
