import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, seedIssuer, uniqueEmail } from '../factories/index.ts';
import { tinyPng } from '../factories/images.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ApiClient, ContractChecker, snapshotState, type ApiResponse } from './api-support.ts';

/**
 * An API key reaches only its own organization. Every v1 route the app registers is called
 * with another organization's valid key on this organization's ids: each answers exactly as
 * for an id that does not exist (404), or a list without this organization's rows, and the
 * database is unchanged. The routes come from the app, so a new route without a case here
 * fails the first test.
 */

let t: TestApp;
let checker: ContractChecker;
beforeAll(async () => {
  t = await startTestApp();
  checker = await ContractChecker.load(t.url);
});
afterAll(() => t.close());

/** This organization's ids, or ids that exist nowhere. */
interface Ids {
  badgeId: string;
  credentialId: string;
  email: string;
}

type Json = Record<string, unknown>;
type Page = { data: { id: string }[]; pagination: { total: number } };

interface Case {
  /** Sends the request with the intruder's key. */
  send(api: ApiClient, ids: Ids): Promise<ApiResponse<Json>>;
  /** 'not-found': 404 exactly as for ids that exist nowhere; otherwise a check of its own. */
  expect: 'not-found' | ((res: ApiResponse<Json>) => void);
}

function cases(mine: Ids): Record<string, Case> {
  const listsNothingOfMine = (res: ApiResponse<Json>) => {
    expect(res.status).toBe(200);
    const ids = (res.body as unknown as Page).data.map((d) => d.id);
    expect(ids).not.toContain(mine.badgeId);
    expect(ids).not.toContain(mine.credentialId);
  };
  const notFound = 'not-found' as const;
  return {
    'GET /api/v1/badges': { send: (api) => api.get('/api/v1/badges'), expect: listsNothingOfMine },
    'GET /api/v1/badges/:badgeId': {
      send: (api, ids) => api.get(`/api/v1/badges/${ids.badgeId}`),
      expect: notFound,
    },
    'PATCH /api/v1/badges/:badgeId': {
      send: (api, ids) =>
        api.request('PATCH', `/api/v1/badges/${ids.badgeId}`, { body: { criteria: 'Taken over' } }),
      expect: notFound,
    },
    'DELETE /api/v1/badges/:badgeId': {
      send: (api, ids) => api.request('DELETE', `/api/v1/badges/${ids.badgeId}`),
      expect: notFound,
    },
    'POST /api/v1/credentials': {
      send: (api, ids) =>
        api.post('/api/v1/credentials', {
          badgeId: ids.badgeId,
          recipient: { name: 'Mallory', email: ids.email },
        }),
      expect: notFound,
    },
    'GET /api/v1/credentials': {
      send: (api, ids) => api.get(`/api/v1/credentials?badgeId=${ids.badgeId}`),
      expect: (res) => {
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ data: [], pagination: { limit: 50, offset: 0, total: 0 } });
      },
    },
    'GET /api/v1/credentials/check': {
      send: (api, ids) =>
        api.get(
          `/api/v1/credentials/check?badgeId=${ids.badgeId}&email=${encodeURIComponent(ids.email)}`,
        ),
      expect: notFound,
    },
    'GET /api/v1/credentials/:credentialId': {
      send: (api, ids) => api.get(`/api/v1/credentials/${ids.credentialId}`),
      expect: notFound,
    },
    'POST /api/v1/credentials/:credentialId/revoke': {
      send: (api, ids) =>
        api.post(`/api/v1/credentials/${ids.credentialId}/revoke`, { reason: 'Taken over' }),
      expect: notFound,
    },
    'POST /api/v1/credentials/:credentialId/resend': {
      send: (api, ids) => api.post(`/api/v1/credentials/${ids.credentialId}/resend`, undefined),
      expect: notFound,
    },
    // Addressed by no id: it creates in the caller's own organization (checked below).
    'POST /api/v1/badges': {
      send: (api) => {
        const form = new FormData();
        form.append('name', 'Intruder badge');
        form.append('description', 'Made with another organization’s key.');
        form.append('criteria', 'None.');
        form.append('image', new Blob([tinyPng()], { type: 'image/png' }), 'badge.png');
        return api.post('/api/v1/badges', form);
      },
      expect: (res) => expect(res.status).toBe(201),
    },
  };
}

describe('organization isolation of the v1 API', () => {
  it('every route answers another organization’s key as if this organization’s ids did not exist, and changes nothing of it', async () => {
    const { deps } = t.laurel;
    // A time-bound badge: an issue that got through would renew, and show.
    const me = await seedIssuer(deps, { plan: 'enterprise', badge: { expiresInDays: 30 } });
    const myApi = new ApiClient(t.url, await createApiKey(t.laurel.deps, me.org), checker);
    const email = uniqueEmail('mine');
    const issued = await myApi.post<{ id: string }>('/api/v1/credentials', {
      badgeId: me.badge.id,
      recipient: { name: 'Jane Doe', email },
    });
    expect(issued.status).toBe(201);
    const mine: Ids = { badgeId: me.badge.id, credentialId: issued.body.id, email };
    const nowhere: Ids = {
      badgeId: '00000000-0000-4000-8000-000000000000',
      credentialId: '00000000-0000-4000-8000-000000000001',
      email: uniqueEmail('nobody'),
    };

    // The intruder: a real organization with badges and credentials of its own.
    const them = await seedIssuer(deps, { plan: 'enterprise' });
    const intruder = new ApiClient(t.url, await createApiKey(t.laurel.deps, them.org), checker);
    expect(
      (
        await intruder.post('/api/v1/credentials', {
          badgeId: them.badge.id,
          recipient: { name: 'Their Recipient', email: uniqueEmail('theirs') },
        })
      ).status,
    ).toBe(201);

    const table = cases(mine);
    const routes = t.app.apiRoutes.filter((r) => r.documented).map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(table).sort()).toEqual([...routes].sort());

    for (const [route, c] of Object.entries(table)) {
      const before = await snapshotState(t);
      const res = await c.send(intruder, mine);
      if (c.expect === 'not-found') {
        expect(res.status, route).toBe(404);
        const missing = await c.send(intruder, nowhere);
        expect(res.body, route).toEqual(missing.body);
      } else c.expect(res);

      const after = await snapshotState(t);
      if (route === 'POST /api/v1/badges') {
        // The one row it adds is the intruder's own badge.
        const added = after.badges.filter((b) => !before.badges.some((o) => o.id === b.id));
        expect(added.map((b) => b.organization_id)).toEqual([them.org.id]);
        expect({ ...after, badges: after.badges.filter((b) => !added.includes(b)) }).toEqual(
          before,
        );
      } else expect(after, route).toEqual(before);
    }

    // And this organization still sees all of its own.
    const own = await myApi.get<Page>('/api/v1/credentials');
    expect(own.body.data.map((c) => c.id)).toEqual([mine.credentialId]);
    expect((await myApi.get(`/api/v1/credentials/${mine.credentialId}`)).status).toBe(200);
  });
});
