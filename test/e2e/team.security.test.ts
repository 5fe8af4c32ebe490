import { userActor } from '../../src/core/authz/actor.ts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/authz/roles.ts';
import type { Organization, User } from '../../src/core/entities.ts';
import { inviteMember } from '../../src/core/members/invitations.ts';
import { addMember, seedOrg, seedUser, uniqueEmail } from '../factories/index.ts';
import { snapshotTables } from '../support/snapshot.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { linkIn, type PageResponse, type WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';

/**
 * The permission matrix of members-and-roles.md over HTTP: every role tries every
 * member-management action and the organization update. Allowed ones take effect; refused
 * ones answer 403 (404 for someone outside the organization) and leave the rows alone.
 */

let t: TestApp;

/** The same people belong to every organization of the matrix, each with a fixed role. */
interface Pool {
  o1: User;
  o2: User;
  a1: User;
  a2: User;
  i1: User;
  i2: User;
  v1: User;
  v2: User;
  v3: User;
  outsider: User;
}
let pool: Pool;
const clients = new Map<string, WebClient>();

beforeAll(async () => {
  t = await startTestApp();
  const deps = t.laurel.deps;
  await seedUser(deps, { platformAdmin: true });
  const u = (firstName: string) => seedUser(deps, { firstName, lastName: 'Matrix' });
  pool = {
    o1: await u('OwnerOne'),
    o2: await u('OwnerTwo'),
    a1: await u('AdminOne'),
    a2: await u('AdminTwo'),
    i1: await u('IssuerOne'),
    i2: await u('IssuerTwo'),
    v1: await u('ViewerOne'),
    v2: await u('ViewerTwo'),
    v3: await u('ViewerThree'),
    outsider: await u('Outsider'),
  };
  // The outsider is an owner elsewhere, signed in and active.
  await seedOrg(deps, { owner: pool.outsider, name: 'Elsewhere Inc' });
});
afterAll(() => t.close());

async function client(user: User): Promise<WebClient> {
  let c = clients.get(user.id);
  if (!c) {
    c = await signedInClient(t.url, user.email);
    clients.set(user.id, c);
  }
  return c;
}

interface Fixture {
  org: Organization;
  /** A pending invitation (role Viewer) sent by the first owner. */
  invitationId: string;
}

async function matrixOrg(label: string): Promise<Fixture> {
  const deps = t.laurel.deps;
  const { org } = await seedOrg(deps, {
    owner: pool.o1,
    name: `Matrix ${label} ${randomBytes(3).toString('hex')}`,
    plan: 'enterprise',
  });
  const roles: [User, Role][] = [
    [pool.o2, 'owner'],
    [pool.a1, 'admin'],
    [pool.a2, 'admin'],
    [pool.i1, 'issuer'],
    [pool.i2, 'issuer'],
    [pool.v1, 'viewer'],
    [pool.v2, 'viewer'],
    [pool.v3, 'viewer'],
  ];
  for (const [user, role] of roles) await addMember(deps, org.id, role, user);
  const invited = await inviteMember(deps, userActor(pool.o1.id), org.id, {
    email: uniqueEmail('pending'),
    role: 'viewer',
  });
  if (!invited.ok) throw new Error(invited.error.message);
  return { org, invitationId: invited.value.id };
}

