import { userActor } from '../../src/core/authz/actor.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.ts';
import { generateSigningKeys } from '../../src/core/signing-keys/signing-keys.ts';
import { createApiKey, seedBadge, seedIssuer, seedOrg, uniqueEmail } from '../factories/index.ts';
import type { TestApp } from '../support/app.ts';
import { eventually } from '../support/eventually.ts';
import {
  ApiClient,
  snapshotState,
  startApiApps,
  type ContractChecker,
  type ExtraApp,
} from './api-support.ts';

/**
 * POST /api/v1/credentials (reference: api/credentials.md, "Issue a credential"): issuing,
 * every refusal, renewals, and Idempotency-Key on the real endpoint, over the real app.
 */

let t: TestApp;
/** The app, with limits raised: these tests send many requests from one address. */
let x: ExtraApp;
/** The same app two days on, for credentials that have expired by then. */
let later: ExtraApp;
let checker: ContractChecker;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, x, shifted: later, checker, close } = await startApiApps({ shiftBy: 2 * DAY }));
});
afterAll(() => close());

const ISSUED_FIELDS = [
  'id',
  'credentialId',
  'verificationUrl',
  'status',
  'issuanceDate',
  'expirationDate',
  'recipientName',
  'recipientEmail',
  'supersedesCredentialId',
  'isPublic',
  'evidenceUrl',
];

interface Issued {
  id: string;
  credentialId: string;
  verificationUrl: string;
  status: string;
  issuanceDate: string;
  expirationDate: string | null;
  recipientName: string;
  recipientEmail: string;
  supersedesCredentialId: string | null;
  isPublic: boolean;
  evidenceUrl: string | null;
}

interface ApiError {
  error: string;
  message: string;
  details?: Record<string, unknown> & { reason?: string; fields?: Record<string, string> };
}

interface Credential extends Omit<Issued, 'evidenceUrl'> {
  badgeId: string;
  revokedAt: string | null;
  revocationReason: string | null;
  supersededByCredentialId: string | null;
  emailDelivery: { status: string; lastError: string | null } | null;
}

/** An approved organization on Professional, with signing keys, a badge and an API key. */
async function issuer(badge: Parameters<typeof seedBadge>[2] = {}) {
  const seeded = await seedIssuer(t.laurel.deps, { plan: 'professional', badge });
  const key = await createApiKey(t.laurel.deps, seeded.org);
  return { ...seeded, api: new ApiClient(x.url, key, checker), key };
}

const issueBody = (badgeId: string, email: string, extra: Record<string, unknown> = {}) => ({
  badgeId,
  recipient: { name: 'Jane Doe', email },
  ...extra,
});

async function verify(credentialId: string) {
  const res = await fetch(`${x.url}/api/verify/${credentialId}`);
  return {
    status: res.status,
    body: (await res.json()) as {
      status: string;
      verification: { signatureValid: boolean; notRevoked: boolean; verified: boolean };
    },
  };
}

async function credentialRows(orgId: string) {
  return t.database.db
    .selectFrom('credentials')
    .select(['id', 'recipient_email', 'revoked_at'])
    .where('organization_id', '=', orgId)
    .execute();
}

