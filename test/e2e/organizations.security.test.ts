import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization, User } from '../../src/core/entities.ts';
import { addMember, seedOrg, seedUser, TEST_PASSWORD } from '../factories/index.ts';
import { snapshotTables } from '../support/snapshot.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { WebClient, type PageResponse } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestApp;
/** Organization A with one member of each role; organization B with its own owner. */
let orgA: Organization;
let orgB: Organization;
let ownerA: User;
let adminA: User;
let issuerA: User;
let viewerA: User;
let ownerB: User;
let platformAdmin: User;

beforeAll(async () => {
  t = await startTestApp();
  const deps = t.laurel.deps;
  platformAdmin = await seedUser(deps, { platformAdmin: true });
  ({ org: orgA, owner: ownerA } = await seedOrg(deps, { name: 'Alpha Academy' }));
  ({ org: orgB, owner: ownerB } = await seedOrg(deps, { name: 'Beta Bootcamp' }));
  adminA = await addMember(deps, orgA.id, 'admin');
  issuerA = await addMember(deps, orgA.id, 'issuer');
  viewerA = await addMember(deps, orgA.id, 'viewer');
});
afterAll(() => t.close());

/** Every row a refused request must leave alone, and the stored logo files. */
async function snapshot() {
  return { ...(await snapshotTables(t.database.db)), logos: logoFiles() };
}

