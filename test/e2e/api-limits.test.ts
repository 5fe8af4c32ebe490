import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import { createApiKey, seedOrg } from '../factories/index.ts';
import { parseConfig } from '../../src/main/config.ts';
import { createHttpApp } from '../../src/main/laurel.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ApiClient, ContractChecker, startExtraApp, type ExtraApp } from './api-support.ts';

/**
 * Rate limits of api/rate-limits.md: 60 requests a minute per API key, 100 per client address
 * on /api/*. Two instances of the app share one database and a clock stopped inside one minute,
 * so the windows are deterministic and the counts are shown to be shared between instances.
 */

let t: TestApp;
let a: ExtraApp;
let b: ExtraApp;
let checker: ContractChecker;
let now = Date.UTC(2031, 0, 1, 0, 0, 10);
const clock: Clock = { now: () => new Date(now) };
/** The end of the window the clock is in, as X-RateLimit-Reset states it. */
const windowEnd = () => Math.floor(now / 60_000) * 60 + 60;

let ipCounter = 0;
/** A client address of its own for each test (the apps trust X-Forwarded-For from loopback). */
const freshIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  t = await startTestApp();
  [a, b] = await Promise.all([
    startExtraApp(t, { clock, trustProxy: true }),
    startExtraApp(t, { clock, trustProxy: true }),
  ]);
  checker = await ContractChecker.load(a.url);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await t.close();
});

async function client(app: ExtraApp) {
  const { org } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
  return new ApiClient(app.url, await createApiKey(t.laurel.deps, org), checker);
}

describe('per-key rate limit', () => {
  it('the 61st request in a minute gets 429 RATE_LIMITED with Retry-After; every response carries the X-RateLimit headers', async () => {
    const api = await client(a);
    const ip = freshIp();
    for (let i = 1; i <= 60; i++) {
      const res = await api.get('/api/v1/badges', { headers: { 'x-forwarded-for': ip } });
      expect(res.status, `request ${i}`).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('60');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(60 - i));
      expect(res.headers.get('x-ratelimit-reset')).toBe(String(windowEnd()));
      expect(res.headers.get('retry-after')).toBeNull();
    }
    const limited = await api.get('/api/v1/badges', { headers: { 'x-forwarded-for': ip } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: 'RATE_LIMITED',
      message: expect.stringContaining('60 per minute for this API key') as unknown,
      details: {
        reason: 'API_KEY_RATE_LIMIT',
        limit: 60,
        retryAfterSeconds: 50,
        resetsAt: new Date(windowEnd() * 1000).toISOString(),
      },
    });
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('60');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(windowEnd()));

    // The other instance counts in the same window: the key is limited there too.
    // From another address it is still the same key.
    const elsewhere = await api.get('/api/v1/badges', {
      headers: { 'x-forwarded-for': freshIp() },
    });
    const onB = await fetch(`${b.url}/api/v1/badges`, {
      headers: { authorization: `Bearer ${api.key}`, 'x-forwarded-for': freshIp() },
    });
    expect(elsewhere.status).toBe(429);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('retry-after')).toBe('50');

    // Another key is not affected.
    const other = await client(b);
    expect(
      (await other.get('/api/v1/badges', { headers: { 'x-forwarded-for': freshIp() } })).status,
    ).toBe(200);

    // The next minute starts afresh.
    now += 60_000;
    const next = await api.get('/api/v1/badges', { headers: { 'x-forwarded-for': freshIp() } });
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('59');
    expect(next.headers.get('x-ratelimit-reset')).toBe(String(windowEnd()));
  });
});

describe('per-address rate limit', () => {
  it('counts every /api/ request of an address, public verification included, and the 101st gets 429; other addresses and pages are unaffected', async () => {
    const api = await client(a);
    const ip = freshIp();
    const headers = { 'x-forwarded-for': ip };
    // Spread over both instances and over public and authenticated routes, even refused ones.
    for (let i = 0; i < 100; i++) {
      const app = i % 2 ? a : b;
      const path =
        i % 3 === 0 ? '/api/verify/CRD-NOPE1234' : i % 3 === 1 ? '/api/v1/badges' : '/api/v1/nope';
      const res = await fetch(`${app.url}${path}`, {
        headers: { ...headers, authorization: `Bearer ${api.key}` },
      });
      expect(res.status, `${i} ${path}`).not.toBe(429);
    }
    for (const path of ['/api/verify/CRD-NOPE1234', '/api/v1/badges', '/api/v1/openapi.json']) {
      const res = await fetch(`${a.url}${path}`, {
        headers: { ...headers, authorization: `Bearer ${api.key}` },
      });
      expect(res.status, path).toBe(429);
      expect(await res.json()).toEqual({
        error: 'RATE_LIMITED',
        message: expect.stringContaining('100 per minute for your address') as unknown,
        details: {
          reason: 'IP_RATE_LIMIT',
          limit: 100,
          retryAfterSeconds: expect.any(Number) as unknown,
          resetsAt: expect.any(String) as unknown,
        },
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    }
    // Pages are not API requests; another address is not this one.
    expect((await fetch(`${a.url}/login`, { headers })).status).toBe(200);
    expect(
      (await api.get('/api/v1/badges', { headers: { 'x-forwarded-for': freshIp() } })).status,
    ).toBe(200);
  });
});

describe('the per-address limit as the operator configures it', () => {
  /** `laurel serve`'s app with LAUREL_IP_RATE_LIMIT_PER_MINUTE set, on the stopped clock. */
  async function configuredApp(perMinute: string) {
    const config = parseConfig({
      ...t.env,
      TRUST_PROXY: '127.0.0.1',
      LAUREL_IP_RATE_LIMIT_PER_MINUTE: perMinute,
    });
    const app = await createHttpApp({ ...t.laurel, config, deps: { ...t.laurel.deps, clock } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  }
  const windows = (ip: string) =>
    t.database.db
      .selectFrom('rate_limit_windows')
      .select('bucket')
      .where('bucket', '=', `ip:${ip}`)
      .execute();

  it('0 switches it off: nothing is counted and nothing refused', async () => {
    const app = await configuredApp('0');
    try {
      const ip = freshIp();
      for (let i = 0; i < 110; i++) {
        const res = await fetch(`${app.url}/api/verify/CRD-NOPE1234`, {
          headers: { 'x-forwarded-for': ip },
        });
        expect(res.status, `request ${i + 1}`).toBe(404);
      }
      expect(await windows(ip)).toEqual([]);
      const spec = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as {
        info: { description: string };
      };
      expect(spec.info.description).not.toContain('per client address');
    } finally {
      await app.close();
    }
  });

  it('a number replaces the 100: the request after it gets 429 naming that limit', async () => {
    const app = await configuredApp('3');
    try {
      const ip = freshIp();
      const get = () =>
        fetch(`${app.url}/api/verify/CRD-NOPE1234`, { headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 3; i++) expect((await get()).status).toBe(404);
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({
        error: 'RATE_LIMITED',
        details: { reason: 'IP_RATE_LIMIT', limit: 3 },
      });
    } finally {
      await app.close();
    }
  });
});