describe('issuing a credential', () => {
  it('answers 201 with exactly the documented fields; the credential verifies and its email goes out', async () => {
    const i = await issuer({ name: 'First Aid', expiresInDays: 730 });
    const email = uniqueEmail('jane');
    const res = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([...ISSUED_FIELDS].sort());
    const c = res.body;
    expect(c).toMatchObject({
      status: 'pending',
      recipientName: 'Jane Doe',
      recipientEmail: email,
      supersedesCredentialId: null,
      isPublic: true,
      evidenceUrl: null,
      verificationUrl: `${t.url}/verify/${c.credentialId}`,
    });
    expect(c.credentialId).toMatch(/^CRD-[A-Z0-9]{8}$/);
    expect(new Date(c.expirationDate!).getTime() - new Date(c.issuanceDate).getTime()).toBe(
      730 * DAY,
    );

    const verified = await verify(c.credentialId);
    expect(verified.status).toBe(200);
    expect(verified.body.verification).toMatchObject({
      signatureValid: true,
      notRevoked: true,
      verified: true,
    });

    const [mail] = await t.smtp.waitFor((m) => m.some((e) => e.to.includes(email)));
    expect(mail).toBeDefined();
    // The delivery shows on the credential once the worker has sent it.
    const delivery = await eventually(
      async () => (await i.api.get<Credential>(`/api/v1/credentials/${c.id}`)).body.emailDelivery,
      (d) => d?.status === 'sent',
    );
    expect(delivery).toEqual({ status: 'sent', lastError: null });
  });

  it('takes evidenceUrl and isPublic: a private credential is issued private and never expires on a badge without expiry', async () => {
    const i = await issuer();
    const res = await i.api.post<Issued>(
      '/api/v1/credentials',
      issueBody(i.badge.id, uniqueEmail('private'), {
        evidenceUrl: 'https://example.org/projects/42',
        isPublic: false,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      isPublic: false,
      evidenceUrl: 'https://example.org/projects/42',
      expirationDate: null,
    });
    const got = await i.api.get<Credential & { ob3Credential: Record<string, unknown> }>(
      `/api/v1/credentials/${res.body.id}`,
    );
    expect(got.body.isPublic).toBe(false);
    expect(JSON.stringify(got.body.ob3Credential)).toContain('https://example.org/projects/42');
    // Private: the public verification endpoint tells nothing.
    expect((await fetch(`${x.url}/api/verify/${res.body.credentialId}`)).status).toBe(403);
  });

  it('suppresses the email when the organization turned emails off', async () => {
    const i = await issuer();
    await t.laurel.deps.uow.stores.organizations.setEmailsEnabled(i.org.id, false, new Date());
    const email = uniqueEmail('quiet');
    const res = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(res.status).toBe(201);
    const got = await i.api.get<Credential>(`/api/v1/credentials/${res.body.id}`);
    expect(got.body.emailDelivery).toEqual({ status: 'suppressed', lastError: null });
  });

  it('refuses a missing or malformed field with 400 VALIDATION_ERROR naming it, and changes nothing', async () => {
    const i = await issuer();
    const email = uniqueEmail('v');
    const cases: [unknown, string[]][] = [
      [{}, ['badgeId', 'recipient']],
      [issueBody('not-a-uuid', email), ['badgeId']],
      [{ badgeId: i.badge.id, recipient: { name: 'Jane' } }, ['recipient.email']],
      [issueBody(i.badge.id, 'not-an-email'), ['recipient.email']],
      [{ badgeId: i.badge.id, recipient: { name: '  ', email } }, ['recipient.name']],
      [issueBody(i.badge.id, email, { evidenceUrl: 'ftp://example.org/x' }), ['evidenceUrl']],
      [issueBody(i.badge.id, email, { isPublic: 'yes' }), ['isPublic']],
    ];
    const before = await snapshotState(t);
    for (const [body, fields] of cases) {
      const res = await i.api.post<ApiError>('/api/v1/credentials', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!).sort(), JSON.stringify(body)).toEqual(fields);
    }
    // A rule of the use case reads as a schema failure does, in the request's field names.
    const bad = await i.api.post<ApiError>(
      '/api/v1/credentials',
      issueBody(i.badge.id, 'not-an-email'),
    );
    expect(bad.body).toEqual({
      error: 'VALIDATION_ERROR',
      message: 'The request is invalid: recipient.email: Enter a valid email address.',
      details: { fields: { 'recipient.email': 'Enter a valid email address.' } },
    });
    const malformed = await i.api.post<ApiError>('/api/v1/credentials', '{"badgeId":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('VALIDATION_ERROR');
    expect(await snapshotState(t)).toEqual(before);
  });

  it('signs a recipient name sent with CRLF and a tab as LF and a space: the signed document holds them and verifies', async () => {
    const i = await issuer();
    const res = await i.api.post<Issued>('/api/v1/credentials', {
      badgeId: i.badge.id,
      recipient: { name: 'Jane\r\nDoe\tJr.', email: uniqueEmail('crlf') },
    });
    expect(res.status).toBe(201);
    expect(res.body.recipientName).toBe('Jane\nDoe Jr.');
    const stored = await t.database.db
      .selectFrom('credentials')
      .select(['recipient_name', 'document'])
      .where('short_id', '=', res.body.credentialId)
      .executeTakeFirstOrThrow();
    expect(stored.recipient_name).toBe('Jane\nDoe Jr.');
    const signed = JSON.parse(stored.document) as { credentialSubject: { name: string } };
    expect(signed.credentialSubject.name).toBe('Jane\nDoe Jr.');
    expect(stored.document).not.toMatch(/\\[rt]|[\r\t]/);
    const verified = await verify(res.body.credentialId);
    expect(verified.body.verification).toMatchObject({ signatureValid: true, verified: true });
  });

  it('refuses a control character in the recipient name with 400 naming recipient.name, and changes nothing', async () => {
    const i = await issuer();
    const before = await snapshotState(t);
    for (const [name, codePoint] of [
      ['Jane\u0007Doe', 'U+0007'],
      ['Jane Doe\u007f', 'U+007F'],
      ['\u0000Jane', 'U+0000'],
    ]) {
      const res = await i.api.post<ApiError>('/api/v1/credentials', {
        badgeId: i.badge.id,
        recipient: { name, email: uniqueEmail('bell') },
      });
      expect(res.status, codePoint).toBe(400);
      expect(res.body, codePoint).toEqual({
        error: 'VALIDATION_ERROR',
        message: `The request is invalid: recipient.name: Recipient name contains a control character (${codePoint}) that cannot be used in a credential. Remove it and try again.`,
        details: {
          fields: {
            'recipient.name': `Recipient name contains a control character (${codePoint}) that cannot be used in a credential. Remove it and try again.`,
          },
        },
      });
    }
    expect(await snapshotState(t)).toEqual(before);
  });

  it('answers 404 for a badge that is missing or another organization’s', async () => {
    const i = await issuer();
    const other = await seedIssuer(t.laurel.deps, { plan: 'enterprise' });
    const before = await snapshotState(t);
    for (const badgeId of ['00000000-0000-4000-8000-000000000000', other.badge.id]) {
      const res = await i.api.post<ApiError>(
        '/api/v1/credentials',
        issueBody(badgeId, uniqueEmail()),
      );
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
    }
    expect(await snapshotState(t)).toEqual(before);
  });

  it('answers 403 FORBIDDEN with the precise reason: ORG_NOT_APPROVED, NO_SIGNING_KEYS, BADGE_INACTIVE; nothing changes', async () => {
    const { deps } = t.laurel;
    const pending = await seedOrg(deps, { plan: 'professional', approved: false });
    const pendingBadge = await seedBadge(deps, pending.org.id);
    const keyless = await seedOrg(deps, { plan: 'professional' });
    const keylessBadge = await seedBadge(deps, keyless.org.id);
    const inactive = await issuer();
    await deps.uow.stores.badges.setActive(inactive.badge.id, false, new Date());

    const keylessApi = new ApiClient(
      x.url,
      await createApiKey(t.laurel.deps, keyless.org),
      checker,
    );
    const cases = [
      {
        api: new ApiClient(x.url, await createApiKey(t.laurel.deps, pending.org), checker),
        badgeId: pendingBadge.id,
        reason: 'ORG_NOT_APPROVED',
      },
      { api: keylessApi, badgeId: keylessBadge.id, reason: 'NO_SIGNING_KEYS' },
      { api: inactive.api, badgeId: inactive.badge.id, reason: 'BADGE_INACTIVE' },
    ];
    for (const c of cases) {
      const before = await snapshotState(t);
      const res = await c.api.post<ApiError>(
        '/api/v1/credentials',
        issueBody(c.badgeId, uniqueEmail()),
      );
      expect(res.status, c.reason).toBe(403);
      expect(res.body.error).toBe('FORBIDDEN');
      expect(res.body.details).toEqual({ reason: c.reason });
      expect(await snapshotState(t)).toEqual(before);
    }
    // Once the keys exist, the same request issues.
    await generateSigningKeys(deps, userActor(keyless.owner.id), keyless.org.id);
    const issued = await keylessApi.post(
      '/api/v1/credentials',
      issueBody(keylessBadge.id, uniqueEmail()),
    );
    expect(issued.status).toBe(201);
  });

  it('answers 403 QUOTA_EXCEEDED with limit, used and resetsAt once the month’s recipients are used up, never 429; a counted recipient still gets one', async () => {
    const i = await issuer({ expiresInDays: 365 });
    const counted = uniqueEmail('counted');
    expect((await i.api.post('/api/v1/credentials', issueBody(i.badge.id, counted))).status).toBe(
      201,
    );
    const now = new Date();
    const month = now.toISOString().slice(0, 7);
    await t.database.db
      .insertInto('quota_recipients')
      .values(
        Array.from({ length: 999 }, (_, n) => ({
          organization_id: i.org.id,
          month,
          email_normalized: `q${n}@example.test`,
          created_at: now.toISOString(),
        })),
      )
      .execute();
    const before = await snapshotState(t);
    const res = await i.api.post<ApiError>(
      '/api/v1/credentials',
      issueBody(i.badge.id, uniqueEmail('over')),
    );
    expect(res.status).toBe(403);
    const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(res.body).toEqual({
      error: 'FORBIDDEN',
      message: 'Monthly quota reached: your plan allows 1,000 unique recipients per month.',
      details: {
        reason: 'QUOTA_EXCEEDED',
        limit: 1000,
        used: 1000,
        resetsAt: resetsAt.toISOString(),
      },
    });
    expect(await snapshotState(t)).toEqual(before);
    // Renewing for a recipient already counted this month costs no slot.
    const renewed = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, counted));
    expect(renewed.status).toBe(201);
  });
});

