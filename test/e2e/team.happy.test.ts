import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/core/entities.ts';
import { addMember, seedOrg, seedUser, uniqueEmail } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { WebClient, linkIn, pathOf } from '../support/http-client.ts';
import { waitForMail as waitForMailOver, type ReceivedEmail } from '../support/smtp.ts';
import { signedInClient } from '../support/sign-in.ts';

let t: TestApp;
let platformAdmin: User;

beforeAll(async () => {
  t = await startTestApp();
  platformAdmin = await seedUser(t.laurel.deps, { platformAdmin: true });
});
afterAll(() => t.close());

const orgName = (label: string) => `${label} ${randomBytes(3).toString('hex')}`;

function waitForMail(email: string, subject: string): Promise<ReceivedEmail> {
  return waitForMailOver(t.smtp, email, subject);
}

/** What the outbox holds for `email` (every email, sent or not, is recorded there first). */
async function outboxKinds(email: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('email_outbox')
    .select('kind')
    .where('to_address', '=', email)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}

async function roleOf(orgId: string, userId: string): Promise<string | undefined> {
  const row = await t.database.db
    .selectFrom('memberships')
    .select('role')
    .where('organization_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

async function memberships(orgId: string) {
  return t.database.db
    .selectFrom('memberships')
    .select(['user_id', 'role'])
    .where('organization_id', '=', orgId)
    .orderBy('user_id')
    .execute();
}

async function invitation(orgId: string, email: string) {
  return t.database.db
    .selectFrom('invitations')
    .select(['id', 'role', 'status', 'responded_at', 'invited_by'])
    .where('organization_id', '=', orgId)
    .where('email_normalized', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
}

/** The member's row on the team page: their email is followed by their role's label. */
function teamRowFor(html: string, email: string): string {
  const at = html.indexOf(email);
  if (at < 0) throw new Error(`${email} is not on the team page`);
  return html.slice(at, html.indexOf('</tr>', at));
}

describe('inviting someone without an account', () => {
  it('emails the link; they register, verify, sign in, accept from the dashboard and appear on the team page', async () => {
    const name = orgName('Invite Org');
    const { org, owner } = await seedOrg(t.laurel.deps, { name });
    const ownerClient = await signedInClient(t.url, owner.email);
    const email = uniqueEmail('newbie');

    const invited = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email,
      role: 'issuer',
    });
    expect(invited.status, invited.html.slice(0, 400)).toBe(303);
    expect(invited.location).toBe(`/organizations/${org.id}/team`);
    const inv = await invitation(org.id, email);
    expect(inv).toMatchObject({ role: 'issuer', status: 'pending', invited_by: owner.id });
    const team = await ownerClient.get(`/organizations/${org.id}/team`);
    expect(team.html).toContain('Invitation sent.');
    expect(team.html).toContain('Pending invitations');
    expect(team.html).toContain(email);

    const mail = await waitForMail(email, `Olive Owner invited you to join ${name}`);
    expect(mail.envelope.rcptTo).toEqual([email]);
    const link = linkIn(mail.text, '/invitations/');
    expect(mail.html).toContain(link);
    const invitationPath = pathOf(link);
    expect(invitationPath).toMatch(/^\/invitations\/[A-Za-z0-9_-]{22,}$/);

    // Out of the email, without an account: the page offers to sign up with that address.
    const invitee = new WebClient(t.url);
    const landing = await invitee.get(invitationPath);
    expect(landing.status).toBe(200);
    expect(landing.html).toContain(`Join ${name}`);
    expect(landing.html).toContain('Create an account');
    const registerHref = `/register?email=${encodeURIComponent(email)}&amp;redirect=${encodeURIComponent(invitationPath)}`;
    expect(landing.html).toContain(registerHref);

    const registered = await invitee.post('/register', {
      firstName: 'Nia',
      lastName: 'Newbie',
      email,
      password: 'Str0ng-Password!',
      redirect: invitationPath,
    });
    expect(registered.status).toBe(303);
    expect(registered.location).toBe(
      `/login?email=${encodeURIComponent(email)}&redirect=${encodeURIComponent(invitationPath)}`,
    );

    const verifyMail = await waitForMail(email, 'Verify your email address');
    const verified = await invitee.get(pathOf(linkIn(verifyMail.text, '/verify-email?token=')));
    expect(verified.status).toBe(303);
    // The verification link brings them back to the invitation after signing in.
    expect(verified.location).toBe(`/login?redirect=${encodeURIComponent(invitationPath)}`);

    const signedIn = await invitee.post('/login', {
      email,
      password: 'Str0ng-Password!',
      redirect: invitationPath,
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe(invitationPath);
    const asInvitee = await invitee.get(invitationPath);
    expect(asInvitee.html).toContain(`action="/invitations/${inv.id}/accept"`);

    const dashboard = await invitee.get('/dashboard');
    expect(dashboard.html).toContain('Pending invitation · Issuer');
    expect(dashboard.html).toContain(name);
    expect(dashboard.html).toContain(`action="/invitations/${inv.id}/accept"`);
    expect(dashboard.html).toContain(`action="/invitations/${inv.id}/decline"`);

    const accepted = await invitee.post(`/invitations/${inv.id}/accept`);
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/organizations/${org.id}`);
    const newUser = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email_normalized', '=', email)
      .executeTakeFirstOrThrow();
    expect(await roleOf(org.id, newUser.id)).toBe('issuer');
    expect(await invitation(org.id, email)).toMatchObject({ status: 'accepted' });
    expect((await invitee.get(`/organizations/${org.id}`)).html).toContain(
      'you have joined the organization',
    );

    const teamAfter = await ownerClient.get(`/organizations/${org.id}/team`);
    expect(teamAfter.html).toContain('Nia Newbie');
    expect(teamRowFor(teamAfter.html, email)).toContain('Issuer');
    expect(teamAfter.html).not.toContain('Pending invitations');

    // The link is spent; answering again finds nothing.
    expect((await invitee.get(invitationPath)).status).toBe(404);
    expect((await invitee.post(`/invitations/${inv.id}/accept`)).status).toBe(404);
    expect((await invitee.get('/dashboard')).html).not.toContain('Pending invitation');
  });
});

describe('answering and withdrawing invitations', () => {
  it('an invitee with an account declines from the dashboard', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Decline Org') });
    const person = await seedUser(t.laurel.deps);
    const ownerClient = await signedInClient(t.url, owner.email);
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email: person.email,
          role: 'viewer',
        })
      ).status,
    ).toBe(303);
    const mail = await waitForMail(person.email, `Olive Owner invited you to join ${org.name}`);
    // With an account, the emailed link offers to sign in.
    expect(
      (await new WebClient(t.url).get(pathOf(linkIn(mail.text, '/invitations/')))).html,
    ).toContain('Sign in to accept');

    const client = await signedInClient(t.url, person.email);
    const inv = await invitation(org.id, person.email);
    const declined = await client.post(`/invitations/${inv.id}/decline`);
    expect(declined.status).toBe(303);
    expect(declined.location).toBe('/dashboard');
    expect(await invitation(org.id, person.email)).toMatchObject({ status: 'declined' });
    expect(await roleOf(org.id, person.id)).toBeUndefined();
    const dashboard = await client.get('/dashboard');
    expect(dashboard.html).toContain('Invitation declined.');
    expect(dashboard.html).not.toContain(`/invitations/${inv.id}/accept`);
    expect((await client.post(`/invitations/${inv.id}/accept`)).status).toBe(404);
    expect(await roleOf(org.id, person.id)).toBeUndefined();
  });

  it('an owner withdraws a pending invitation: the link and the dashboard card stop working', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Withdraw Org') });
    const person = await seedUser(t.laurel.deps);
    const ownerClient = await signedInClient(t.url, owner.email);
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email: person.email,
          role: 'admin',
        })
      ).status,
    ).toBe(303);
    const mail = await waitForMail(person.email, `Olive Owner invited you to join ${org.name}`);
    const inv = await invitation(org.id, person.email);

    const team = await ownerClient.get(`/organizations/${org.id}/team`);
    expect(team.html).toContain(
      `action="/organizations/${org.id}/team/invitations/${inv.id}/cancel"`,
    );
    const withdrawn = await ownerClient.post(
      `/organizations/${org.id}/team/invitations/${inv.id}/cancel`,
    );
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.location).toBe(`/organizations/${org.id}/team`);
    expect(await invitation(org.id, person.email)).toMatchObject({ status: 'cancelled' });
    expect((await ownerClient.get(`/organizations/${org.id}/team`)).html).not.toContain(
      person.email,
    );

    const client = await signedInClient(t.url, person.email);
    expect((await client.get(pathOf(linkIn(mail.text, '/invitations/')))).status).toBe(404);
    expect((await client.get('/dashboard')).html).not.toContain(org.name);
    expect((await client.post(`/invitations/${inv.id}/accept`)).status).toBe(404);
    expect(await roleOf(org.id, person.id)).toBeUndefined();
  });

  it('refuses a second pending invitation to the same email, and an invitation to a member', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Dupes Org') });
    const member = await addMember(t.laurel.deps, org.id, 'viewer');
    const ownerClient = await signedInClient(t.url, owner.email);
    const email = uniqueEmail('twice');
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email,
          role: 'viewer',
        })
      ).status,
    ).toBe(303);
    const again = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email: email.toUpperCase(),
      role: 'admin',
    });
    expect(again.status).toBe(409);
    expect(again.html).toContain('An invitation to that email is already pending.');
    const existing = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email: member.email,
      role: 'admin',
    });
    expect(existing.status).toBe(409);
    expect(existing.html).toContain('already a member');
    const bad = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email: 'not-an-email',
      role: 'admin',
    });
    expect(bad.status).toBe(400);
    const rows = await t.database.db
      .selectFrom('invitations')
      .select(['email', 'role'])
      .where('organization_id', '=', org.id)
      .execute();
    expect(rows).toEqual([{ email, role: 'viewer' }]);
  });
});

describe('roles', () => {
  it('an owner changes a member’s role and the member is emailed', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Roles Org') });
    const member = await addMember(t.laurel.deps, org.id, 'issuer');
    const ownerClient = await signedInClient(t.url, owner.email);

    const team = await ownerClient.get(`/organizations/${org.id}/team`);
    expect(team.html).toContain(`action="/organizations/${org.id}/team/members/${member.id}/role"`);
    const changed = await ownerClient.post(
      `/organizations/${org.id}/team/members/${member.id}/role`,
      { role: 'admin' },
    );
    expect(changed.status).toBe(303);
    expect(changed.location).toBe(`/organizations/${org.id}/team`);
    expect(await roleOf(org.id, member.id)).toBe('admin');
    const mail = await waitForMail(member.email, `Your role in ${org.name} is now Admin`);
    expect(linkIn(mail.text, `/organizations/${org.id}`)).toBe(`${t.url}/organizations/${org.id}`);
    expect(
      teamRowFor((await ownerClient.get(`/organizations/${org.id}/team`)).html, member.email),
    ).toContain('Admin');

    // An unknown role changes nothing.
    const bad = await ownerClient.post(`/organizations/${org.id}/team/members/${member.id}/role`, {
      role: 'superuser',
    });
    expect(bad.status).toBe(400);
    expect(await roleOf(org.id, member.id)).toBe('admin');
  });

  it('promotes to owner within the plan’s cap: Free 1 (error pointing to an upgrade), Professional 2', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Cap Org') });
    const first = await addMember(t.laurel.deps, org.id, 'admin');
    const second = await addMember(t.laurel.deps, org.id, 'issuer');
    const ownerClient = await signedInClient(t.url, owner.email);

    // Free: one owner, already there.
    const refused = await ownerClient.post(
      `/organizations/${org.id}/team/members/${first.id}/role`,
      { role: 'owner' },
    );
    expect(refused.status).toBe(403);
    expect(refused.html).toContain(
      'The Free plan allows 1 owner per organization. Upgrade your plan to add more owners.',
    );
    expect(await roleOf(org.id, first.id)).toBe('admin');
    const inviteOwner = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email: uniqueEmail('co'),
      role: 'owner',
    });
    expect(inviteOwner.status).toBe(403);
    expect(inviteOwner.html).toContain('Upgrade your plan');
    expect(
      await t.database.db
        .selectFrom('invitations')
        .select('id')
        .where('organization_id', '=', org.id)
        .execute(),
    ).toEqual([]);

    // A platform admin grants Professional: two owners.
    const admin = await signedInClient(t.url, platformAdmin.email);
    expect(
      (await admin.post(`/admin/organizations/${org.id}/plan`, { plan: 'professional' })).status,
    ).toBe(303);
    const promoted = await ownerClient.post(
      `/organizations/${org.id}/team/members/${first.id}/role`,
      { role: 'owner' },
    );
    expect(promoted.status).toBe(303);
    expect(await roleOf(org.id, first.id)).toBe('owner');
    const mail = await waitForMail(first.email, `You are now an owner of ${org.name}`);
    expect(linkIn(mail.text, `/organizations/${org.id}`)).toBe(`${t.url}/organizations/${org.id}`);

    const third = await ownerClient.post(
      `/organizations/${org.id}/team/members/${second.id}/role`,
      { role: 'owner' },
    );
    expect(third.status).toBe(403);
    expect(third.html).toContain(
      'The Professional plan allows 2 owners per organization. Upgrade your plan',
    );
    expect(await roleOf(org.id, second.id)).toBe('issuer');

    // Enterprise: no cap.
    const { org: big, owner: bigOwner } = await seedOrg(t.laurel.deps, {
      name: orgName('Big Org'),
      plan: 'enterprise',
    });
    const extra = [
      await addMember(t.laurel.deps, big.id, 'admin'),
      await addMember(t.laurel.deps, big.id, 'viewer'),
    ];
    const bigClient = await signedInClient(t.url, bigOwner.email);
    for (const m of extra) {
      expect(
        (
          await bigClient.post(`/organizations/${big.id}/team/members/${m.id}/role`, {
            role: 'owner',
          })
        ).status,
      ).toBe(303);
    }
    expect((await memberships(big.id)).filter((m) => m.role === 'owner')).toHaveLength(3);
  });
});

describe('removing and leaving', () => {
  it('an owner removes an admin, an admin removes an issuer but not another admin; the removed are emailed', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: orgName('Remove Org') });
    const adminOne = await addMember(t.laurel.deps, org.id, 'admin');
    const adminTwo = await addMember(t.laurel.deps, org.id, 'admin');
    const issuer = await addMember(t.laurel.deps, org.id, 'issuer');
    const ownerClient = await signedInClient(t.url, owner.email);

    const removed = await ownerClient.post(
      `/organizations/${org.id}/team/members/${adminOne.id}/remove`,
    );
    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`/organizations/${org.id}/team`);
    expect(await roleOf(org.id, adminOne.id)).toBeUndefined();
    await waitForMail(adminOne.email, `You were removed from ${org.name}`);
    expect(
      (await (await signedInClient(t.url, adminOne.email)).get(`/organizations/${org.id}`)).status,
    ).toBe(404);

    const adminClient = await signedInClient(t.url, adminTwo.email);
    const team = await adminClient.get(`/organizations/${org.id}/team`);
    expect(team.html).toContain(`/team/members/${issuer.id}/remove`);
    expect(team.html).not.toContain(`/team/members/${owner.id}/remove`);
    const byAdmin = await adminClient.post(
      `/organizations/${org.id}/team/members/${issuer.id}/remove`,
    );
    expect(byAdmin.status).toBe(303);
    expect(await roleOf(org.id, issuer.id)).toBeUndefined();
    await waitForMail(issuer.email, `You were removed from ${org.name}`);

    const adminThree = await addMember(t.laurel.deps, org.id, 'admin');
    const before = await memberships(org.id);
    const refused = await adminClient.post(
      `/organizations/${org.id}/team/members/${adminThree.id}/remove`,
    );
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Your role cannot remove this member.');
    const ownerRefused = await adminClient.post(
      `/organizations/${org.id}/team/members/${owner.id}/remove`,
    );
    expect(ownerRefused.status).toBe(403);
    expect(await memberships(org.id)).toEqual(before);
    expect(await outboxKinds(adminThree.email)).toEqual([]);
  });

  it('any member leaves; the last owner cannot (409); an owner leaving emails the remaining owners', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, {
      name: orgName('Leave Org'),
      plan: 'professional',
    });
    const viewer = await addMember(t.laurel.deps, org.id, 'viewer');
    const viewerClient = await signedInClient(t.url, viewer.email);
    const left = await viewerClient.post(`/organizations/${org.id}/team/leave`);
    expect(left.status).toBe(303);
    expect(left.location).toBe('/dashboard');
    expect(await roleOf(org.id, viewer.id)).toBeUndefined();
    expect((await viewerClient.get('/dashboard')).html).toContain(
      'You have left the organization.',
    );
    expect(await outboxKinds(owner.email)).not.toContain('member.owner_left');

    // Alone as owner: refused, and the button says why.
    const ownerClient = await signedInClient(t.url, owner.email);
    expect((await ownerClient.get(`/organizations/${org.id}/team`)).html).toContain(
      'You are the last owner.',
    );
    const before = await memberships(org.id);
    const refused = await ownerClient.post(`/organizations/${org.id}/team/leave`);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('You are the last owner and cannot leave.');
    expect(await memberships(org.id)).toEqual(before);

    // With a second owner (Professional allows two) the first may go; the other owner hears of it.
    const coOwner = await seedUser(t.laurel.deps, { firstName: 'Cleo', lastName: 'Coowner' });
    await addMember(t.laurel.deps, org.id, 'admin', coOwner);
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/members/${coOwner.id}/role`, {
          role: 'owner',
        })
      ).status,
    ).toBe(303);
    const gone = await ownerClient.post(`/organizations/${org.id}/team/leave`);
    expect(gone.status).toBe(303);
    expect(await memberships(org.id)).toEqual([{ user_id: coOwner.id, role: 'owner' }]);
    const mail = await waitForMail(coOwner.email, `Olive Owner left ${org.name}`);
    expect(linkIn(mail.text, `/organizations/${org.id}/team`)).toBe(
      `${t.url}/organizations/${org.id}/team`,
    );
    expect(
      t.smtp.messages.filter((m) => m.to.includes(owner.email) && m.subject.includes('left')),
    ).toEqual([]);
  });

  it('an owner steps down while another owner remains (no email to themselves); the last owner cannot; nobody removes themselves', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, {
      name: orgName('Step Org'),
      plan: 'professional',
    });
    const coOwner = await addMember(t.laurel.deps, org.id, 'owner');
    const ownerClient = await signedInClient(t.url, owner.email);

    const self = await ownerClient.post(`/organizations/${org.id}/team/members/${owner.id}/remove`);
    expect(self.status).toBe(409);
    expect(self.html).toContain('Leave organization');
    expect(await roleOf(org.id, owner.id)).toBe('owner');

    const stepped = await ownerClient.post(
      `/organizations/${org.id}/team/members/${owner.id}/role`,
      { role: 'admin' },
    );
    expect(stepped.status).toBe(303);
    expect(stepped.location).toBe(`/organizations/${org.id}`);
    expect(await roleOf(org.id, owner.id)).toBe('admin');
    expect(await outboxKinds(owner.email)).not.toContain('member.role_changed');

    const coClient = await signedInClient(t.url, coOwner.email);
    const last = await coClient.post(`/organizations/${org.id}/team/members/${coOwner.id}/role`, {
      role: 'viewer',
    });
    expect(last.status).toBe(409);
    expect(last.html).toContain('You are the last owner.');
    expect(await roleOf(org.id, coOwner.id)).toBe('owner');
  });
});

