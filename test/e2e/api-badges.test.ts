import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, addMs } from '../../src/core/clock.ts';
import { createApiKey, seedBadge, seedOrg } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testClock } from '../support/clock.ts';
import { ApiClient, ContractChecker, snapshotState } from './api-support.ts';

/** GET /api/v1/badges and /api/v1/badges/{badgeId} (reference: api/badges.md), over the real app. */

let t: TestApp;
let checker: ContractChecker;
beforeAll(async () => {
  t = await startTestApp();
  checker = await ContractChecker.load(t.url);
});
afterAll(() => t.close());

const BADGE_FIELDS = [
  'id',
  'name',
  'slug',
  'description',
  'criteria',
  'imageUrl',
  'expiresInDays',
  'tags',
  'isActive',
  'createdAt',
  'publicUrl',
  'achievementUrl',
];

describe('badges API', () => {
  it('lists the organization’s badges with exactly the documented fields, newest first', async () => {
    const { org } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const first = await seedBadge(t.laurel.deps, org.id, {
      name: 'First Aid',
      slug: 'first-aid',
      expiresInDays: 730,
      tags: ['safety'],
    });
    // A minute later on a clock of its own, rather than sleeping until the system clock moves.
    const later = { ...t.laurel.deps, clock: testClock(addMs(first.createdAt, MINUTE)) };
    const second = await seedBadge(later, org.id, {
      name: 'Forklift',
      slug: 'forklift',
      imagePath: `badges/${org.id}/x.png`,
    });
    const api = new ApiClient(t.url, await createApiKey(t.laurel.deps, org), checker);

    const res = await api.get<{ data: Record<string, unknown>[]; pagination: unknown }>(
      '/api/v1/badges',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.pagination).toEqual({ limit: 50, offset: 0, total: 2 });
    expect(res.body.data.map((b) => b.id)).toEqual([second.id, first.id]);
    for (const b of res.body.data) expect(Object.keys(b).sort()).toEqual([...BADGE_FIELDS].sort());
    expect(res.body.data[1]).toEqual({
      id: first.id,
      name: 'First Aid',
      slug: 'first-aid',
      description: first.description,
      criteria: first.criteria,
      imageUrl: null,
      expiresInDays: 730,
      tags: ['safety'],
      isActive: true,
      createdAt: first.createdAt.toISOString(),
      publicUrl: `${t.url}/o/${org.slug}/badges/first-aid`,
      achievementUrl: `${t.url}/achievements/${org.slug}/first-aid`,
    });
    expect(res.body.data[0]).toMatchObject({
      imageUrl: `${t.url}/badge-images/${second.id}`,
      expiresInDays: null,
    });
  });

  it('pages with limit and offset, and filters by active', async () => {
    const { org } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
    const badges = [];
    for (let i = 0; i < 5; i++)
      badges.push(await seedBadge(t.laurel.deps, org.id, { slug: `b-${i}` }));
    await t.laurel.deps.uow.stores.badges.setActive(badges[0]!.id, false, new Date());
    const api = new ApiClient(t.url, await createApiKey(t.laurel.deps, org), checker);

    const page = await api.get<{ data: { id: string }[]; pagination: unknown }>(
      '/api/v1/badges?limit=2&offset=1',
    );
    expect(page.status).toBe(200);
    expect(page.body.pagination).toEqual({ limit: 2, offset: 1, total: 5 });
    expect(page.body.data).toHaveLength(2);
    const all = await api.get<{ data: { id: string; isActive: boolean }[] }>(
      '/api/v1/badges?limit=100',
    );
    expect(all.body.data.slice(1, 3).map((b) => b.id)).toEqual(page.body.data.map((b) => b.id));

    const inactive = await api.get<{ data: { id: string }[]; pagination: { total: number } }>(
      '/api/v1/badges?active=false',
    );
    expect(inactive.body.data.map((b) => b.id)).toEqual([badges[0]!.id]);
    expect(inactive.body.pagination.total).toBe(1);
    const active = await api.get<{ data: { isActive: boolean }[]; pagination: { total: number } }>(
      '/api/v1/badges?active=true',
    );
    expect(active.body.pagination.total).toBe(4);
    expect(active.body.data.every((b) => b.isActive)).toBe(true);

    const beyond = await api.get<{ data: unknown[]; pagination: unknown }>(
      '/api/v1/badges?offset=10',
    );
    expect(beyond.body).toEqual({ data: [], pagination: { limit: 50, offset: 10, total: 5 } });
  });

  it('refuses an invalid page with 400 VALIDATION_ERROR naming the field', async () => {
    const { org } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const api = new ApiClient(t.url, await createApiKey(t.laurel.deps, org), checker);
    for (const [query, field] of [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['active=yes', 'active'],
    ] as const) {
      const res = await api.get<{ error: string; details: { fields: Record<string, string> } }>(
        `/api/v1/badges?${query}`,
      );
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details.fields), query).toEqual([field]);
    }
  });

  it('gets one badge by id; a missing id is 404 NOT_FOUND', async () => {
    const { org } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const badge = await seedBadge(t.laurel.deps, org.id);
    const api = new ApiClient(t.url, await createApiKey(t.laurel.deps, org), checker);
    const listed = await api.get<{ data: unknown[] }>('/api/v1/badges');
    const res = await api.get(`/api/v1/badges/${badge.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(listed.body.data[0]);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await api.get(`/api/v1/badges/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
    }
  });

  it('isolates organizations: another org’s key gets 404 for this org’s badge, sees none of its badges, and nothing changes', async () => {
    const { org: mine } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const badge = await seedBadge(t.laurel.deps, mine.id);
    const { org: theirs } = await seedOrg(t.laurel.deps, { plan: 'enterprise' });
    const theirBadge = await seedBadge(t.laurel.deps, theirs.id);
    const intruder = new ApiClient(t.url, await createApiKey(t.laurel.deps, theirs), checker);

    const before = await snapshotState(t);
    const got = await intruder.get(`/api/v1/badges/${badge.id}`);
    expect(got.status).toBe(404);
    expect(got.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
    const listed = await intruder.get<{ data: { id: string }[] }>('/api/v1/badges');
    expect(listed.body.data.map((b) => b.id)).toEqual([theirBadge.id]);
    expect(await snapshotState(t)).toEqual(before);
  });
});
