import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient, linkIn, pathOf } from '../support/http-client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

describe('register → verify → sign in', () => {
  it('creates the account, emails a verification link over SMTP, and signs in after verifying', async () => {
    const email = uniqueEmail('jane');
    const client = new WebClient(t.url);
    expect((await client.get('/register')).status).toBe(200);

    const registered = await client.post('/register', {
      firstName: 'Jane',
      lastName: 'Doe',
      email,
      password: 'Str0ng-Password!',
    });
    expect(registered.status).toBe(303);
    expect(registered.location).toBe(`/login?email=${encodeURIComponent(email)}`);

    // Before verifying, sign-in answers EMAIL_NOT_VERIFIED with a way to resend.
    const early = await client.post('/login', { email, password: 'Str0ng-Password!' });
    expect(early.status).toBe(403);
    expect(early.html).toContain('EMAIL_NOT_VERIFIED');
    expect(early.html).toContain(`/resend-verification?email=${encodeURIComponent(email)}`);
    expect(client.hasSession()).toBe(false);

    const [mail] = await t.smtp.waitFor((m) => m.some((x) => x.to.includes(email)));
    const message = t.smtp.messages.find((x) => x.to.includes(email))!;
    expect(mail).toBeDefined();
    expect(message.html).toContain('/verify-email?token=');
    expect(message.text).toContain('/verify-email?token=');
    const link = linkIn(message.text, '/verify-email?token=');

    const verified = await client.get(pathOf(link));
    expect(verified.status).toBe(303);
    expect(verified.location).toBe('/login');

    const signedIn = await client.post('/login', {
      email: `  ${email.toUpperCase()} `,
      password: 'Str0ng-Password!',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/dashboard');
    const dashboard = await client.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('Welcome, Jane');

    // The verification link works once.
    const again = await new WebClient(t.url).get(pathOf(link));
    expect(again.status).toBe(404);
  });
});
