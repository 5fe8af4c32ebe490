import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, seedUser, uniqueEmail } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient, linkIn } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

const countUsers = async () =>
  (await t.database.db.selectFrom('users').select('id').execute()).length;

describe('sign-up rules', () => {
  it('refuses a weak password, saying what is missing, and creates nothing', async () => {
    const before = await countUsers();
    const client = new WebClient(t.url);
    const res = await client.post('/register', {
      firstName: 'A',
      lastName: 'B',
      email: uniqueEmail(),
      password: 'alllowercase',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('an upper-case letter');
    expect(res.html).toContain('a number');
    expect(res.html).toContain('a symbol');
    expect(await countUsers()).toBe(before);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const user = await seedUser(t.laurel.deps);
    const before = await countUsers();
    const res = await new WebClient(t.url).post('/register', {
      firstName: 'A',
      lastName: 'B',
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(409);
    expect(await countUsers()).toBe(before);
  });
});

describe('CSRF', () => {
  it('refuses a form posted without the token and changes nothing', async () => {
    const before = await countUsers();
    const res = await fetch(`${t.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        firstName: 'A',
        lastName: 'B',
        email: uniqueEmail(),
        password: TEST_PASSWORD,
      }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(await countUsers()).toBe(before);
  });

  it("refuses another browser's token", async () => {
    const user = await seedUser(t.laurel.deps);
    const victim = await signedInClient(t.url, user.email);
    const attacker = new WebClient(t.url);
    await attacker.get('/login');
    const res = await victim.post('/organizations/new', {
      _csrf: attacker.csrf!,
      name: 'Sneaky Org',
    });
    expect(res.status).toBe(403);
    const orgs = await t.database.db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Sneaky Org')
      .execute();
    expect(orgs).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite session cookie, rotates it on sign-in and ends it on sign-out', async () => {
    const user = await seedUser(t.laurel.deps);
    const res = await fetch(`${t.url}/login`, { redirect: 'manual' });
    const csrf = /laurel_csrf=([^;]+)/.exec(res.headers.getSetCookie().join(';'))![1]!;
    const signIn = (planted?: string) =>
      fetch(`${t.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `laurel_csrf=${csrf}${planted ? `; laurel_session=${planted}` : ''}`,
        },
        body: new URLSearchParams({
          _csrf: csrf,
          email: user.email,
          password: TEST_PASSWORD,
        }).toString(),
      });
    const first = await signIn();
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith('laurel_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = /laurel_session=([^;]+)/.exec(cookie)![1]!;
    // Only the token's hash is stored.
    const stored = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);

    const second = await signIn(token);
    const token2 = /laurel_session=([^;]+)/.exec(
      second.headers.getSetCookie().find((c) => c.startsWith('laurel_session='))!,
    )![1]!;
    expect(token2).not.toBe(token);
    const old = await fetch(`${t.url}/dashboard`, {
      redirect: 'manual',
      headers: { cookie: `laurel_session=${token}` },
    });
    expect(old.status).toBe(303);

    const client = await signedInClient(t.url, user.email);
    expect((await client.get('/dashboard')).status).toBe(200);
    await client.post('/logout');
    expect(client.hasSession()).toBe(false);
    expect((await client.get('/dashboard')).status).toBe(303);
  });

  it('keeps ?redirect= for same-site paths only', async () => {
    const user = await seedUser(t.laurel.deps);
    for (const [redirect, expected] of [
      ['/organizations/new', '/organizations/new'],
      ['//evil.example/x', '/dashboard'],
      ['https://evil.example', '/dashboard'],
      ['/\\evil.example', '/dashboard'],
    ] as const) {
      const client = new WebClient(t.url);
      const res = await client.post('/login', {
        email: user.email,
        password: TEST_PASSWORD,
        redirect,
      });
      expect(res.location, redirect).toBe(expected);
    }
  });

  it('sends a visitor to sign-in and back', async () => {
    const res = await new WebClient(t.url).get('/organizations/new');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?redirect=%2Forganizations%2Fnew');
  });
});

describe('throttling', () => {
  it('allows 3 verification resends per 15 minutes per email', async () => {
    const email = uniqueEmail('resend');
    const client = new WebClient(t.url);
    await client.post('/register', {
      firstName: 'R',
      lastName: 'S',
      email,
      password: TEST_PASSWORD,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.post('/resend-verification', { email })).status);
    expect(statuses).toEqual([303, 303, 303, 429]);
    // 1 on sign-up + 3 resends, all delivered over SMTP.
    await t.smtp.waitFor((m) => m.filter((x) => x.to.includes(email)).length === 4);
  });

  it('throttles repeated wrong passwords for one account', async () => {
    const user = await seedUser(t.laurel.deps);
    const client = new WebClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await client.post('/login', { email: user.email, password: 'Wrong-password-1!' })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits out the window.
    expect(
      (await client.post('/login', { email: user.email, password: TEST_PASSWORD })).status,
    ).toBe(429);
  });
});

describe('password reset', () => {
  it('emails a one-time link, sets the new password and ends every session', async () => {
    const user = await seedUser(t.laurel.deps);
    const session = await signedInClient(t.url, user.email);
    const client = new WebClient(t.url);
    expect((await client.post('/forgot-password', { email: user.email })).status).toBe(303);
    // An unknown email gets the same answer and no mail.
    expect((await client.post('/forgot-password', { email: uniqueEmail('nobody') })).status).toBe(
      303,
    );
    await t.smtp.waitFor((m) =>
      m.some((x) => x.to.includes(user.email) && x.text.includes('/reset-password?token=')),
    );
    const mail = t.smtp.messages.find(
      (x) => x.to.includes(user.email) && x.text.includes('/reset-password?token='),
    )!;
    const token = new URL(linkIn(mail.text, '/reset-password?token=')).searchParams.get('token')!;

    const weak = await client.post('/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const done = await client.post('/reset-password', { token, password: 'New-Password-99!' });
    expect(done.status).toBe(303);
    expect(
      (await client.post('/reset-password', { token, password: 'Other-Password-99!' })).status,
    ).toBe(404);

    expect((await session.get('/dashboard')).status).toBe(303);
    expect(
      (await new WebClient(t.url).post('/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    expect(
      (
        await new WebClient(t.url).post('/login', {
          email: user.email,
          password: 'New-Password-99!',
        })
      ).status,
    ).toBe(303);
  });
});

describe('security headers', () => {
  it('sends a CSP without inline script and the usual protections', async () => {
    const res = await fetch(`${t.url}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('sends the same protections on a page that does not exist and on a public document', async () => {
    for (const path of ['/no-such-page', '/api/no-such-endpoint', '/.well-known/no-such-file']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('refuses an oversized form body', async () => {
    const client = new WebClient(t.url);
    const res = await client.post('/login', {
      email: 'x@example.test',
      password: 'p'.repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
  });
});

describe('changing the password', () => {
  it('needs the current password, then ends every other session and keeps this one', async () => {
    const user = await seedUser(t.laurel.deps);
    const here = await signedInClient(t.url, user.email);
    const elsewhere = await signedInClient(t.url, user.email);
    expect((await here.get('/account')).status).toBe(200);

    const wrong = await here.post('/account/password', {
      currentPassword: 'Not-the-password-1!',
      newPassword: 'Brand-New-Pass-7!',
    });
    expect(wrong.status).toBe(400);
    expect((await elsewhere.get('/dashboard')).status).toBe(200);

    const changed = await here.post('/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Brand-New-Pass-7!',
    });
    expect(changed.status).toBe(303);
    expect((await here.get('/dashboard')).status).toBe(200);
    expect((await elsewhere.get('/dashboard')).status).toBe(303);
    expect(
      (
        await new WebClient(t.url).post('/login', {
          email: user.email,
          password: 'Brand-New-Pass-7!',
        })
      ).status,
    ).toBe(303);
  });
});

describe('throttling under concurrency', () => {
  it('a burst of parallel wrong passwords cannot slip past the per-account limit', async () => {
    const user = await seedUser(t.laurel.deps);
    const client = new WebClient(t.url);
    await client.get('/login');
    const statuses = await Promise.all(
      Array.from({ length: 16 }, () =>
        client
          .post('/login', { email: user.email, password: 'Wrong-password-1!' })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
  });
});

describe('email links per client', () => {
  it('limits how many verification and reset emails one IP can ask for, across addresses', async () => {
    const client = new WebClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await client.post('/forgot-password', { email: uniqueEmail('spray') })).status,
      );
      statuses.push(
        (await client.post('/resend-verification', { email: uniqueEmail('spray') })).status,
      );
    }
    // Earlier tests in this file asked for a few links from the same address, so count from the end.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 303).length).toBeLessThanOrEqual(20);
  });
});