describe('renewals and duplicates', () => {
  it('renews: an active time-bound credential is revoked ("Superseded by renewal"), an expired one superseded, a revoked one replaced', async () => {
    const i = await issuer({ expiresInDays: 1 });
    const email = uniqueEmail('renew');
    const check = async (api: ApiClient) =>
      (
        await api.get<{ state: string; priorCredentialId: string | null }>(
          `/api/v1/credentials/check?badgeId=${i.badge.id}&email=${encodeURIComponent(email)}`,
        )
      ).body;

    const first = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(first.status).toBe(201);
    expect(await check(i.api)).toEqual(
      expect.objectContaining({ state: 'active_time_bound', priorCredentialId: first.body.id }),
    );

    // Active and time-bound: revoked, then superseded.
    const second = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(second.status).toBe(201);
    expect(second.body.supersedesCredentialId).toBe(first.body.id);
    const prior = await i.api.get<Credential>(`/api/v1/credentials/${first.body.id}`);
    expect(prior.body).toMatchObject({
      status: 'revoked',
      revocationReason: 'Superseded by renewal',
      supersededByCredentialId: second.body.id,
    });
    expect((await verify(first.body.credentialId)).body.verification.notRevoked).toBe(false);
    expect((await verify(second.body.credentialId)).body.verification).toMatchObject({
      signatureValid: true,
      notRevoked: true,
    });

    // Two days on, the second has expired: the third supersedes it without revoking it.
    const future = new ApiClient(later.url, i.key, checker);
    expect(await check(future)).toEqual(
      expect.objectContaining({ state: 'expired', priorCredentialId: second.body.id }),
    );
    const third = await future.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(third.status).toBe(201);
    expect(third.body.supersedesCredentialId).toBe(second.body.id);
    const expired = await future.get<Credential>(`/api/v1/credentials/${second.body.id}`);
    expect(expired.body).toMatchObject({
      status: 'expired',
      revokedAt: null,
      supersededByCredentialId: third.body.id,
    });

    // Revoked: the next one replaces it.
    const revoked = await future.post(`/api/v1/credentials/${third.body.id}/revoke`, {
      reason: 'Wrong name',
    });
    expect(revoked.status).toBe(200);
    expect(await check(future)).toEqual(
      expect.objectContaining({ state: 'revoked', priorCredentialId: third.body.id }),
    );
    const fourth = await future.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email));
    expect(fourth.status).toBe(201);
    expect(fourth.body.supersedesCredentialId).toBe(third.body.id);
    expect((await credentialRows(i.org.id)).length).toBe(4);
  });

  it('answers 409 DUPLICATE_CREDENTIAL for an active non-expiring credential (email matched trimmed, any case), and changes nothing', async () => {
    const i = await issuer();
    const email = uniqueEmail('dup');
    expect((await i.api.post('/api/v1/credentials', issueBody(i.badge.id, email))).status).toBe(
      201,
    );
    const before = await snapshotState(t);
    for (const again of [email, `  ${email.toUpperCase()} `]) {
      const res = await i.api.post<ApiError>('/api/v1/credentials', issueBody(i.badge.id, again));
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        error: 'CONFLICT',
        message:
          'Recipient already has this credential. Revoke the existing one first if you need to re-issue it.',
        details: { reason: 'DUPLICATE_CREDENTIAL' },
      });
    }
    expect(await snapshotState(t)).toEqual(before);
  });

  it('of five simultaneous issues to one recipient of a non-expiring badge, exactly one succeeds', async () => {
    const i = await issuer();
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        i.api.post<ApiError>('/api/v1/credentials', issueBody(i.badge.id, email)),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((r) => r.status === 409))
      expect(r.body.details?.reason).toBe('DUPLICATE_CREDENTIAL');
    expect(await credentialRows(i.org.id)).toHaveLength(1);
  });
});

