import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.ts';
import { createApiKey, seedBadge, seedIssuer, uniqueEmail } from '../factories/index.ts';
import type { TestApp } from '../support/app.ts';
import {
  ApiClient,
  snapshotState,
  startApiApps,
  type ContractChecker,
  type ExtraApp,
} from './api-support.ts';

/**
 * GET /api/v1/credentials, /api/v1/credentials/{credentialId} (reference: api/credentials.md)
 * and the recipient check GET /api/v1/credentials/check, over the real app.
 */

let t: TestApp;
let x: ExtraApp;
/** Two days on, when one-day credentials have expired. */
let later: ExtraApp;
let checker: ContractChecker;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, x, shifted: later, checker, close } = await startApiApps({ shiftBy: 2 * DAY }));
});
afterAll(() => close());

/** The list item of api/credentials.md, plus revocationReason and emailDelivery. */
const ITEM_FIELDS = [
  'id',
  'credentialId',
  'badgeId',
  'badgeName',
  'recipientName',
  'recipientEmail',
  'status',
  'issuanceDate',
  'expirationDate',
  'claimedAt',
  'revokedAt',
  'isPublic',
  'verificationUrl',
  'supersedesCredentialId',
  'supersededByCredentialId',
  'revocationReason',
  'emailDelivery',
];

interface Item {
  id: string;
  credentialId: string;
  badgeId: string;
  status: string;
  recipientName: string;
  recipientEmail: string;
  [field: string]: unknown;
}
interface Page {
  data: Item[];
  pagination: { limit: number; offset: number; total: number };
}
interface ApiError {
  error: string;
  message: string;
  details?: { reason?: string; fields?: Record<string, string> };
}

async function issuer(badge: Parameters<typeof seedBadge>[2] = {}) {
  const seeded = await seedIssuer(t.laurel.deps, { plan: 'enterprise', badge });
  const key = await createApiKey(t.laurel.deps, seeded.org);
  return { ...seeded, key, api: new ApiClient(x.url, key, checker) };
}

async function issue(api: ApiClient, badgeId: string, name: string, email = uniqueEmail()) {
  const res = await api.post<Item>('/api/v1/credentials', {
    badgeId,
    recipient: { name, email },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('listing credentials', () => {
  it('lists the organization’s credentials newest first, with exactly the documented fields', async () => {
    const i = await issuer({ name: 'Forklift', expiresInDays: 365 });
    const a = await issue(i.api, i.badge.id, 'Ada Lovelace');
    const b = await issue(i.api, i.badge.id, 'Grace Hopper');
    const res = await i.api.get<Page>('/api/v1/credentials');
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ limit: 50, offset: 0, total: 2 });
    expect(res.body.data.map((c) => c.id)).toEqual([b.id, a.id]);
    for (const c of res.body.data) expect(Object.keys(c).sort()).toEqual([...ITEM_FIELDS].sort());
    expect(res.body.data[1]).toEqual({
      id: a.id,
      credentialId: a.credentialId,
      badgeId: i.badge.id,
      badgeName: 'Forklift',
      recipientName: 'Ada Lovelace',
      recipientEmail: a.recipientEmail,
      status: 'pending',
      issuanceDate: a.issuanceDate,
      expirationDate: a.expirationDate,
      claimedAt: null,
      revokedAt: null,
      revocationReason: null,
      isPublic: true,
      verificationUrl: `${t.url}/verify/${a.credentialId}`,
      supersedesCredentialId: null,
      supersededByCredentialId: null,
      emailDelivery: {
        status: expect.stringMatching(/^(queued|sending|sent)$/) as unknown,
        lastError: null,
      },
    });
  });

  it('pages with limit and offset, and filters by badge, status and search', async () => {
    const i = await issuer({ expiresInDays: 1 });
    const forever = await seedBadge(t.laurel.deps, i.org.id, { name: 'Forever' });
    const [p1, p2, claimed, revoked] = [
      await issue(i.api, i.badge.id, 'Pending One'),
      await issue(i.api, i.badge.id, 'Pending Two'),
      await issue(i.api, forever.id, 'Claimed Person'),
      await issue(i.api, forever.id, 'Revoked Person', 'revoked.person@example.test'),
    ];
    await t.database.db
      .updateTable('credentials')
      .set({ claimed_at: new Date().toISOString() })
      .where('id', '=', claimed.id)
      .execute();
    expect(
      (
        await i.api.post(`/api/v1/credentials/${revoked.id}/revoke`, {
          reason: 'Issued in error',
        })
      ).status,
    ).toBe(200);

    const ids = async (query: string, api = i.api) => {
      const res = await api.get<Page>(`/api/v1/credentials?${query}`);
      expect(res.status, query).toBe(200);
      return res.body.data.map((c) => c.id);
    };
    expect(await ids('limit=2&offset=1')).toEqual([claimed.id, p2.id]);
    const page = await i.api.get<Page>('/api/v1/credentials?limit=2&offset=1');
    expect(page.body.pagination).toEqual({ limit: 2, offset: 1, total: 4 });
    expect(await ids(`badgeId=${i.badge.id}`)).toEqual([p2.id, p1.id]);
    expect(await ids('status=pending')).toEqual([p2.id, p1.id]);
    expect(await ids('status=valid')).toEqual([claimed.id]);
    expect(await ids('status=revoked')).toEqual([revoked.id]);
    expect(await ids('status=expired')).toEqual([]);
    // Two days on, the one-day credentials have expired.
    const future = new ApiClient(later.url, i.key, checker);
    expect(await ids('status=expired', future)).toEqual([p2.id, p1.id]);
    expect(await ids('status=pending', future)).toEqual([]);
    expect(await ids(`badgeId=${forever.id}&status=valid`)).toEqual([claimed.id]);
    expect(await ids('search=pending%20two')).toEqual([p2.id]);
    expect(await ids('search=REVOKED.PERSON@')).toEqual([revoked.id]);
    expect(await ids(`search=${claimed.credentialId.toLowerCase()}`)).toEqual([claimed.id]);
    expect(await ids('offset=10')).toEqual([]);

    const all = await i.api.get<Page>('/api/v1/credentials');
    expect(all.body.data.find((c) => c.id === revoked.id)).toMatchObject({
      status: 'revoked',
      revocationReason: 'Issued in error',
    });
    expect(all.body.data.find((c) => c.id === claimed.id)?.claimedAt).toEqual(expect.any(String));
  });

  it('refuses an invalid query with 400 VALIDATION_ERROR naming the parameter', async () => {
    const i = await issuer();
    for (const [query, field] of [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['status=active', 'status'],
      ['badgeId=not-a-uuid', 'badgeId'],
    ] as const) {
      const res = await i.api.get<ApiError>(`/api/v1/credentials?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!), query).toEqual([field]);
    }
  });
});

describe('getting a credential', () => {
  it('answers the list item plus the signed document exactly as stored', async () => {
    const i = await issuer();
    const c = await issue(i.api, i.badge.id, 'Ada Lovelace');
    const res = await i.api.get<Item & { ob3Credential: Record<string, unknown> }>(
      `/api/v1/credentials/${c.id}`,
    );
    expect(res.status).toBe(200);
    const { ob3Credential, ...item } = res.body;
    const listed = await i.api.get<Page>('/api/v1/credentials');
    // The worker may move the email on between the two reads.
    const stable = (c: Item) => ({ ...c, emailDelivery: expect.anything() as unknown });
    expect(stable(item)).toEqual(stable(listed.body.data[0]!));
    const row = await t.database.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(ob3Credential).toEqual(JSON.parse(row.document));
    expect(ob3Credential).toMatchObject({
      type: expect.arrayContaining(['VerifiableCredential']) as unknown,
      proof: expect.anything() as unknown,
    });
  });

  it('answers 404 for an unknown id, a malformed one, and the CRD- short id', async () => {
    const i = await issuer();
    const c = await issue(i.api, i.badge.id, 'Ada Lovelace');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', c.credentialId]) {
      const res = await i.api.get<ApiError>(`/api/v1/credentials/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'Credential not found.' });
    }
  });
});

