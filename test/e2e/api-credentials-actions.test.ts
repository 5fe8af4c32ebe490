import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.ts';
import { createApiKey, seedIssuer, uniqueEmail } from '../factories/index.ts';
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
 * Beyond the reference: POST /api/v1/credentials/{id}/revoke and /resend, the list's Revoke
 * and Resend email over the API, with the rules of the web app (revoking-credentials.md,
 * issuing-a-credential.md "Email notifications").
 */

let t: TestApp;
let x: ExtraApp;
/** Eight days on: past the resend cooldown. */
let nextWeek: ExtraApp;
let checker: ContractChecker;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, x, shifted: nextWeek, checker, close } = await startApiApps({ shiftBy: 8 * DAY }));
});
afterAll(() => close());

interface Item {
  id: string;
  credentialId: string;
  status: string;
  revokedAt: string | null;
  revocationReason: string | null;
  emailDelivery: { status: string; lastError: string | null } | null;
}
interface ApiError {
  error: string;
  message: string;
  details?: { reason?: string; fields?: Record<string, string>; availableAt?: string };
}

async function issued() {
  const seeded = await seedIssuer(t.laurel.deps, { plan: 'enterprise' });
  const key = await createApiKey(t.laurel.deps, seeded.org);
  const api = new ApiClient(x.url, key, checker);
  const email = uniqueEmail('recipient');
  const res = await api.post<Item>('/api/v1/credentials', {
    badgeId: seeded.badge.id,
    recipient: { name: 'Jane Doe', email },
  });
  expect(res.status).toBe(201);
  return { ...seeded, key, api, email, credential: res.body };
}

async function verification(credentialId: string) {
  const res = await fetch(`${x.url}/api/verify/${credentialId}`);
  return ((await res.json()) as { verification: { signatureValid: boolean; notRevoked: boolean } })
    .verification;
}

/** Waits for the worker to have sent the credential's current email. */
function sent(api: ApiClient, id: string): Promise<Item> {
  return eventually(
    async () => (await api.get<Item>(`/api/v1/credentials/${id}`)).body,
    (item) => item.emailDelivery?.status === 'sent',
    { message: `the email of ${id} was not sent` },
  );
}