describe('Idempotency-Key on issuing', () => {
  // A time-bound badge: running the request twice would renew, so a second row would show it.
  it('replays the same credential for the same key and body, and refuses the key with another body', async () => {
    const i = await issuer({ expiresInDays: 30 });
    const email = uniqueEmail('idem');
    const headers = { 'idempotency-key': `issue-${email}` };
    const first = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email), {
      headers,
    });
    expect(first.status).toBe(201);
    const again = await i.api.post<Issued>('/api/v1/credentials', issueBody(i.badge.id, email), {
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await credentialRows(i.org.id)).toHaveLength(1);

    const before = await snapshotState(t);
    const other = await i.api.post<ApiError>(
      '/api/v1/credentials',
      issueBody(i.badge.id, uniqueEmail('other')),
      { headers },
    );
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({
      error: 'CONFLICT',
      details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await snapshotState(t)).toEqual(before);
  });

  it('five simultaneous requests with one key make exactly one credential', async () => {
    const i = await issuer({ expiresInDays: 30 });
    const email = uniqueEmail('idem-race');
    const headers = { 'idempotency-key': `race-${email}` };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        i.api.post<Issued & ApiError>('/api/v1/credentials', issueBody(i.badge.id, email), {
          headers,
        }),
      ),
    );
    const rows = await credentialRows(i.org.id);
    expect(rows).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) expect(r.body.id).toBe(rows[0]!.id);
      else {
        expect(r.status).toBe(409);
        expect(r.body.details?.reason).toBe('IDEMPOTENCY_IN_PROGRESS');
      }
    }
    expect(
      results.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed')),
    ).toHaveLength(1);
  });
});
