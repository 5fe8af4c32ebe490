import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, seedOrg } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ApiClient,
  ContractChecker,
  echoEndpoint,
  startExtraApp,
  type ExtraApp,
} from './api-support.ts';

/**
 * Idempotency-Key on every POST, with Stripe's semantics, through a test-only POST registered
 * with the plugin's helpers (the credential endpoints get exactly the same treatment).
 */

let t: TestApp;
let x: ExtraApp;
let checker: ContractChecker;
const echo = echoEndpoint();

beforeAll(async () => {
  t = await startTestApp();
  // Many requests from one address in one minute: the per-address limit is raised here.
  x = await startExtraApp(t, {
    api: { extraEndpoints: [echo.endpoint], rateLimits: { perIp: 100_000 } },
  });
  checker = await ContractChecker.load(x.url);
});
afterAll(async () => {
  await x.close();
  await t.close();
});

async function client() {
  const { org } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
  return { org, api: new ApiClient(x.url, await createApiKey(t.laurel.deps, org), checker) };
}

type Echo = { call: number; value: string; organizationId: string };
let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${++keyCounter}`;

describe('Idempotency-Key', () => {
  it('replays the first response (status and body) for the same key and body, with Idempotent-Replayed: true', async () => {
    const { org, api } = await client();
    const key = newKey();
    const first = await api.post<Echo>(
      '/api/v1/test/echo',
      { value: 'a' },
      { headers: { 'idempotency-key': key } },
    );
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      call: expect.any(Number) as unknown,
      value: 'a',
      organizationId: org.id,
    });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const calls = echo.calls;

    // The same body with its keys in another order and other whitespace is the same request.
    const again = await api.post<Echo>('/api/v1/test/echo', '{ "value" :"a" }', {
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(again.headers.get('x-ratelimit-limit')).toBe('60');
    expect(echo.calls).toBe(calls);

    // Without a key every POST runs.
    const plain1 = await api.post<Echo>('/api/v1/test/echo', { value: 'a' });
    const plain2 = await api.post<Echo>('/api/v1/test/echo', { value: 'a' });
    expect(plain2.body.call).toBe(plain1.body.call + 1);
  });

  it('the same key with a different body or path is 409 CONFLICT IDEMPOTENCY_KEY_REUSED, and runs nothing', async () => {
    const { api } = await client();
    const key = newKey();
    expect(
      (await api.post('/api/v1/test/echo', { value: 'a' }, { headers: { 'idempotency-key': key } }))
        .status,
    ).toBe(201);
    const calls = echo.calls;
    for (const [path, body] of [
      ['/api/v1/test/echo', { value: 'b' }],
      ['/api/v1/test/echo', { value: 'a', wait: false }],
      ['/api/v1/test/echo?x=1', { value: 'a' }],
    ] as const) {
      const res = await api.post(path, body, { headers: { 'idempotency-key': key } });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        error: 'CONFLICT',
        message: expect.any(String) as unknown,
        details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
      });
      expect(res.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(echo.calls).toBe(calls);
  });

  it('a duplicate while the first is still running is 409 IDEMPOTENCY_IN_PROGRESS; afterwards it replays', async () => {
    const { api } = await client();
    const key = newKey();
    const { entered, release } = echo.hold();
    const first = api.post<Echo>(
      '/api/v1/test/echo',
      { value: 'slow', wait: true },
      { headers: { 'idempotency-key': key } },
    );
    await entered;
    const duplicates = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post(
          '/api/v1/test/echo',
          { value: 'slow', wait: true },
          { headers: { 'idempotency-key': key } },
        ),
      ),
    );
    for (const d of duplicates) {
      expect(d.status).toBe(409);
      expect(d.body).toEqual({
        error: 'CONFLICT',
        message: expect.any(String) as unknown,
        details: { reason: 'IDEMPOTENCY_IN_PROGRESS' },
      });
    }
    release();
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await api.post<Echo>(
      '/api/v1/test/echo',
      { value: 'slow', wait: true },
      { headers: { 'idempotency-key': key } },
    );
    expect(replay.body).toEqual(done.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('of many concurrent identical requests exactly one runs; the others replay it or are told it is in progress', async () => {
    const { api } = await client();
    const key = newKey();
    const calls = echo.calls;
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.post<Echo>(
          '/api/v1/test/echo',
          { value: 'race' },
          { headers: { 'idempotency-key': key } },
        ),
      ),
    );
    expect(echo.calls).toBe(calls + 1);
    const ran = results.filter(
      (r) => r.status === 201 && r.headers.get('idempotent-replayed') === null,
    );
    expect(ran).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) expect(r.body).toEqual(ran[0]!.body);
      else
        expect(r.body).toMatchObject({
          error: 'CONFLICT',
          details: { reason: 'IDEMPOTENCY_IN_PROGRESS' },
        });
    }
  });

  it('a 5xx releases the key, so a retry runs again; a 4xx of the handler is kept and replayed', async () => {
    const { api } = await client();
    const key = newKey();
    const calls = echo.calls;
    const failed = await api.post(
      '/api/v1/test/echo',
      { value: 'x', fail: 'throw' },
      { headers: { 'idempotency-key': key } },
    );
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      error: 'INTERNAL_ERROR',
      message: expect.any(String) as unknown,
    });
    expect(JSON.stringify(failed.body)).not.toContain('on purpose');
    const retried = await api.post(
      '/api/v1/test/echo',
      { value: 'x', fail: 'throw' },
      { headers: { 'idempotency-key': key } },
    );
    expect(retried.status).toBe(500);
    expect(echo.calls).toBe(calls + 2);
    // Released, so the key is free for the corrected request.
    expect(
      (await api.post('/api/v1/test/echo', { value: 'x' }, { headers: { 'idempotency-key': key } }))
        .status,
    ).toBe(201);

    const conflictKey = newKey();
    const conflict = await api.post(
      '/api/v1/test/echo',
      { value: 'y', fail: 'conflict' },
      { headers: { 'idempotency-key': conflictKey } },
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      error: 'CONFLICT',
      message: 'Already done.',
      details: { reason: 'DUPLICATE' },
    });
    const before = echo.calls;
    const replayed = await api.post(
      '/api/v1/test/echo',
      { value: 'y', fail: 'conflict' },
      { headers: { 'idempotency-key': conflictKey } },
    );
    expect(replayed.status).toBe(409);
    expect(replayed.body).toEqual(conflict.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(echo.calls).toBe(before);
  });

  it('requests refused before the handler (invalid body, bad key) claim nothing; keys are per API key', async () => {
    const { api } = await client();
    const key = newKey();
    const invalid = await api.post<{ details: { fields: Record<string, string> } }>(
      '/api/v1/test/echo',
      { value: '' },
      { headers: { 'idempotency-key': key } },
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.details.fields)).toEqual(['value']);
    const notJson = await api.post('/api/v1/test/echo', '{"value":', {
      headers: { 'idempotency-key': key },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: 'VALIDATION_ERROR' });
    const unauthenticated = await api.post(
      '/api/v1/test/echo',
      { value: 'z' },
      { key: null, headers: { 'idempotency-key': key } },
    );
    expect(unauthenticated.status).toBe(401);
    const ok = await api.post<Echo>(
      '/api/v1/test/echo',
      { value: 'z' },
      { headers: { 'idempotency-key': key } },
    );
    expect(ok.status).toBe(201);

    // Another API key (another organization) using the same Idempotency-Key has its own.
    const { api: other } = await client();
    const theirs = await other.post<Echo>(
      '/api/v1/test/echo',
      { value: 'z' },
      { headers: { 'idempotency-key': key } },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.organizationId).not.toBe(ok.body.organizationId);
  });

  it('an invalid Idempotency-Key header is 400 VALIDATION_ERROR naming it', async () => {
    const { api } = await client();
    for (const bad of ['x'.repeat(256), 'has space']) {
      const res = await api.post<{ error: string; details: { fields: Record<string, string> } }>(
        '/api/v1/test/echo',
        { value: 'a' },
        { headers: { 'idempotency-key': bad } },
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details.fields)).toEqual(['idempotency-key']);
    }
  });

  it('strips undeclared response fields, and takes bearer POSTs even with stray cookies (no CSRF on the API)', async () => {
    const { api } = await client();
    const res = await api.post<Record<string, unknown>>(
      '/api/v1/test/echo',
      { value: 'a' },
      { headers: { cookie: 'laurel_csrf=abc' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('secret');
  });
});
