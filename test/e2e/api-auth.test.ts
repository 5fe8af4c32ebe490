import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/core/api-keys/api-keys.ts';
import { DAY } from '../../src/core/clock.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { createApiKey, seedBadge, seedOrg } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ApiClient, ContractChecker, snapshotState } from './api-support.ts';

/** Who may call /api/v1: API keys only, of organizations whose plan includes the API (reference: api/authentication.md). */

let t: TestApp;
let checker: ContractChecker;
beforeAll(async () => {
  t = await startTestApp();
  checker = await ContractChecker.load(t.url);
});
afterAll(() => t.close());

const UNAUTHORIZED = { error: 'UNAUTHORIZED', message: expect.any(String) as unknown };

async function proOrgWithKey() {
  const seeded = await seedOrg(t.laurel.deps, { plan: 'professional' });
  const badge = await seedBadge(t.laurel.deps, seeded.org.id);
  const key = await createApiKey(t.laurel.deps, seeded.org);
  return { ...seeded, badge, key, api: new ApiClient(t.url, key, checker) };
}

describe('API authentication', () => {
  it('answers 401 UNAUTHORIZED for a missing, malformed, unknown or wrongly sent key, and changes nothing', async () => {
    const { key, api, badge } = await proOrgWithKey();
    const before = await snapshotState(t);
    const unknown = `crd_live_${'A'.repeat(43)}`;
    const cases: [string, Record<string, string>][] = [
      ['no header', {}],
      ['garbage', { authorization: 'Bearer garbage' }],
      ['unknown key', { authorization: `Bearer ${unknown}` }],
      [
        'key with a character changed',
        { authorization: `Bearer ${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}` },
      ],
      ['not a bearer', { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }],
      ['key without the scheme', { authorization: key }],
      ['key in another header', { 'x-api-key': key }],
      ['session-JWT-looking token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' }],
    ];
    for (const [label, headers] of cases) {
      for (const path of ['/api/v1/badges', `/api/v1/badges/${badge.id}`]) {
        const res = await api.get(path, { key: null, headers });
        expect(res.status, label).toBe(401);
        expect(res.body, label).toEqual(UNAUTHORIZED);
        expect(res.headers.get('www-authenticate'), label).toBe('Bearer realm="Laurel API"');
        expect(res.headers.get('x-ratelimit-limit'), label).toBeNull();
      }
    }
    expect(await snapshotState(t)).toEqual(before);
  });

  it('accepts the key with a lower-case scheme and records when it was last used', async () => {
    const { org, key, api } = await proOrgWithKey();
    const res = await api.get('/api/v1/badges', {
      key: null,
      headers: { authorization: `bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const [row] = await t.database.db
      .selectFrom('api_keys')
      .select(['last_used_at'])
      .where('organization_id', '=', org.id)
      .execute();
    expect(row?.last_used_at).not.toBeNull();
  });

  it('a revoked key answers 401 on its very next request', async () => {
    const { org, owner, api } = await proOrgWithKey();
    expect((await api.get('/api/v1/badges')).status).toBe(200);
    const [row] = await t.database.db
      .selectFrom('api_keys')
      .select('id')
      .where('organization_id', '=', org.id)
      .execute();
    const revoked = await revokeApiKey(t.laurel.deps, userActor(owner.id), org.id, row!.id);
    expect(revoked.ok).toBe(true);
    const res = await api.get('/api/v1/badges');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('403 FORBIDDEN PLAN_REQUIRED as soon as the plan no longer includes the API (downgrade or an ended grant); 200 again after an upgrade', async () => {
    const { org, api, badge } = await proOrgWithKey();
    expect((await api.get('/api/v1/badges')).status).toBe(200);

    const downgraded = await setOrganizationPlan(t.laurel.deps, OPERATOR, org.id, {
      plan: 'free',
    });
    expect(downgraded.ok).toBe(true);
    const before = await snapshotState(t);
    for (const path of ['/api/v1/badges', `/api/v1/badges/${badge.id}`]) {
      const res = await api.get(path);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: 'FORBIDDEN',
        message: expect.any(String) as unknown,
        details: { reason: 'PLAN_REQUIRED' },
      });
      // Still an API-key response: it carries the key's rate-limit headers.
      expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    }
    expect(await snapshotState(t)).toEqual(before);

    // A grant whose end has passed is Free at once, before any sweep writes it back.
    const ended = await setOrganizationPlan(t.laurel.deps, OPERATOR, org.id, {
      plan: 'enterprise',
      grantExpiresAt: new Date(Date.now() + DAY),
    });
    expect(ended.ok).toBe(true);
    expect((await api.get('/api/v1/badges')).status).toBe(200);
    await t.database.db
      .updateTable('organizations')
      .set({ grant_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', org.id)
      .execute();
    const expired = await api.get<{ details: unknown }>('/api/v1/badges');
    expect(expired.status).toBe(403);
    expect(expired.body.details).toEqual({ reason: 'PLAN_REQUIRED' });
  });

  it('a stray cookie next to the bearer key changes nothing: the API is not a form, CSRF does not apply', async () => {
    const { api } = await proOrgWithKey();
    const res = await api.get('/api/v1/badges', {
      headers: { cookie: 'laurel_csrf=abc; laurel_session=def' },
    });
    expect(res.status).toBe(200);
  });

  it('unknown routes under /api answer 404 NOT_FOUND as JSON, with or without a key', async () => {
    const { key: orgKey } = await proOrgWithKey();
    // No checker: these paths are unknown on purpose, so no operation of the document answers them.
    const api = new ApiClient(t.url, orgKey);
    for (const path of ['/api/v1/nope', '/api/v1/badges/x/y', '/api/nope']) {
      for (const key of [api.key, null]) {
        const res = await api.get(path, { key });
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'Not found.' });
      }
    }
  });
});
