import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, userActor, type Actor } from '../../src/core/authz/actor.ts';
import type { Role } from '../../src/core/authz/roles.ts';
import { getBadge } from '../../src/core/badges/queries.ts';
import { getCredential } from '../../src/core/credentials/queries.ts';
import { revokeCredential } from '../../src/core/credentials/revoke.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { getTeam } from '../../src/core/members/members.ts';
import { inviteMember } from '../../src/core/members/invitations.ts';
import { getOrganizationForMember } from '../../src/core/organizations/organizations.ts';
import type { Result } from '../../src/core/result.ts';
import {
  addMember,
  seedBadge,
  seedCredential,
  seedIssuer,
  uniqueEmail,
} from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

function value<T>(r: Result<T, ErrorCode>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const ROLES_IN_ORDER: readonly Role[] = ['owner', 'admin', 'issuer', 'viewer'];

/**
 * What the queries tell a page the viewer may offer, per role (members-and-roles.md), so no
 * page decides it again.
 */
describe.each(testDialects())('what the viewer may do, on %s', (dialect) => {
  let core: TestCore;
  let issuer: Awaited<ReturnType<typeof seedIssuer>>;
  const members = {} as Record<Role, Actor>;

  beforeAll(async () => {
    core = await createTestCore(dialect);
    issuer = await seedIssuer(core.deps, { plan: 'enterprise' });
    members.owner = userActor(issuer.owner.id);
    for (const role of ['admin', 'issuer', 'viewer'] as const)
      members[role] = userActor((await addMember(core.deps, issuer.org.id, role)).id);
  });
  afterAll(() => core.destroy());

  const each = async <T>(ask: (actor: Actor) => Promise<Result<T, ErrorCode>>) =>
    Object.fromEntries(
      await Promise.all(ROLES_IN_ORDER.map(async (r) => [r, value(await ask(members[r]))])),
    ) as Record<Role, T>;

  it('an active badge: issue for owners, admins and issuers; edit and delete for owners and admins', async () => {
    const views = await each((a) => getBadge(core.deps, a, issuer.org.id, issuer.badge.id));
    expect(Object.fromEntries(ROLES_IN_ORDER.map((r) => [r, views[r].may]))).toEqual({
      owner: { issue: true, edit: true, delete: true },
      admin: { issue: true, edit: true, delete: true },
      issuer: { issue: true, edit: false, delete: false },
      viewer: { issue: false, edit: false, delete: false },
    });
  });

  it('a deactivated badge: nobody issues from it, and with credentials nothing is left to delete', async () => {
    const used = await seedBadge(core.deps, issuer.org.id);
    const unused = await seedBadge(core.deps, issuer.org.id);
    await seedCredential(core.deps, issuer.org, used);
    for (const b of [used, unused])
      await core.deps.uow.stores.badges.setActive(b.id, false, core.deps.clock.now());
    const withCredentials = await each((a) => getBadge(core.deps, a, issuer.org.id, used.id));
    const empty = await each((a) => getBadge(core.deps, a, issuer.org.id, unused.id));
    for (const r of ROLES_IN_ORDER) {
      expect(withCredentials[r].may).toEqual({
        issue: false,
        edit: r === 'owner' || r === 'admin',
        delete: false,
      });
      expect(empty[r].may.delete).toBe(r === 'owner' || r === 'admin');
    }
  });

  it('a credential row: resend and revoke for owners and admins, and for nobody once it is revoked', async () => {
    const live = await seedCredential(core.deps, issuer.org, issuer.badge, {
      recipientEmail: uniqueEmail('live'),
    });
    const gone = await seedCredential(core.deps, issuer.org, issuer.badge, {
      recipientEmail: uniqueEmail('gone'),
    });
    value(await revokeCredential(core.deps, members.owner, issuer.org.id, gone.id, 'In error'));
    const rows = await each((a) => getCredential(core.deps, a, issuer.org.id, live.id));
    const revoked = await each((a) => getCredential(core.deps, a, issuer.org.id, gone.id));
    expect(Object.fromEntries(ROLES_IN_ORDER.map((r) => [r, rows[r].may]))).toEqual({
      owner: { resend: true, revoke: true },
      admin: { resend: true, revoke: true },
      issuer: { resend: false, revoke: false },
      viewer: { resend: false, revoke: false },
    });
    for (const r of ROLES_IN_ORDER)
      expect(revoked[r].may).toEqual({ resend: false, revoke: false });
  });

  it('the organization: each action of the matrix, per role', async () => {
    const access = await each((a) => getOrganizationForMember(core.deps, a, issuer.org.id));
    const row = (action: keyof (typeof access)['owner']['may']) =>
      ROLES_IN_ORDER.map((r) => access[r].may[action]);
    expect(row('organization.update')).toEqual([true, true, false, false]);
    expect(row('signing_keys.generate')).toEqual([true, false, false, false]);
    expect(row('api_keys.manage')).toEqual([true, false, false, false]);
    expect(row('billing.manage')).toEqual([true, false, false, false]);
    expect(row('badges.create')).toEqual([true, true, true, false]);
    expect(row('credentials.issue')).toEqual([true, true, true, false]);
    expect(row('members.invite')).toEqual([true, true, false, false]);
  });

  it('the team: role choices, removal, invitations and leaving, per role', async () => {
    value(
      await inviteMember(core.deps, members.owner, issuer.org.id, {
        email: uniqueEmail(),
        role: 'owner',
      }),
    );
    value(
      await inviteMember(core.deps, members.owner, issuer.org.id, {
        email: uniqueEmail(),
        role: 'viewer',
      }),
    );
    const teams = await each((a) => getTeam(core.deps, a, issuer.org.id));
    const roleOf = (team: (typeof teams)['owner'], userId: string) =>
      team.members.find((m) => m.userId === userId)!;
    const id = (r: Role) => (members[r] as { userId: string }).userId;

    // Owners change any non-owner's role (promoting included) and remove them.
    for (const r of ['admin', 'issuer', 'viewer'] as const) {
      expect(roleOf(teams.owner, id(r)).may).toEqual({
        roles: ['owner', 'admin', 'issuer', 'viewer'],
        remove: true,
      });
    }
    // The one owner cannot step down or leave: they would orphan the organization.
    expect(roleOf(teams.owner, id('owner')).may).toEqual({ roles: [], remove: false });
    expect(teams.owner.mayLeave).toBe(false);
    expect(teams.owner.invitableRoles).toEqual(['owner', 'admin', 'issuer', 'viewer']);
    expect(teams.owner.invitations.map((i) => [i.role, i.may.withdraw]).sort()).toEqual([
      ['owner', true],
      ['viewer', true],
    ]);

    // Admins change no roles, remove issuers and viewers, invite all but owners.
    expect(roleOf(teams.admin, id('owner')).may).toEqual({ roles: ['owner'], remove: false });
    expect(roleOf(teams.admin, id('issuer')).may).toEqual({ roles: ['issuer'], remove: true });
    expect(roleOf(teams.admin, id('viewer')).may.remove).toBe(true);
    expect(roleOf(teams.admin, id('admin')).may).toEqual({ roles: [], remove: false });
    expect(teams.admin.invitableRoles).toEqual(['admin', 'issuer', 'viewer']);
    expect(teams.admin.invitations.map((i) => [i.role, i.may.withdraw]).sort()).toEqual([
      ['owner', false],
      ['viewer', true],
    ]);
    expect(teams.admin.mayLeave).toBe(true);

    // Issuers and viewers see the team, change and remove nobody, invite nobody, and may leave.
    for (const r of ['issuer', 'viewer'] as const) {
      const team = teams[r];
      expect(team.members.every((m) => m.may.remove === false && m.may.roles.length <= 1)).toBe(
        true,
      );
      expect(team.invitableRoles).toEqual([]);
      expect(team.invitations).toEqual([]);
      expect(team.mayLeave).toBe(true);
    }
  });

  it('an API key and the operator are nobody’s members: the team and the member view answer NOT_FOUND', async () => {
    const key: Actor = { kind: 'api_key', apiKeyId: 'k', organizationId: issuer.org.id };
    for (const actor of [key, OPERATOR]) {
      expect((await getTeam(core.deps, actor, issuer.org.id)).ok).toBe(false);
      expect((await getOrganizationForMember(core.deps, actor, issuer.org.id)).ok).toBe(false);
    }
    const viaKey = value(await getBadge(core.deps, key, issuer.org.id, issuer.badge.id));
    expect(viaKey.may).toEqual({ issue: true, edit: true, delete: true });
  });
});