describe('owner invitations and the plan cap', () => {
  it('an owner invitation cannot be accepted once the plan’s owner seats are full', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, {
      name: orgName('Seat Org'),
      plan: 'professional',
    });
    const ownerClient = await signedInClient(t.url, owner.email);
    const person = await seedUser(t.laurel.deps);
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email: person.email,
          role: 'owner',
        })
      ).status,
    ).toBe(303);
    // Meanwhile the second seat goes to someone else.
    const other = await addMember(t.laurel.deps, org.id, 'admin');
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/members/${other.id}/role`, {
          role: 'owner',
        })
      ).status,
    ).toBe(303);

    const inv = await invitation(org.id, person.email);
    const client = await signedInClient(t.url, person.email);
    const res = await client.post(`/invitations/${inv.id}/accept`);
    expect(res.status).toBe(403);
    expect(res.html).toContain(
      'The Professional plan allows 2 owners per organization. Upgrade your plan',
    );
    expect(await roleOf(org.id, person.id)).toBeUndefined();
    expect(await invitation(org.id, person.email)).toMatchObject({ status: 'pending' });
  });

  it('pending owner invitations count toward the cap when inviting', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, {
      name: orgName('Pending Seat Org'),
      plan: 'professional',
    });
    const ownerClient = await signedInClient(t.url, owner.email);
    const first = uniqueEmail('seat-one');
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email: first,
          role: 'owner',
        })
      ).status,
    ).toBe(303);
    const second = await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
      email: uniqueEmail('seat-two'),
      role: 'owner',
    });
    expect(second.status).toBe(403);
    expect(second.html).toContain('Upgrade your plan to add more owners.');
    const rows = await t.database.db
      .selectFrom('invitations')
      .select('email')
      .where('organization_id', '=', org.id)
      .execute();
    expect(rows).toEqual([{ email: first }]);
    // Other roles are not capped.
    expect(
      (
        await ownerClient.post(`/organizations/${org.id}/team/invitations`, {
          email: uniqueEmail('admin'),
          role: 'admin',
        })
      ).status,
    ).toBe(303);
  });
});