function logoFiles(): string[] {
  const dir = path.join(t.dataDir, 'uploads', 'logos');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function pngForm(): FormData {
  const form = new FormData();
  form.append('logo', new Blob([PNG], { type: 'image/png' }), 'logo.png');
  return form;
}

/** The forms someone could post about organization `id`, with harmless valid fields. */
function orgPosts(
  id: string,
  memberId: string,
): { path: string; fields: Record<string, string> }[] {
  return [
    {
      path: `/organizations/${id}`,
      fields: {
        name: 'Taken Over',
        slug: 'taken-over',
        website: 'https://evil.example',
        description: 'pwned',
      },
    },
    { path: `/organizations/${id}/resubmit`, fields: {} },
    { path: `/organizations/${id}/notifications`, fields: {} },
    { path: `/organizations/${id}/logo/delete`, fields: {} },
    {
      path: `/organizations/${id}/team/invitations`,
      fields: { email: 'intruder@example.test', role: 'owner' },
    },
    { path: `/organizations/${id}/team/members/${memberId}/role`, fields: { role: 'viewer' } },
    { path: `/organizations/${id}/team/members/${memberId}/remove`, fields: {} },
    { path: `/organizations/${id}/team/leave`, fields: {} },
  ];
}

/** A 404 page with the requested id taken out, to compare "someone else's" with "missing". */
function normalized(res: PageResponse, id: string): { status: number; html: string } {
  return { status: res.status, html: res.html.split(id).join('{id}') };
}

describe("another organization's id answers exactly like a missing one", () => {
  it('GET /organizations/{id} and /team: 404 with the same page', async () => {
    const outsider = await signedInClient(t.url, ownerB.email);
    const missing = randomUUID();
    for (const suffix of ['', '/team']) {
      const other = await outsider.get(`/organizations/${orgA.id}${suffix}`);
      const none = await outsider.get(`/organizations/${missing}${suffix}`);
      expect(other.status).toBe(404);
      expect(other.html).not.toContain('Alpha Academy');
      expect(other.html).not.toContain(ownerA.email);
      expect(normalized(other, orgA.id)).toEqual(normalized(none, missing));
    }
    // The owner of A does see it.
    expect(
      (await (await signedInClient(t.url, ownerA.email)).get(`/organizations/${orgA.id}/team`))
        .status,
    ).toBe(200);
  });

  it('every POST about another organization answers 404 like a missing id and changes nothing', async () => {
    const outsider = await signedInClient(t.url, ownerB.email);
    const missing = randomUUID();
    const before = await snapshot();
    const other = orgPosts(orgA.id, issuerA.id);
    const none = orgPosts(missing, issuerA.id);
    for (const [i, req] of other.entries()) {
      const res = await outsider.post(req.path, req.fields);
      const ref = await outsider.post(none[i]!.path, none[i]!.fields);
      expect(res.status, req.path).toBe(404);
      expect(normalized(res, orgA.id), req.path).toEqual(normalized(ref, missing));
    }
    const logo = await outsider.postMultipart(`/organizations/${orgA.id}/logo`, pngForm());
    const logoRef = await outsider.postMultipart(`/organizations/${missing}/logo`, pngForm());
    expect(logo.status).toBe(404);
    expect(normalized(logo, orgA.id)).toEqual(normalized(logoRef, missing));
    expect(await snapshot()).toEqual(before);
    // B's own organization is untouched by all that too, and B is still its owner.
    expect((await outsider.get(`/organizations/${orgB.id}`)).status).toBe(200);
  });
});

describe('roles without organization.update', () => {
  it('Viewer and Issuer get 403 for every edit, and the database does not change', async () => {
    for (const member of [viewerA, issuerA]) {
      const client = await signedInClient(t.url, member.email);
      const before = await snapshot();
      const edits: { path: string; fields: Record<string, string> }[] = [
        {
          path: `/organizations/${orgA.id}`,
          fields: { name: 'Renamed', slug: 'renamed-by-member', website: '', description: '' },
        },
        { path: `/organizations/${orgA.id}/notifications`, fields: {} },
        { path: `/organizations/${orgA.id}/resubmit`, fields: {} },
        { path: `/organizations/${orgA.id}/logo/delete`, fields: {} },
      ];
      for (const edit of edits) {
        const res = await client.post(edit.path, edit.fields);
        expect(res.status, `${member.firstName} ${edit.path}`).toBe(403);
      }
      const logo = await client.postMultipart(`/organizations/${orgA.id}/logo`, pngForm());
      expect(logo.status).toBe(403);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('an Admin may edit the details (the matrix allows it)', async () => {
    const client = await signedInClient(t.url, adminA.email);
    const res = await client.post(`/organizations/${orgA.id}`, {
      name: 'Alpha Academy',
      slug: '',
      website: 'https://alpha.example',
      description: '',
    });
    expect(res.status).toBe(303);
    const row = await t.database.db
      .selectFrom('organizations')
      .select('website')
      .where('id', '=', orgA.id)
      .executeTakeFirstOrThrow();
    expect(row.website).toBe('https://alpha.example');
  });
});

describe('CSRF', () => {
  it('refuses a form without the token, or with a wrong one, with 403 and changes nothing', async () => {
    const owner = await signedInClient(t.url, ownerA.email);
    const admin = await signedInClient(t.url, platformAdmin.email);
    const before = await snapshot();
    const forms = [
      ...orgPosts(orgA.id, viewerA.id),
      { path: '/organizations/new', fields: { name: 'Forged Org' } },
      { path: `/invitations/${randomUUID()}/accept`, fields: {} },
    ];
    for (const form of forms) {
      for (const token of ['', 'A'.repeat(43)]) {
        const res = await owner.post(form.path, { ...form.fields, _csrf: token });
        expect(res.status, `${form.path} _csrf=${token}`).toBe(403);
        expect(res.html).toContain('This form has expired');
      }
    }
    // A cross-site form: the attacker's page cannot read the token, and the browser sends the session cookie only.
    const res = await fetch(`${t.url}/organizations/${orgA.id}/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    const review = await admin.post(`/admin/organizations/${orgB.id}/review`, {
      action: 'suspend',
      _csrf: '',
    });
    expect(review.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a multipart upload without the token', async () => {
    const before = await snapshot();
    const res = await fetch(`${t.url}/organizations/${orgA.id}/logo`, {
      method: 'POST',
      body: pngForm(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the admin area', () => {
  it('does not exist for anyone but platform admins (404), and a visitor is sent to sign in', async () => {
    const owner = await signedInClient(t.url, ownerA.email);
    const unknown = await owner.get('/no-such-page');
    expect(unknown.status).toBe(404);
    for (const p of [
      '/admin',
      '/admin?status=pending_review',
      '/admin/mailbox',
      `/admin/mailbox/${randomUUID()}`,
    ]) {
      const res = await owner.get(p);
      expect(res.status, p).toBe(404);
      expect(res.html).toContain('There is nothing at this address.');
      expect(res.html).not.toContain('Alpha Academy');
    }
    // A real message id: its preview answers 404 too.
    const message = await t.database.db
      .selectFrom('email_outbox')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    for (const p of [`/admin/mailbox/${message.id}`, `/admin/mailbox/${message.id}/html`]) {
      const res = await owner.get(p);
      expect(res.status, p).toBe(404);
      expect(res.html).not.toContain('Alpha Academy');
    }
    const before = await snapshot();
    const review = await owner.post(`/admin/organizations/${orgA.id}/review`, {
      action: 'suspend',
      reason: 'x',
    });
    expect(review.status).toBe(404);
    const plan = await owner.post(`/admin/organizations/${orgA.id}/plan`, { plan: 'enterprise' });
    expect(plan.status).toBe(404);
    expect(await snapshot()).toEqual(before);

    const visitor = new WebClient(t.url);
    const res = await visitor.get('/admin');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?redirect=%2Fadmin');

    const admin = await signedInClient(t.url, platformAdmin.email);
    expect((await admin.get('/admin')).status).toBe(200);
    expect((await admin.get('/admin/mailbox')).status).toBe(200);
  });
});

describe('open redirects', () => {
  it('signing in with a redirect to another site lands on /dashboard', async () => {
    const targets = [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'http://evil.example/dashboard',
      '//evil.example/%2F..',
    ];
    for (const redirect of targets) {
      const client = new WebClient(t.url);
      await client.get(`/login?redirect=${encodeURIComponent(redirect)}`);
      const res = await client.post('/login', {
        email: viewerA.email,
        password: TEST_PASSWORD,
        redirect,
      });
      expect(res.status, redirect).toBe(303);
      expect(res.location, redirect).toBe('/dashboard');
      // Already signed in, /login?redirect=… does the same.
      const again = await client.get(`/login?redirect=${encodeURIComponent(redirect)}`);
      expect(again.location, redirect).toBe('/dashboard');
    }
    // A same-site path is honoured.
    const client = new WebClient(t.url);
    const res = await client.post('/login', {
      email: viewerA.email,
      password: TEST_PASSWORD,
      redirect: `/organizations/${orgA.id}`,
    });
    expect(res.location).toBe(`/organizations/${orgA.id}`);
  });
});