function snapshot() {
  return snapshotTables(t.database.db);
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

const roleIn = (s: Snapshot, orgId: string, userId: string) =>
  s.memberships.find((m) => m.organization_id === orgId && m.user_id === userId)?.role;

interface MatrixAction {
  name: string;
  allowed: readonly Role[];
  run(c: WebClient, f: Fixture): Promise<PageResponse>;
  /** What an allowed attempt must have changed. */
  effect(after: Snapshot, f: Fixture): void;
}

const newInvitee = { issuer: '', owner: '' };

const ACTIONS: MatrixAction[] = [
  {
    name: 'update the organization details',
    allowed: ['owner', 'admin'],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}`, {
        name: 'Renamed By Matrix',
        slug: '',
        website: 'https://renamed.example',
        description: '',
      }),
    effect: (after, f) =>
      expect(after.organizations.find((o) => o.id === f.org.id)).toMatchObject({
        name: 'Renamed By Matrix',
        website: 'https://renamed.example',
      }),
  },
  {
    name: 'turn email notifications off',
    allowed: ['owner', 'admin'],
    run: (c, f) => c.post(`/organizations/${f.org.id}/notifications`, {}),
    effect: (after, f) =>
      expect(after.organizations.find((o) => o.id === f.org.id)?.emails_enabled).toBe(0),
  },
  {
    name: 'invite an issuer',
    allowed: ['owner', 'admin'],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}/team/invitations`, {
        email: (newInvitee.issuer = uniqueEmail('issuer')),
        role: 'issuer',
      }),
    effect: (after, f) =>
      expect(
        after.invitations.find(
          (i) => i.organization_id === f.org.id && i.email === newInvitee.issuer,
        ),
      ).toMatchObject({ role: 'issuer', status: 'pending' }),
  },
  {
    name: 'invite an owner',
    allowed: ['owner'],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}/team/invitations`, {
        email: (newInvitee.owner = uniqueEmail('owner')),
        role: 'owner',
      }),
    effect: (after, f) =>
      expect(
        after.invitations.find(
          (i) => i.organization_id === f.org.id && i.email === newInvitee.owner,
        ),
      ).toMatchObject({ role: 'owner', status: 'pending' }),
  },
  {
    name: 'withdraw a pending invitation',
    allowed: ['owner', 'admin'],
    run: (c, f) => c.post(`/organizations/${f.org.id}/team/invitations/${f.invitationId}/cancel`),
    effect: (after, f) =>
      expect(after.invitations.find((i) => i.id === f.invitationId)?.status).toBe('cancelled'),
  },
  {
    name: "change a non-owner's role",
    allowed: ['owner'],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}/team/members/${pool.i2.id}/role`, { role: 'viewer' }),
    effect: (after, f) => expect(roleIn(after, f.org.id, pool.i2.id)).toBe('viewer'),
  },
  {
    name: 'promote a member to owner',
    allowed: ['owner'],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}/team/members/${pool.v2.id}/role`, { role: 'owner' }),
    effect: (after, f) => expect(roleIn(after, f.org.id, pool.v2.id)).toBe('owner'),
  },
  {
    name: 'remove a viewer',
    allowed: ['owner', 'admin'],
    run: (c, f) => c.post(`/organizations/${f.org.id}/team/members/${pool.v3.id}/remove`),
    effect: (after, f) => expect(roleIn(after, f.org.id, pool.v3.id)).toBeUndefined(),
  },
  {
    name: 'remove an admin',
    allowed: ['owner'],
    run: (c, f) => c.post(`/organizations/${f.org.id}/team/members/${pool.a2.id}/remove`),
    effect: (after, f) => expect(roleIn(after, f.org.id, pool.a2.id)).toBeUndefined(),
  },
  {
    name: 'remove another owner',
    allowed: [],
    run: (c, f) => c.post(`/organizations/${f.org.id}/team/members/${pool.o2.id}/remove`),
    effect: () => undefined,
  },
  {
    name: "change another owner's role",
    allowed: [],
    run: (c, f) =>
      c.post(`/organizations/${f.org.id}/team/members/${pool.o2.id}/role`, { role: 'admin' }),
    effect: () => undefined,
  },
  // Last: it takes the actor out of the organization.
  {
    name: 'leave the organization',
    allowed: ['owner', 'admin', 'issuer', 'viewer'],
    run: (c, f) => c.post(`/organizations/${f.org.id}/team/leave`),
    effect: () => undefined,
  },
];

type Actor = Role | 'outsider';
const ACTORS: { actor: Actor; label: string; user: () => User }[] = [
  { actor: 'owner', label: 'an Owner', user: () => pool.o1 },
  { actor: 'admin', label: 'an Admin', user: () => pool.a1 },
  { actor: 'issuer', label: 'an Issuer', user: () => pool.i1 },
  { actor: 'viewer', label: 'a Viewer', user: () => pool.v1 },
  { actor: 'outsider', label: 'a member of another organization', user: () => pool.outsider },
];

for (const { actor, label, user } of ACTORS)
  describe(`as ${label}`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await matrixOrg(actor);
    });

    for (const action of ACTIONS) {
      const allowed = actor !== 'outsider' && action.allowed.includes(actor);
      it(`${action.name}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const c = await client(user());
        const before = await snapshot();
        const res = await action.run(c, f);
        const after = await snapshot();
        if (allowed) {
          expect(res.status, res.html.slice(0, 600)).toBe(303);
          expect(after).not.toEqual(before);
          action.effect(after, f);
          if (action.name === 'leave the organization')
            expect(roleIn(after, f.org.id, user().id)).toBeUndefined();
        } else {
          expect(res.status, res.html.slice(0, 600)).toBe(actor === 'outsider' ? 404 : 403);
          expect(after).toEqual(before);
        }
      });
    }
  });

