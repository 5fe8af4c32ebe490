import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.ts';
import { ROLES, type Role } from '../../src/core/authz/roles.ts';
import type { Organization, User } from '../../src/core/entities.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import {
  cancelInvitation,
  inviteMember,
  respondToInvitation,
} from '../../src/core/members/invitations.ts';
import {
  changeMemberRole,
  getTeam,
  leaveOrganization,
  removeMember,
} from '../../src/core/members/members.ts';
import { setEmailNotifications } from '../../src/core/organizations/organizations.ts';
import { setOrganizationPlan } from '../../src/core/organizations/review.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import type { PlanId } from '../../src/core/plans/plans.ts';
import type { Result } from '../../src/core/result.ts';
import { addMember, seedOrg, seedUser, uniqueEmail } from '../factories/index.ts';
import { TEST_NOW, createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

/** Member rules of organizations/members-and-roles.md and the owner caps of billing.md, through the use cases. */
describe.each(testDialects())('member rules on %s', (dialect) => {
  let core: TestCore;

  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(async () => {
    await core.destroy();
  });

  const deps = () => core.deps;
  const org = (plan: PlanId = 'free') => seedOrg(core.deps, { plan });
  const countOwners = (orgId: string) => core.deps.uow.stores.memberships.countOwners(orgId);

  /**
   * Every table, and the outbox's delivery status too: no worker runs here, so a status that
   * moved was moved by the action.
   */
  async function snapshot() {
    const [tables, outboxStatus] = await Promise.all([
      snapshotTables(core.db),
      core.db.selectFrom('email_outbox').select(['id', 'status']).orderBy('id').execute(),
    ]);
    return { ...tables, outboxStatus };
  }

  /** Runs a refused action: asserts its code (and reason) and that nothing was written. */
  async function expectRefused(
    action: () => Promise<Result<unknown, ErrorCode>>,
    code: ErrorCode,
    details?: Record<string, unknown>,
  ) {
    const before = await snapshot();
    const result = await action();
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (result.ok) return undefined;
    expect(result.error.code).toBe(code);
    if (details) expect(result.error.details).toMatchObject(details);
    expect(await snapshot()).toEqual(before);
    return result.error;
  }

  function expectOk<T>(result: Result<T, ErrorCode>): T {
    if (!result.ok)
      throw new Error(
        `expected ok, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.details)}`,
      );
    return result.value;
  }

  /** The outbox rows written while `action` ran. */
  async function emailsDuring(action: () => Promise<unknown>) {
    const seen = new Set(
      (await core.db.selectFrom('email_outbox').select('id').execute()).map((r) => r.id),
    );
    await action();
    const rows = await core.db
      .selectFrom('email_outbox')
      .select(['id', 'to_address', 'kind', 'status'])
      .execute();
    return rows
      .filter((r) => !seen.has(r.id))
      .map((r) => ({ to: r.to_address, kind: r.kind, status: r.status }))
      .sort((a, b) => a.to.localeCompare(b.to));
  }

  /** An owner invitation to a fresh verified user: returns the user and the invitation id. */
  async function inviteNewPerson(actor: User, o: Organization, role: Role) {
    const person = await seedUser(core.deps, { email: uniqueEmail(role) });
    const inv = expectOk(
      await inviteMember(deps(), userActor(actor.id), o.id, { email: person.email, role }),
    );
    return { person, invitationId: inv.id };
  }

  describe('owner cap on promotion', () => {
    it('Free allows 1 owner: promoting an admin is refused with OWNER_LIMIT', async () => {
      const { org: o, owner } = await org('free');
      const admin = await addMember(core.deps, o.id, 'admin');
      const error = await expectRefused(
        () => changeMemberRole(deps(), userActor(owner.id), o.id, admin.id, 'owner'),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 1,
          used: 1,
        },
      );
      expect(error?.message).toMatch(/Free plan allows 1 owner/);
      expect(error?.message).toMatch(/Upgrade/);
    });

    it('Professional allows 2 owners: the first promotion passes, the second is refused', async () => {
      const { org: o, owner } = await org('professional');
      const [a1, a2] = [
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'issuer'),
      ];
      expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, a1.id, 'owner'));
      expect(await countOwners(o.id)).toBe(2);
      await expectRefused(
        () => changeMemberRole(deps(), userActor(owner.id), o.id, a2.id, 'owner'),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 2,
          used: 2,
        },
      );
      // The new owner hits the same cap.
      await expectRefused(
        () => changeMemberRole(deps(), userActor(a1.id), o.id, a2.id, 'owner'),
        'FORBIDDEN',
        { reason: 'OWNER_LIMIT' },
      );
    });

    it('Enterprise has no owner cap', async () => {
      const { org: o, owner } = await org('enterprise');
      for (let i = 0; i < 4; i++) {
        const m = await addMember(core.deps, o.id, 'viewer');
        expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, m.id, 'owner'));
      }
      expect(await countOwners(o.id)).toBe(5);
    });

    it('an expired granted plan caps owners like Free', async () => {
      const { org: o, owner } = await org('free');
      expectOk(
        await setOrganizationPlan(deps(), OPERATOR, o.id, {
          plan: 'professional',
          grantExpiresAt: new Date(TEST_NOW.getTime() + DAY),
        }),
      );
      const [a1, a2] = [
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'admin'),
      ];
      try {
        core.setNow(new Date(TEST_NOW.getTime() + DAY - 1));
        expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, a1.id, 'owner'));
        expectOk(await changeMemberRole(deps(), userActor(a1.id), o.id, a1.id, 'admin'));
        core.setNow(new Date(TEST_NOW.getTime() + DAY));
        await expectRefused(
          () => changeMemberRole(deps(), userActor(owner.id), o.id, a2.id, 'owner'),
          'FORBIDDEN',
          {
            reason: 'OWNER_LIMIT',
            limit: 1,
          },
        );
      } finally {
        core.setNow(TEST_NOW);
      }
    });
  });

  describe('owner cap on invitations', () => {
    it('Free with its one owner cannot invite an owner, but can invite an admin', async () => {
      const { org: o, owner } = await org('free');
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(owner.id), o.id, { email: uniqueEmail(), role: 'owner' }),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 1,
          used: 1,
        },
      );
      expectOk(
        await inviteMember(deps(), userActor(owner.id), o.id, {
          email: uniqueEmail(),
          role: 'admin',
        }),
      );
    });

    it('Professional with 2 owners cannot invite an owner', async () => {
      const { org: o, owner } = await org('professional');
      await addMember(core.deps, o.id, 'owner');
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(owner.id), o.id, { email: uniqueEmail(), role: 'owner' }),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 2,
        },
      );
    });

    it('Professional: a second pending owner invitation is refused when inviting', async () => {
      const { org: o, owner } = await org('professional');
      await inviteNewPerson(owner, o, 'owner');
      const before = await core.db
        .selectFrom('invitations')
        .select(['id', 'status'])
        .where('organization_id', '=', o.id)
        .execute();
      const person = await seedUser(core.deps);
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(owner.id), o.id, { email: person.email, role: 'owner' }),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 2,
          used: 2,
        },
      );
      expect(
        await core.db
          .selectFrom('invitations')
          .select(['id', 'status'])
          .where('organization_id', '=', o.id)
          .execute(),
      ).toEqual(before);
    });

    it('after a downgrade, an owner invitation sent earlier is refused on accept and stays pending', async () => {
      const { org: o, owner } = await org('enterprise');
      const first = await inviteNewPerson(owner, o, 'owner');
      const second = await inviteNewPerson(owner, o, 'owner');
      expectOk(await setOrganizationPlan(deps(), OPERATOR, o.id, { plan: 'professional' }));
      expectOk(
        await respondToInvitation(deps(), userActor(first.person.id), first.invitationId, 'accept'),
      );
      expect(await countOwners(o.id)).toBe(2);
      expect((await core.deps.uow.stores.memberships.find(o.id, first.person.id))?.role).toBe(
        'owner',
      );
      await expectRefused(
        () =>
          respondToInvitation(deps(), userActor(second.person.id), second.invitationId, 'accept'),
        'FORBIDDEN',
        {
          reason: 'OWNER_LIMIT',
          limit: 2,
          used: 2,
        },
      );
      expect((await core.deps.uow.stores.invitations.findById(second.invitationId))?.status).toBe(
        'pending',
      );
      // Declining is always possible.
      expectOk(
        await respondToInvitation(
          deps(),
          userActor(second.person.id),
          second.invitationId,
          'decline',
        ),
      );
      expect(await core.deps.uow.stores.memberships.find(o.id, second.person.id)).toBeUndefined();
    });

    it('Enterprise: owner invitations are accepted past any number of owners', async () => {
      const { org: o, owner } = await org('enterprise');
      await addMember(core.deps, o.id, 'owner');
      await addMember(core.deps, o.id, 'owner');
      const inv = await inviteNewPerson(owner, o, 'owner');
      expectOk(
        await respondToInvitation(deps(), userActor(inv.person.id), inv.invitationId, 'accept'),
      );
      expect(await countOwners(o.id)).toBe(4);
    });
  });

  describe('the last owner', () => {
    it('cannot leave', async () => {
      const { org: o, owner } = await org('professional');
      await addMember(core.deps, o.id, 'admin');
      await expectRefused(() => leaveOrganization(deps(), userActor(owner.id), o.id), 'CONFLICT', {
        reason: 'LAST_OWNER',
      });
    });

    it('cannot step down to any other role', async () => {
      const { org: o, owner } = await org('free');
      for (const role of ['admin', 'issuer', 'viewer'] as const) {
        await expectRefused(
          () => changeMemberRole(deps(), userActor(owner.id), o.id, owner.id, role),
          'CONFLICT',
          { reason: 'LAST_OWNER' },
        );
      }
    });

    it('with a second owner, one may step down and then the other is the last again', async () => {
      const { org: o, owner } = await org('professional');
      const second = await addMember(core.deps, o.id, 'owner');
      const emails = await emailsDuring(async () =>
        expectOk(await changeMemberRole(deps(), userActor(second.id), o.id, second.id, 'viewer')),
      );
      expect(emails).toEqual([]);
      expect((await core.deps.uow.stores.memberships.find(o.id, second.id))?.role).toBe('viewer');
      await expectRefused(() => leaveOrganization(deps(), userActor(owner.id), o.id), 'CONFLICT', {
        reason: 'LAST_OWNER',
      });
      await expectRefused(
        () => changeMemberRole(deps(), userActor(owner.id), o.id, owner.id, 'admin'),
        'CONFLICT',
        { reason: 'LAST_OWNER' },
      );
    });

    it('any other member may leave', async () => {
      const { org: o } = await org('free');
      for (const role of ['admin', 'issuer', 'viewer'] as const) {
        const m = await addMember(core.deps, o.id, role);
        expectOk(await leaveOrganization(deps(), userActor(m.id), o.id));
        expect(await core.deps.uow.stores.memberships.find(o.id, m.id)).toBeUndefined();
      }
    });
  });

  describe('who may remove, change roles and invite', () => {
    it('an admin cannot remove an admin or an owner, but removes issuers and viewers', async () => {
      const { org: o, owner } = await org('free');
      const [admin, otherAdmin, issuer, viewer] = [
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'issuer'),
        await addMember(core.deps, o.id, 'viewer'),
      ];
      await expectRefused(
        () => removeMember(deps(), userActor(admin.id), o.id, otherAdmin.id),
        'FORBIDDEN',
        {
          reason: 'ROLE',
        },
      );
      await expectRefused(
        () => removeMember(deps(), userActor(admin.id), o.id, owner.id),
        'FORBIDDEN',
        {
          reason: 'ROLE',
        },
      );
      expectOk(await removeMember(deps(), userActor(admin.id), o.id, issuer.id));
      expectOk(await removeMember(deps(), userActor(admin.id), o.id, viewer.id));
      expect(
        (await core.deps.uow.stores.memberships.list(o.id)).map((m) => m.userId).sort(),
      ).toEqual([owner.id, admin.id, otherAdmin.id].sort());
    });

    it('an owner removes an admin but not another owner; nobody removes themselves', async () => {
      const { org: o, owner } = await org('professional');
      const [coOwner, admin] = [
        await addMember(core.deps, o.id, 'owner'),
        await addMember(core.deps, o.id, 'admin'),
      ];
      await expectRefused(
        () => removeMember(deps(), userActor(owner.id), o.id, coOwner.id),
        'FORBIDDEN',
        {
          reason: 'ROLE',
        },
      );
      await expectRefused(
        () => removeMember(deps(), userActor(owner.id), o.id, owner.id),
        'CONFLICT',
        {
          reason: 'USE_LEAVE',
        },
      );
      await expectRefused(
        () => removeMember(deps(), userActor(admin.id), o.id, admin.id),
        'CONFLICT',
        {
          reason: 'USE_LEAVE',
        },
      );
      expectOk(await removeMember(deps(), userActor(owner.id), o.id, admin.id));
    });

    it('issuers and viewers cannot remove anyone', async () => {
      const { org: o, owner } = await org('free');
      const [issuer, viewer] = [
        await addMember(core.deps, o.id, 'issuer'),
        await addMember(core.deps, o.id, 'viewer'),
      ];
      for (const actor of [issuer, viewer]) {
        for (const target of [owner, issuer, viewer].filter((t) => t.id !== actor.id)) {
          await expectRefused(
            () => removeMember(deps(), userActor(actor.id), o.id, target.id),
            'FORBIDDEN',
            {
              reason: 'ROLE',
            },
          );
        }
      }
    });

    it('only owners change roles, and never another owner’s', async () => {
      const { org: o, owner } = await org('professional');
      const [coOwner, admin, issuer] = [
        await addMember(core.deps, o.id, 'owner'),
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'issuer'),
      ];
      await expectRefused(
        () => changeMemberRole(deps(), userActor(owner.id), o.id, coOwner.id, 'admin'),
        'FORBIDDEN',
        { reason: 'ROLE' },
      );
      await expectRefused(
        () => changeMemberRole(deps(), userActor(admin.id), o.id, issuer.id, 'viewer'),
        'FORBIDDEN',
        { reason: 'ROLE' },
      );
      await expectRefused(
        () => changeMemberRole(deps(), userActor(admin.id), o.id, admin.id, 'issuer'),
        'FORBIDDEN',
        { reason: 'ROLE' },
      );
      await expectRefused(
        () => changeMemberRole(deps(), userActor(issuer.id), o.id, issuer.id, 'admin'),
        'FORBIDDEN',
        { reason: 'ROLE' },
      );
      await expectRefused(
        () => changeMemberRole(deps(), userActor(owner.id), o.id, issuer.id, 'superuser'),
        'VALIDATION_ERROR',
      );
      expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, issuer.id, 'admin'));
      expect((await core.deps.uow.stores.memberships.find(o.id, issuer.id))?.role).toBe('admin');
    });

    it('issuers and viewers cannot invite anyone; admins cannot invite owners', async () => {
      const { org: o } = await org('enterprise');
      const [admin, issuer, viewer] = [
        await addMember(core.deps, o.id, 'admin'),
        await addMember(core.deps, o.id, 'issuer'),
        await addMember(core.deps, o.id, 'viewer'),
      ];
      for (const actor of [issuer, viewer]) {
        for (const role of ROLES) {
          await expectRefused(
            () => inviteMember(deps(), userActor(actor.id), o.id, { email: uniqueEmail(), role }),
            'FORBIDDEN',
            { reason: 'ROLE' },
          );
        }
      }
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(admin.id), o.id, { email: uniqueEmail(), role: 'owner' }),
        'FORBIDDEN',
        {
          reason: 'ROLE',
        },
      );
      for (const role of ['admin', 'issuer', 'viewer'] as const) {
        expectOk(
          await inviteMember(deps(), userActor(admin.id), o.id, { email: uniqueEmail(), role }),
        );
      }
    });

    it('refuses a second invitation to a pending email or to a member', async () => {
      const { org: o, owner } = await org('free');
      const email = uniqueEmail('twice');
      expectOk(await inviteMember(deps(), userActor(owner.id), o.id, { email, role: 'viewer' }));
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(owner.id), o.id, {
            email: ` ${email.toUpperCase()}`,
            role: 'admin',
          }),
        'CONFLICT',
        {
          reason: 'ALREADY_INVITED',
        },
      );
      const member = await addMember(core.deps, o.id, 'issuer');
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(owner.id), o.id, { email: member.email, role: 'viewer' }),
        'CONFLICT',
        {
          reason: 'ALREADY_MEMBER',
        },
      );
    });

    it('an admin cannot withdraw an owner invitation', async () => {
      const { org: o, owner } = await org('professional');
      const admin = await addMember(core.deps, o.id, 'admin');
      const inv = expectOk(
        await inviteMember(deps(), userActor(owner.id), o.id, {
          email: uniqueEmail(),
          role: 'owner',
        }),
      );
      await expectRefused(
        () => cancelInvitation(deps(), userActor(admin.id), o.id, inv.id),
        'FORBIDDEN',
        {
          reason: 'ROLE',
        },
      );
      expectOk(await cancelInvitation(deps(), userActor(owner.id), o.id, inv.id));
      await expectRefused(
        () => cancelInvitation(deps(), userActor(owner.id), o.id, inv.id),
        'NOT_FOUND',
      );
    });

    it('an unverified account cannot accept', async () => {
      const { org: o, owner } = await org('free');
      const person = await seedUser(core.deps, { verified: false });
      const inv = expectOk(
        await inviteMember(deps(), userActor(owner.id), o.id, {
          email: person.email,
          role: 'viewer',
        }),
      );
      await expectRefused(
        () => respondToInvitation(deps(), userActor(person.id), inv.id, 'accept'),
        'FORBIDDEN',
        { reason: 'EMAIL_NOT_VERIFIED' },
      );
    });
  });

  describe("another organization's ids", () => {
    it('answer NOT_FOUND exactly like missing ones, and change nothing', async () => {
      const a = await org('enterprise');
      const b = await org('enterprise');
      const memberOfB = await addMember(core.deps, b.org.id, 'viewer');
      const memberOfA = await addMember(core.deps, a.org.id, 'viewer');
      const invOfB = expectOk(
        await inviteMember(deps(), userActor(b.owner.id), b.org.id, {
          email: uniqueEmail(),
          role: 'viewer',
        }),
      );
      const missing = '00000000-0000-4000-8000-000000000000';
      const ownerA = a.owner.id;

      const foreignOrg = await expectRefused(
        () => changeMemberRole(deps(), userActor(ownerA), b.org.id, memberOfB.id, 'admin'),
        'NOT_FOUND',
      );
      const missingOrg = await expectRefused(
        () => changeMemberRole(deps(), userActor(ownerA), missing, memberOfB.id, 'admin'),
        'NOT_FOUND',
      );
      expect(foreignOrg).toEqual(missingOrg);

      const foreignMember = await expectRefused(
        () => changeMemberRole(deps(), userActor(ownerA), a.org.id, memberOfB.id, 'owner'),
        'NOT_FOUND',
      );
      const missingMember = await expectRefused(
        () => changeMemberRole(deps(), userActor(ownerA), a.org.id, missing, 'owner'),
        'NOT_FOUND',
      );
      expect(foreignMember).toEqual(missingMember);

      await expectRefused(
        () => removeMember(deps(), userActor(ownerA), b.org.id, memberOfB.id),
        'NOT_FOUND',
      );
      expect(
        await expectRefused(
          () => removeMember(deps(), userActor(ownerA), a.org.id, memberOfB.id),
          'NOT_FOUND',
        ),
      ).toEqual(
        await expectRefused(
          () => removeMember(deps(), userActor(ownerA), a.org.id, missing),
          'NOT_FOUND',
        ),
      );
      await expectRefused(
        () =>
          inviteMember(deps(), userActor(ownerA), b.org.id, {
            email: uniqueEmail(),
            role: 'viewer',
          }),
        'NOT_FOUND',
      );
      await expectRefused(
        () => leaveOrganization(deps(), userActor(memberOfA.id), b.org.id),
        'NOT_FOUND',
      );
      expect(
        await expectRefused(
          () => cancelInvitation(deps(), userActor(ownerA), a.org.id, invOfB.id),
          'NOT_FOUND',
        ),
      ).toEqual(
        await expectRefused(
          () => cancelInvitation(deps(), userActor(ownerA), a.org.id, missing),
          'NOT_FOUND',
        ),
      );
      await expectRefused(
        () => cancelInvitation(deps(), userActor(ownerA), b.org.id, invOfB.id),
        'NOT_FOUND',
      );
      expect(
        await expectRefused(() => getTeam(deps(), userActor(ownerA), b.org.id), 'NOT_FOUND'),
      ).toEqual(
        await expectRefused(() => getTeam(deps(), userActor(ownerA), missing), 'NOT_FOUND'),
      );
      // Someone else's invitation: answering it looks like answering a missing one.
      for (const answer of ['accept', 'decline'] as const) {
        expect(
          await expectRefused(
            () => respondToInvitation(deps(), userActor(memberOfA.id), invOfB.id, answer),
            'NOT_FOUND',
          ),
        ).toEqual(
          await expectRefused(
            () => respondToInvitation(deps(), userActor(memberOfA.id), missing, answer),
            'NOT_FOUND',
          ),
        );
      }
      expect((await core.deps.uow.stores.memberships.find(b.org.id, memberOfB.id))?.role).toBe(
        'viewer',
      );
    });
  });

  describe('notifications', () => {
    /** Runs the same scenario with the organization's email toggle on, then off. */
    describe.each([
      { emails: true, status: 'queued' },
      { emails: false, status: 'suppressed' },
    ])('with organization emails $emails', ({ emails, status }) => {
      async function team() {
        const seeded = await org('enterprise');
        if (!emails)
          expectOk(
            await setEmailNotifications(deps(), userActor(seeded.owner.id), seeded.org.id, false),
          );
        return seeded;
      }

      it('a role change emails the member member.role_changed', async () => {
        const { org: o, owner } = await team();
        const issuer = await addMember(core.deps, o.id, 'issuer');
        const sent = await emailsDuring(async () =>
          expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, issuer.id, 'admin')),
        );
        expect(sent).toEqual([{ to: issuer.email, kind: 'member.role_changed', status }]);
      });

      it('a promotion emails the member member.promoted_to_owner', async () => {
        const { org: o, owner } = await team();
        const admin = await addMember(core.deps, o.id, 'admin');
        const sent = await emailsDuring(async () =>
          expectOk(await changeMemberRole(deps(), userActor(owner.id), o.id, admin.id, 'owner')),
        );
        expect(sent).toEqual([{ to: admin.email, kind: 'member.promoted_to_owner', status }]);
      });

      it('a removal emails the removed member member.removed', async () => {
        const { org: o, owner } = await team();
        const viewer = await addMember(core.deps, o.id, 'viewer');
        const sent = await emailsDuring(async () =>
          expectOk(await removeMember(deps(), userActor(owner.id), o.id, viewer.id)),
        );
        expect(sent).toEqual([{ to: viewer.email, kind: 'member.removed', status }]);
      });

      it('an owner leaving emails each remaining owner member.owner_left, and nobody else', async () => {
        const { org: o, owner } = await team();
        const [o2, o3] = [
          await addMember(core.deps, o.id, 'owner'),
          await addMember(core.deps, o.id, 'owner'),
        ];
        await addMember(core.deps, o.id, 'admin');
        const sent = await emailsDuring(async () =>
          expectOk(await leaveOrganization(deps(), userActor(o3.id), o.id)),
        );
        expect(sent).toEqual(
          [owner.email, o2.email].sort().map((to) => ({ to, kind: 'member.owner_left', status })),
        );
      });

      it('a non-owner leaving emails nobody', async () => {
        const { org: o } = await team();
        const admin = await addMember(core.deps, o.id, 'admin');
        expect(
          await emailsDuring(async () =>
            expectOk(await leaveOrganization(deps(), userActor(admin.id), o.id)),
          ),
        ).toEqual([]);
      });

      it('an invitation emails the invitee member.invitation', async () => {
        const { org: o, owner } = await team();
        const email = uniqueEmail('invitee');
        const sent = await emailsDuring(async () =>
          expectOk(
            await inviteMember(deps(), userActor(owner.id), o.id, { email, role: 'issuer' }),
          ),
        );
        expect(sent).toEqual([{ to: email, kind: 'member.invitation', status }]);
      });
    });
  });
});
