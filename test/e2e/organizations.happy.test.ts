import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/core/entities.ts';
import { addMember, seedOrg, seedUser } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { eventually } from '../support/eventually.ts';
import { WebClient, linkIn, pathOf } from '../support/http-client.ts';
import { waitForMail as waitForMailOver } from '../support/smtp.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestApp;
let admin: User;
let adminClient: WebClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = await seedUser(t.laurel.deps, {
    platformAdmin: true,
    firstName: 'Ada',
    lastName: 'Admin',
  });
  adminClient = await signedInClient(t.url, admin.email);
});
afterAll(() => t.close());

const suffix = () => randomBytes(3).toString('hex');

/** The path and query of an absolute link, for the web client. */
async function orgRow(id: string) {
  return t.database.db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function orgCount() {
  const rows = await t.database.db.selectFrom('organizations').select('id').execute();
  return rows.length;
}

function mailTo(email: string, subject: string) {
  return t.smtp.messages.filter((m) => m.to.includes(email) && m.subject === subject);
}

function waitForMail(email: string, subject: string) {
  return waitForMailOver(t.smtp, email, subject);
}

function logoFiles(): string[] {
  const dir = path.join(t.dataDir, 'uploads', 'logos');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

// First in the file, while the server is cold: that is when the truncation below shows most.
describe('logo size limit', () => {
  it('refuses a logo over 5 MB with 413 and stores nothing', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    const row = await orgRow(org.id);
    const files = logoFiles();

    // A PNG signature followed by padding, just over the limit. Several sizes: @fastify/multipart's
    // toBuffer() sometimes returns the first 5 MB (file.truncated set) instead of throwing, and
    // the route must refuse that too rather than store a cut-off image.
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const big = Buffer.alloc(5 * 1024 * 1024 + 1 + i * 1000);
      PNG.copy(big);
      const tooBig = new FormData();
      tooBig.append('logo', new Blob([big], { type: 'image/png' }), 'big.png');
      const res = await client.postMultipart(`/organizations/${org.id}/logo`, tooBig);
      statuses.push(res.status);
      if (res.status === 413) expect(res.html).toContain('at most 5 MB');
    }
    expect(statuses).toEqual(Array(24).fill(413));
    expect(await orgRow(org.id)).toEqual(row);
    expect(logoFiles()).toEqual(files);
  });
});

