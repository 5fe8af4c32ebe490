import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, uniqueEmail } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';

let t: TestApp;
let adminClient: WebClient;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await seedUser(t.laurel.deps, { platformAdmin: true });
  adminClient = await signedInClient(t.url, admin.email);
});
afterAll(() => t.close());

describe('the admin mailbox when SMTP delivers to real people', () => {
  it('lists a verification email but does not show its link to the admin', async () => {
    const email = uniqueEmail('private');
    await new WebClient(t.url).post('/register', {
      firstName: 'Pat',
      lastName: 'Private',
      email,
      password: 'Private-Pass-1!',
    });
    const row = await t.database.db
      .selectFrom('email_outbox')
      .select(['id', 'kind'])
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe('account.verify_email');

    const list = await adminClient.get(`/admin/mailbox?to=${encodeURIComponent(email)}`);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`/admin/mailbox/${row.id}`);

    const page = await adminClient.get(`/admin/mailbox/${row.id}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('/verify-email?token=');
    expect(page.html).toContain('only its recipient can read it');
    expect((await adminClient.get(`/admin/mailbox/${row.id}/html`)).status).toBe(404);
  });
});