describe('revoking a credential', () => {
  it('revokes with a reason: 200 with the credential, and verification fails the revocation check at once', async () => {
    const i = await issued();
    expect(await verification(i.credential.credentialId)).toMatchObject({
      signatureValid: true,
      notRevoked: true,
    });
    const res = await i.api.post<Item>(`/api/v1/credentials/${i.credential.id}/revoke`, {
      reason: '  Recipient withdrew from program.  ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: i.credential.id,
      status: 'revoked',
      revocationReason: 'Recipient withdrew from program.',
      revokedAt: expect.any(String) as unknown,
    });
    const listed = await i.api.get<{ data: Item[] }>('/api/v1/credentials');
    // The worker may move the issuance email on between the two reads.
    const stable = (c: Item) => ({ ...c, emailDelivery: expect.anything() as unknown });
    expect(stable(listed.body.data[0]!)).toEqual(stable(res.body));
    expect(await verification(i.credential.credentialId)).toMatchObject({
      signatureValid: true,
      notRevoked: false,
    });
  });

  it('refuses an empty, missing or overlong reason (400), an unknown credential (404) and a second revocation (409 ALREADY_REVOKED); nothing changes', async () => {
    const i = await issued();
    const path = `/api/v1/credentials/${i.credential.id}/revoke`;
    const before = await snapshotState(t);
    for (const body of [{ reason: '   ' }, {}, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
      const res = await i.api.post<ApiError>(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!)).toEqual(['reason']);
    }
    const empty = await i.api.post<ApiError>(path, { reason: '' });
    expect(empty.body).toEqual({
      error: 'VALIDATION_ERROR',
      message: 'The request is invalid: reason: Give a reason for the revocation.',
      details: { fields: { reason: 'Give a reason for the revocation.' } },
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const res = await i.api.post<ApiError>(`/api/v1/credentials/${id}/revoke`, {
        reason: 'Gone',
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'Credential not found.' });
    }
    expect(await snapshotState(t)).toEqual(before);

    expect((await i.api.post(path, { reason: 'First' })).status).toBe(200);
    const revokedState = await snapshotState(t);
    const again = await i.api.post<ApiError>(path, { reason: 'Second' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'CONFLICT',
      message: 'This credential is already revoked.',
      details: { reason: 'ALREADY_REVOKED' },
    });
    expect(await snapshotState(t)).toEqual(revokedState);
  });

  it('with an Idempotency-Key, a retried revocation replays the 200 instead of answering 409', async () => {
    const i = await issued();
    const path = `/api/v1/credentials/${i.credential.id}/revoke`;
    const headers = { 'idempotency-key': `revoke-${i.credential.id}` };
    const first = await i.api.post<Item>(path, { reason: 'Duplicate' }, { headers });
    const retry = await i.api.post<Item>(path, { reason: 'Duplicate' }, { headers });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });
});

describe('resending the credential email', () => {
  it('answers 409 EMAIL_COOLDOWN with availableAt within 7 days of the last send; afterwards 202 and a new email is queued', async () => {
    const i = await issued();
    const path = `/api/v1/credentials/${i.credential.id}/resend`;
    await t.smtp.waitFor((m) => m.some((e) => e.to.includes(i.email)));
    await sent(i.api, i.credential.id);
    const row = await t.database.db
      .selectFrom('credentials')
      .innerJoin('email_outbox', 'email_outbox.id', 'credentials.email_outbox_id')
      .select(['email_outbox.sent_at'])
      .where('credentials.id', '=', i.credential.id)
      .executeTakeFirstOrThrow();
    const availableAt = new Date(new Date(row.sent_at!).getTime() + 7 * DAY).toISOString();

    const before = await snapshotState(t);
    const early = await i.api.post<ApiError>(path, undefined);
    expect(early.status).toBe(409);
    expect(early.body).toEqual({
      error: 'CONFLICT',
      message: `This email was sent recently. You can resend it from ${availableAt.slice(0, 10)}.`,
      details: { reason: 'EMAIL_COOLDOWN', availableAt },
    });
    expect(await snapshotState(t)).toEqual(before);

    const later = new ApiClient(nextWeek.url, i.key, checker);
    const res = await later.post(path, undefined);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: true });
    // Queued a week from now by that app's clock, the real worker leaves it for then: the
    // credential now points at a new email to the recipient.
    const resent = await later.get<Item>(`/api/v1/credentials/${i.credential.id}`);
    expect(resent.body.emailDelivery).toEqual({ status: 'queued', lastError: null });
    const outbox = await t.database.db
      .selectFrom('email_outbox')
      .select(['id'])
      .where('to_address', '=', i.email)
      .execute();
    expect(outbox).toHaveLength(2);
  });

  it('resends at once when the last send failed, and shows why it failed', async () => {
    const i = await issued();
    await sent(i.api, i.credential.id);
    const { emailOutboxId } = await t.laurel.deps.uow.stores.credentials
      .findInOrganization(i.org.id, i.credential.id)
      .then((c) => ({ emailOutboxId: c!.emailOutboxId! }));
    await t.database.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: '550 mailbox unavailable' })
      .where('id', '=', emailOutboxId)
      .execute();
    const got = await i.api.get<Item>(`/api/v1/credentials/${i.credential.id}`);
    expect(got.body.emailDelivery).toEqual({
      status: 'failed',
      lastError: '550 mailbox unavailable',
    });
    const res = await i.api.post(`/api/v1/credentials/${i.credential.id}/resend`, undefined);
    expect(res.status).toBe(202);
    expect((await sent(i.api, i.credential.id)).emailDelivery?.status).toBe('sent');
  });

  it('answers 403 EMAILS_DISABLED when the organization turned emails off, 409 CREDENTIAL_REVOKED for a revoked credential, 404 for an unknown one; nothing changes', async () => {
    const i = await issued();
    const later = new ApiClient(nextWeek.url, i.key, checker);
    const path = `/api/v1/credentials/${i.credential.id}/resend`;
    await t.laurel.deps.uow.stores.organizations.setEmailsEnabled(i.org.id, false, new Date());
    let before = await snapshotState(t);
    const disabled = await later.post<ApiError>(path, undefined);
    expect(disabled.status).toBe(403);
    expect(disabled.body).toEqual({
      error: 'FORBIDDEN',
      message: 'Email notifications are turned off for this organization.',
      details: { reason: 'EMAILS_DISABLED' },
    });
    expect(await snapshotState(t)).toEqual(before);
    await t.laurel.deps.uow.stores.organizations.setEmailsEnabled(i.org.id, true, new Date());

    expect(
      (await i.api.post(`/api/v1/credentials/${i.credential.id}/revoke`, { reason: 'Mistake' }))
        .status,
    ).toBe(200);
    before = await snapshotState(t);
    const revoked = await later.post<ApiError>(path, undefined);
    expect(revoked.status).toBe(409);
    expect(revoked.body.details).toEqual({ reason: 'CREDENTIAL_REVOKED' });
    const missing = await later.post<ApiError>(
      '/api/v1/credentials/00000000-0000-4000-8000-000000000000/resend',
      undefined,
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'NOT_FOUND', message: 'Credential not found.' });
    expect(await snapshotState(t)).toEqual(before);
  });
});