describe('creating an organization', () => {
  it('generates the slug from the name and lands on the organization page, pending review, with the creator as Owner', async () => {
    const owner = await seedUser(t.laurel.deps, { firstName: 'Cora', lastName: 'Creator' });
    const client = await signedInClient(t.url, owner.email);
    const s = suffix();

    const form = await client.get('/organizations/new');
    expect(form.status).toBe(200);
    for (const field of [
      'name="name"',
      'name="slug"',
      'name="website"',
      'name="description"',
      'name="_csrf"',
    ])
      expect(form.html).toContain(field);
    expect(form.html).not.toContain('Verify your email first');

    const created = await client.post('/organizations/new', {
      name: `Acme Learning & Co ${s}`,
      slug: '',
      website: 'https://acme.example',
      description: 'Courses for curious people.',
    });
    expect(created.status, created.html.slice(0, 500)).toBe(303);
    const id = /^\/organizations\/([^/?]+)$/.exec(created.location ?? '')?.[1];
    expect(id).toBeDefined();

    const row = await orgRow(id!);
    expect(row).toMatchObject({
      name: `Acme Learning & Co ${s}`,
      slug: `acme-learning-co-${s}`,
      website: 'https://acme.example',
      description: 'Courses for curious people.',
      status: 'pending_review',
      plan: 'free',
      subscription_source: 'FREE',
      emails_enabled: 1,
      created_by: owner.id,
    });
    const members = await t.database.db
      .selectFrom('memberships')
      .select(['user_id', 'role'])
      .where('organization_id', '=', id!)
      .execute();
    expect(members).toEqual([{ user_id: owner.id, role: 'owner' }]);

    const page = await client.get(created.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Organization created. It is pending review');
    expect(page.html).toContain('Pending review');
    expect(page.html).toContain('Issuing credentials opens once a platform admin approves the');
    expect(page.html).toContain(`/o/${row.slug}`);

    // The dashboard lists it with its status.
    const dashboard = await client.get('/dashboard');
    expect(dashboard.html).toContain(`href="/organizations/${id!}"`);
  });

  it('numbers a generated slug that is taken, keeps an edited one, and answers 409 with a field message for a taken one', async () => {
    const owner = await seedUser(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    const s = suffix();

    const first = await client.post('/organizations/new', { name: `Twin ${s}` });
    const second = await client.post('/organizations/new', { name: `Twin ${s}` });
    expect([first.status, second.status]).toEqual([303, 303]);
    const firstId = first.location!.split('/').pop()!;
    const secondId = second.location!.split('/').pop()!;
    expect((await orgRow(firstId)).slug).toBe(`twin-${s}`);
    expect((await orgRow(secondId)).slug).toBe(`twin-${s}-2`);

    const edited = await client.post('/organizations/new', {
      name: `Edited ${s}`,
      slug: `My-Own-Slug-${s}`,
    });
    expect(edited.status).toBe(303);
    expect((await orgRow(edited.location!.split('/').pop()!)).slug).toBe(`my-own-slug-${s}`);

    const before = await orgCount();
    const taken = await client.post('/organizations/new', {
      name: `Copycat ${s}`,
      slug: `twin-${s}`,
      website: 'https://copy.example',
    });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('That slug is already taken.');
    // The form comes back with what was typed.
    expect(taken.html).toContain(`value="Copycat ${s}"`);
    expect(taken.html).toContain('value="https://copy.example"');
    expect(await orgCount()).toBe(before);

    const badSlug = await client.post('/organizations/new', {
      name: `Bad slug ${s}`,
      slug: 'no spaces!',
    });
    expect(badSlug.status).toBe(400);
    expect(badSlug.html).toContain('Use lower-case letters, digits and single hyphens.');
    expect(await orgCount()).toBe(before);

    // Editing: a new slug is kept, a taken one is refused with 409 and changes nothing.
    const renamed = await client.post(`/organizations/${secondId}`, {
      name: `Twin two ${s}`,
      slug: `twin-two-${s}`,
      website: '',
      description: '',
    });
    expect(renamed.status).toBe(303);
    expect(renamed.location).toBe(`/organizations/${secondId}`);
    expect(await orgRow(secondId)).toMatchObject({ name: `Twin two ${s}`, slug: `twin-two-${s}` });
    const rowBefore = await orgRow(secondId);
    const clash = await client.post(`/organizations/${secondId}`, {
      name: 'Another name',
      slug: `twin-${s}`,
    });
    expect(clash.status).toBe(409);
    expect(clash.html).toContain('That slug is already taken.');
    expect(await orgRow(secondId)).toEqual(rowBefore);
  });

  it('accepts only http and https websites', async () => {
    const owner = await seedUser(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    const before = await orgCount();
    for (const website of [
      'javascript:alert(1)',
      'ftp://files.example',
      'data:text/html,hi',
      'example.org',
    ]) {
      const res = await client.post('/organizations/new', { name: `Web ${suffix()}`, website });
      expect(res.status, website).toBe(400);
      expect(res.html).toContain('Enter a full web address starting with http:// or https://.');
    }
    expect(await orgCount()).toBe(before);
    const ok = await client.post('/organizations/new', {
      name: `Web ${suffix()}`,
      website: 'http://plain.example/path',
    });
    expect(ok.status).toBe(303);
  });

  it('signs what the issuer Profile says: a tab becomes a space, another control character is refused on its field with nothing created', async () => {
    const owner = await seedUser(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    const before = await snapshotTables(t.database.db);
    const name = `Bell ${suffix()}`;
    const refused = await client.post('/organizations/new', {
      name,
      description: 'We teach\u0007.',
      website: 'https://bell.example/a\tb',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(
      'Description contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
    );
    expect(refused.html).toContain(
      'Enter the web address without spaces, quotes, angle brackets or control characters.',
    );
    expect(refused.html).toContain(`value="${name}"`);
    expect(await snapshotTables(t.database.db)).toEqual(before);

    const created = await client.post('/organizations/new', {
      name: `Tab\t${name}`,
      description: 'We teach.\r\nWell.',
    });
    expect(created.status, created.html.slice(0, 2000)).toBe(303);
    expect(await orgRow(created.location!.split('/').pop()!)).toMatchObject({
      name: `Tab ${name}`,
      description: 'We teach.\nWell.',
    });
  });

  it('requires a verified email address (403) and creates nothing', async () => {
    const user = await seedUser(t.laurel.deps);
    const client = await signedInClient(t.url, user.email);
    // The address becomes unverified after signing in (as after an email change).
    await t.database.db
      .updateTable('users')
      .set({ email_verified_at: null })
      .where('id', '=', user.id)
      .execute();

    const form = await client.get('/organizations/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Verify your email first');

    const before = await orgCount();
    const res = await client.post('/organizations/new', { name: `Unverified ${suffix()}` });
    expect(res.status).toBe(403);
    expect(res.html).toContain('Verify your email address before creating an organization.');
    expect(await orgCount()).toBe(before);
  });

  it('sends a visitor to sign in first', async () => {
    const visitor = new WebClient(t.url);
    const res = await visitor.get('/organizations/new');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?redirect=%2Forganizations%2Fnew');
  });
});

describe('review by a platform admin', () => {
  it('approves: the status changes and every owner, and only owners, get an email', async () => {
    const name = `Approve Me ${suffix()}`;
    const { org, owner } = await seedOrg(t.laurel.deps, {
      name,
      approved: false,
      plan: 'professional',
    });
    const coOwner = await addMember(t.laurel.deps, org.id, 'owner');
    const orgAdmin = await addMember(t.laurel.deps, org.id, 'admin');

    const listed = await adminClient.get('/admin?status=pending_review');
    expect(listed.html).toContain(name);
    expect(listed.html).toContain(`/admin/organizations/${org.id}/review`);

    const res = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'approve',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin?status=approved');
    expect(await orgRow(org.id)).toMatchObject({ status: 'approved', status_reason: null });

    for (const to of [owner.email, coOwner.email]) {
      const mail = await waitForMail(to, `${name} is approved`);
      expect(mail.envelope.rcptTo).toEqual([to]);
      expect(linkIn(mail.text, `/organizations/${org.id}`)).toBe(
        `${t.url}/organizations/${org.id}`,
      );
    }
    const toAdmin = await t.database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('to_address', '=', orgAdmin.email)
      .execute();
    expect(toAdmin).toEqual([]);

    const ownerClient = await signedInClient(t.url, owner.email);
    const page = await ownerClient.get(`/organizations/${org.id}`);
    expect(page.html).not.toContain('Issuing credentials opens once a platform admin approves');
    expect(page.html).toContain('Approved');
  });

  it('rejects only with a reason, emails it to the owners, and the team fixes the details and resubmits', async () => {
    const name = `Reject Me ${suffix()}`;
    const { org, owner } = await seedOrg(t.laurel.deps, { name, approved: false });

    const noReason = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'reject',
      reason: '   ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('A rejection needs a reason');
    expect((await orgRow(org.id)).status).toBe('pending_review');

    const reason = 'The website does not load.';
    const res = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'reject',
      reason,
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin?status=rejected');
    expect(await orgRow(org.id)).toMatchObject({ status: 'rejected', status_reason: reason });

    const mail = await waitForMail(owner.email, `${name} was not approved`);
    expect(mail.text).toContain(reason);
    const link = linkIn(mail.text, `/organizations/${org.id}`);

    const client = await signedInClient(t.url, owner.email);
    const page = await client.get(pathOf(link));
    expect(page.status).toBe(200);
    expect(page.html).toContain('Rejected');
    expect(page.html).toContain(`Reason: ${reason}`);
    expect(page.html).toContain(`action="/organizations/${org.id}/resubmit"`);

    const edited = await client.post(`/organizations/${org.id}`, {
      name,
      slug: '',
      website: 'https://works-now.example',
      description: 'Now with a website.',
    });
    expect(edited.status).toBe(303);
    expect(await orgRow(org.id)).toMatchObject({
      website: 'https://works-now.example',
      status: 'rejected',
    });

    const resubmitted = await client.post(`/organizations/${org.id}/resubmit`);
    expect(resubmitted.status).toBe(303);
    expect(resubmitted.location).toBe(`/organizations/${org.id}`);
    expect(await orgRow(org.id)).toMatchObject({ status: 'pending_review', status_reason: null });
    const after = await client.get(`/organizations/${org.id}`);
    expect(after.html).toContain('Resubmitted for review.');
    expect(after.html).toContain('Issuing credentials opens once a platform admin approves the');

    // Only a rejected organization can be resubmitted.
    const again = await client.post(`/organizations/${org.id}/resubmit`);
    expect(again.status).toBe(409);
    expect((await orgRow(org.id)).status).toBe('pending_review');
  });

  it('suspends with a reason and reinstates, emailing the owners each time', async () => {
    const name = `Suspend Me ${suffix()}`;
    const { org, owner } = await seedOrg(t.laurel.deps, { name });
    const client = await signedInClient(t.url, owner.email);

    const suspended = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'suspend',
      reason: 'Policy violation.',
    });
    expect(suspended.status).toBe(303);
    expect(suspended.location).toBe('/admin?status=suspended');
    expect(await orgRow(org.id)).toMatchObject({
      status: 'suspended',
      status_reason: 'Policy violation.',
    });
    const suspendMail = await waitForMail(owner.email, `${name} has been suspended`);
    expect(suspendMail.text).toContain('Policy violation.');
    const page = await client.get(`/organizations/${org.id}`);
    expect(page.html).toContain('Issuing is paused.');
    expect(page.html).toContain('Reason: Policy violation.');

    // A suspended organization cannot be approved or suspended again, only reinstated.
    const wrong = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'suspend',
    });
    expect(wrong.status).toBe(409);

    const reinstated = await adminClient.post(`/admin/organizations/${org.id}/review`, {
      action: 'reinstate',
    });
    expect(reinstated.status).toBe(303);
    expect(await orgRow(org.id)).toMatchObject({ status: 'approved', status_reason: null });
    await waitForMail(owner.email, `${name} is active again`);
    expect((await client.get(`/organizations/${org.id}`)).html).not.toContain('Issuing is paused.');
  });
});

describe('organization settings', () => {
  it('with email notifications off, organization emails are recorded as suppressed and not sent', async () => {
    const name = `Quiet ${suffix()}`;
    const { org, owner } = await seedOrg(t.laurel.deps, { name });
    const client = await signedInClient(t.url, owner.email);

    const off = await client.post(`/organizations/${org.id}/notifications`, {});
    expect(off.status).toBe(303);
    expect(off.location).toBe(`/organizations/${org.id}`);
    expect((await orgRow(org.id)).emails_enabled).toBe(0);
    const page = await client.get(`/organizations/${org.id}`);
    expect(page.html).toContain('Email notifications are off');

    expect(
      (await adminClient.post(`/admin/organizations/${org.id}/review`, { action: 'suspend' }))
        .status,
    ).toBe(303);
    const quietRows = await t.database.db
      .selectFrom('email_outbox')
      .select(['status', 'kind', 'subject'])
      .where('to_address', '=', owner.email)
      .where('kind', '!=', 'organization.approved')
      .execute();
    expect(quietRows).toEqual([
      {
        status: 'suppressed',
        kind: 'organization.suspended',
        subject: `${name} has been suspended`,
      },
    ]);

    // Back on: the next email is sent, and the suppressed one never was.
    const on = await client.post(`/organizations/${org.id}/notifications`, { enabled: 'on' });
    expect(on.status).toBe(303);
    expect((await orgRow(org.id)).emails_enabled).toBe(1);
    expect(
      (await adminClient.post(`/admin/organizations/${org.id}/review`, { action: 'reinstate' }))
        .status,
    ).toBe(303);
    await waitForMail(owner.email, `${name} is active again`);
    expect(mailTo(owner.email, `${name} has been suspended`)).toEqual([]);
    // The worker records the delivery just after the SMTP server accepted it.
    const rows = await eventually(
      () =>
        t.database.db
          .selectFrom('email_outbox')
          .select(['kind', 'status'])
          .where('to_address', '=', owner.email)
          .where('kind', '!=', 'organization.approved')
          .orderBy('created_at')
          .execute(),
      (r) => r.every((x) => x.status !== 'sending' && x.status !== 'queued'),
    );
    expect(rows).toEqual([
      { kind: 'organization.suspended', status: 'suppressed' },
      { kind: 'organization.reinstated', status: 'sent' },
    ]);
  });

  it('shows non-owners a read-only billing card', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    const orgAdmin = await addMember(t.laurel.deps, org.id, 'admin');
    const viewer = await addMember(t.laurel.deps, org.id, 'viewer');

    const ownerPage = await (
      await signedInClient(t.url, owner.email)
    ).get(`/organizations/${org.id}`);
    expect(ownerPage.html).not.toContain('Contact an owner to change billing.');
    for (const member of [orgAdmin, viewer]) {
      const page = await (
        await signedInClient(t.url, member.email)
      ).get(`/organizations/${org.id}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Contact an owner to change billing.');
    }
    // A viewer sees the details but no form to edit them.
    const viewerPage = await (
      await signedInClient(t.url, viewer.email)
    ).get(`/organizations/${org.id}`);
    expect(viewerPage.html).not.toContain(`action="/organizations/${org.id}"`);
    expect(viewerPage.html).toContain('Only owners and admins can edit these.');
  });

  it('uploads a PNG logo that is served at /logos/{orgId}, and refuses a non-image without changing anything', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    expect((await client.get(`/logos/${org.id}`)).status).toBe(404);

    const form = new FormData();
    form.append('logo', new Blob([PNG], { type: 'image/png' }), 'logo.png');
    const uploaded = await client.postMultipart(`/organizations/${org.id}/logo`, form);
    expect(uploaded.status, uploaded.html.slice(0, 500)).toBe(303);
    expect(uploaded.location).toBe(`/organizations/${org.id}`);
    const row = await orgRow(org.id);
    expect(row.logo_path).toMatch(new RegExp(`^logos/${org.id}-[a-z0-9]+\\.png$`));

    const served = await fetch(`${t.url}/logos/${org.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await client.get(`/organizations/${org.id}`)).html).toContain(`src="/logos/${org.id}"`);

    const filesBefore = logoFiles();
    const bad = new FormData();
    bad.append(
      'logo',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], {
        type: 'image/png',
      }),
      'logo.png',
    );
    const refused = await client.postMultipart(`/organizations/${org.id}/logo`, bad);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Upload a PNG, JPEG or WebP image of at most 5 MB.');
    expect(await orgRow(org.id)).toEqual(row);
    expect(logoFiles()).toEqual(filesBefore);
    const still = await fetch(`${t.url}/logos/${org.id}`);
    expect(Buffer.from(await still.arrayBuffer()).equals(PNG)).toBe(true);

    // Removing the logo deletes the file.
    const removed = await client.post(`/organizations/${org.id}/logo/delete`);
    expect(removed.status).toBe(303);
    expect((await orgRow(org.id)).logo_path).toBeNull();
    expect((await client.get(`/logos/${org.id}`)).status).toBe(404);
    expect(logoFiles().filter((f) => f.startsWith(org.id))).toEqual([]);
  });

  it('publishes a logo photo without its EXIF, and refuses an unreadable one as badge images are refused', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    const client = await signedInClient(t.url, owner.email);
    const photo = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#c0ffee' },
    })
      .jpeg()
      .withExifMerge({ IFD0: { Artist: 'Phone serial 12345' } })
      .toBuffer();
    const form = new FormData();
    form.append('logo', new Blob([photo], { type: 'image/jpeg' }), 'logo.jpg');
    expect((await client.postMultipart(`/organizations/${org.id}/logo`, form)).status).toBe(303);
    const served = Buffer.from(await (await fetch(`${t.url}/logos/${org.id}`)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 40, 30, undefined]);
    expect(served.includes(Buffer.from('Phone serial'))).toBe(false);

    const row = await orgRow(org.id);
    const filesBefore = logoFiles();
    const unreadable = new FormData();
    unreadable.append(
      'logo',
      new Blob([Buffer.concat([PNG.subarray(0, 8), Buffer.from('not really a png')])], {
        type: 'image/png',
      }),
      'logo.png',
    );
    const refused = await client.postMultipart(`/organizations/${org.id}/logo`, unreadable);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('That image could not be read.');
    expect(await orgRow(org.id)).toEqual(row);
    expect(logoFiles()).toEqual(filesBefore);
  });
});