describe('what each role is shown', () => {
  it('Issuers and Viewers see no invite form, no pending invitations and no remove buttons', async () => {
    const f = await matrixOrg('pages');
    const pending = await t.database.db
      .selectFrom('invitations')
      .select('email')
      .where('id', '=', f.invitationId)
      .executeTakeFirstOrThrow();
    for (const member of [pool.i1, pool.v1]) {
      const page = await (await client(member)).get(`/organizations/${f.org.id}/team`);
      expect(page.status).toBe(200);
      expect(page.html).toContain(pool.o1.email);
      expect(page.html).not.toContain(pending.email);
      expect(page.html).not.toContain('/team/invitations"');
      expect(page.html).not.toContain('/remove"');
      expect(page.html).not.toContain('/role"');
    }
    const adminPage = await (await client(pool.a1)).get(`/organizations/${f.org.id}/team`);
    expect(adminPage.html).toContain(pending.email);
    expect(adminPage.html).toContain(`/team/members/${pool.v3.id}/remove`);
    expect(adminPage.html).not.toContain(`/team/members/${pool.a2.id}/remove`);
    expect(adminPage.html).not.toContain(`/team/members/${pool.o2.id}/remove`);
    // Admins may not invite owners: the role list offers no Owner.
    expect(adminPage.html).not.toContain('Owner (promote)');
  });

  it('an Admin cannot withdraw an invitation to become owner', async () => {
    const f = await matrixOrg('owner-invite');
    const owner = await client(pool.o1);
    const email = uniqueEmail('future-owner');
    expect(
      (await owner.post(`/organizations/${f.org.id}/team/invitations`, { email, role: 'owner' }))
        .status,
    ).toBe(303);
    const inv = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const before = await snapshot();
    const res = await (
      await client(pool.a1)
    ).post(`/organizations/${f.org.id}/team/invitations/${inv.id}/cancel`);
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('an invitation of one organization cannot be withdrawn through another', async () => {
    const f = await matrixOrg('cross-cancel');
    const { org: own } = await seedOrg(t.laurel.deps, {
      owner: pool.outsider,
      name: `Own ${randomBytes(3).toString('hex')}`,
    });
    const before = await snapshot();
    const res = await (
      await client(pool.outsider)
    ).post(`/organizations/${own.id}/team/invitations/${f.invitationId}/cancel`);
    expect(res.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('invitations answer only to their invitee', () => {
  it('someone else signed in cannot accept or decline, and the link tells them it is not theirs', async () => {
    const f = await matrixOrg('invitee-only');
    const owner = await client(pool.o1);
    const email = uniqueEmail('invitee');
    expect(
      (await owner.post(`/organizations/${f.org.id}/team/invitations`, { email, role: 'admin' }))
        .status,
    ).toBe(303);
    await t.smtp.waitFor((all) => all.some((m) => m.to.includes(email)));
    const mail = t.smtp.messages.find((m) => m.to.includes(email))!;
    const link = new URL(linkIn(mail.text, '/invitations/'));
    const inv = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

    const intruder = await client(pool.outsider);
    const page = await intruder.get(link.pathname);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Signed in with another email');
    expect(page.html).not.toContain(`/invitations/${inv.id}/accept`);

    const before = await snapshot();
    for (const answer of ['accept', 'decline']) {
      const res = await intruder.post(`/invitations/${inv.id}/${answer}`);
      expect(res.status, answer).toBe(404);
    }
    // A guessed token finds nothing.
    expect(
      (await intruder.get(`/invitations/${randomBytes(32).toString('base64url')}`)).status,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('races: the owner rules hold under concurrent requests', () => {
  async function professionalOrg(admins: number) {
    const owner = await seedUser(t.laurel.deps, { firstName: 'Race', lastName: 'Owner' });
    const { org } = await seedOrg(t.laurel.deps, {
      owner,
      name: `Race ${randomBytes(3).toString('hex')}`,
      plan: 'professional',
    });
    const members: User[] = [];
    for (let i = 0; i < admins; i++) members.push(await addMember(t.laurel.deps, org.id, 'admin'));
    return { org, owner, members };
  }
  const owners = async (orgId: string) =>
    (
      await t.database.db
        .selectFrom('memberships')
        .select('user_id')
        .where('organization_id', '=', orgId)
        .where('role', '=', 'owner')
        .execute()
    ).length;

  it('concurrent promotions fill the one free owner seat once', async () => {
    const { org, owner, members } = await professionalOrg(3);
    const c = await signedInClient(t.url, owner.email);
    const results = await Promise.all(
      members.map((m) =>
        c.post(`/organizations/${org.id}/team/members/${m.id}/role`, { role: 'owner' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 403, 403]);
    expect(await owners(org.id)).toBe(2);
  });

  it('two owners leaving at once leave one owner behind', async () => {
    const { org, owner, members } = await professionalOrg(1);
    const [second] = members;
    await t.database.db
      .updateTable('memberships')
      .set({ role: 'owner' })
      .where('organization_id', '=', org.id)
      .where('user_id', '=', second!.id)
      .execute();
    const [a, b] = [
      await signedInClient(t.url, owner.email),
      await signedInClient(t.url, second!.email),
    ];
    const results = await Promise.all([
      a.post(`/organizations/${org.id}/team/leave`),
      b.post(`/organizations/${org.id}/team/leave`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await owners(org.id)).toBe(1);
  });

  it('the same email invited twice at once gets one pending invitation', async () => {
    const { org, owner } = await professionalOrg(0);
    const c = await signedInClient(t.url, owner.email);
    const email = uniqueEmail('twice');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        c.post(`/organizations/${org.id}/team/invitations`, { email, role: 'viewer' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    const rows = await t.database.db
      .selectFrom('invitations')
      .select('id')
      .where('organization_id', '=', org.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