describe('the recipient check', () => {
  const check = (api: ApiClient, badgeId: string, email: string) =>
    api.get<{ state: string; priorCredentialId: string | null; message: string } & ApiError>(
      `/api/v1/credentials/check?badgeId=${badgeId}&email=${encodeURIComponent(email)}`,
    );

  it('answers state, priorCredentialId and the banner text of the reference, and changes nothing', async () => {
    const i = await issuer();
    const timeBound = await seedBadge(t.laurel.deps, i.org.id, { expiresInDays: 1 });
    const email = uniqueEmail('check');
    const before = await snapshotState(t);
    const fresh = await check(i.api, i.badge.id, email);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({
      state: 'new',
      priorCredentialId: null,
      message: 'First-time recipient.',
    });
    expect(await snapshotState(t)).toEqual(before);

    const forever = await issue(i.api, i.badge.id, 'Jane', email);
    expect((await check(i.api, i.badge.id, ` ${email.toUpperCase()}`)).body).toEqual({
      state: 'active_non_expiring',
      priorCredentialId: forever.id,
      message: 'Recipient already has this credential.',
    });
    const bound = await issue(i.api, timeBound.id, 'Jane', email);
    expect((await check(i.api, timeBound.id, email)).body).toEqual({
      state: 'active_time_bound',
      priorCredentialId: bound.id,
      message: 'An active credential exists. It will be revoked and a new one issued.',
    });
    expect(
      (await check(new ApiClient(later.url, i.key, checker), timeBound.id, email)).body,
    ).toEqual({
      state: 'expired',
      priorCredentialId: bound.id,
      message: 'Renewing an expired credential.',
    });
    await i.api.post(`/api/v1/credentials/${forever.id}/revoke`, { reason: 'Mistake' });
    expect((await check(i.api, i.badge.id, email)).body).toEqual({
      state: 'revoked',
      priorCredentialId: forever.id,
      message: 'Issuing replaces a revoked credential.',
    });
  });

  it('answers 400 for a missing or malformed parameter and 404 for an unknown badge', async () => {
    const i = await issuer();
    const email = uniqueEmail();
    for (const [query, field] of [
      [`email=${email}`, 'badgeId'],
      [`badgeId=${i.badge.id}`, 'email'],
      [`badgeId=nope&email=${email}`, 'badgeId'],
      [`badgeId=${i.badge.id}&email=not-an-email`, 'email'],
    ] as const) {
      const res = await i.api.get<ApiError>(`/api/v1/credentials/check?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!), query).toEqual([field]);
    }
    const missing = await check(i.api, '00000000-0000-4000-8000-000000000000', email);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
  });
});
