import { organizationPageUrl } from '../public-urls.ts';
import {
  can,
  canChangeRole,
  canInviteAs,
  canRemoveMember,
  wouldOrphan,
} from '../authz/permissions.ts';
import { ROLES, isRole, type Role } from '../authz/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { fullName, type Invitation, type Member } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { memberAccess, type OrgAccess } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import { notify, notifyOwners } from '../organizations/notify.ts';
import { err, ok, type Result } from '../result.ts';
import { checkOwnerCap } from './owner-cap.ts';

/** A member as the viewer sees them on the team page. */
export interface TeamMember extends Member {
  may: {
    /**
     * The roles the viewer may choose for them, their current role included; one or none
     * means there is nothing to change. For the viewer themselves: stepping down, open to an
     * owner who is not the last one.
     */
    roles: readonly Role[];
    /** Remove them; leaving (removing oneself) is `Team.mayLeave`. */
    remove: boolean;
  };
}

interface TeamInvitation extends Invitation {
  may: { withdraw: boolean };
}

export interface Team extends OrgAccess {
  members: TeamMember[];
  /** Pending invitations, for those who may invite. */
  invitations: TeamInvitation[];
  ownerCount: number;
  /** The roles the viewer may invite as; none means no invite form. */
  invitableRoles: readonly Role[];
  /** The last owner may not leave: they promote someone else first. */
  mayLeave: boolean;
}

export async function getTeam(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<Team, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await memberAccess(s, organizationId, actor);
  if (!access.ok) return access;
  const me = access.value.membership;
  const [members, invitations] = await Promise.all([
    s.memberships.list(organizationId),
    access.value.may['members.invite']
      ? s.invitations.listPendingForOrganization(organizationId)
      : [],
  ]);
  const ownerCount = members.filter((m) => m.role === 'owner').length;
  const lastOwner = wouldOrphan(me.role, ownerCount);
  const rolesFor = (member: Member): readonly Role[] =>
    member.userId === me.userId
      ? can(me.role, 'members.change_role') && !lastOwner
        ? ROLES
        : []
      : ROLES.filter((r) => r === member.role || canChangeRole(me.role, member.role, r));
  return ok({
    ...access.value,
    members: members.map((m) => ({
      ...m,
      may: {
        roles: rolesFor(m),
        remove: m.userId !== me.userId && canRemoveMember(me.role, m.role),
      },
    })),
    invitations: invitations.map((i) => ({
      ...i,
      may: { withdraw: canInviteAs(me.role, i.role) },
    })),
    ownerCount,
    invitableRoles: ROLES.filter((r) => canInviteAs(me.role, r)),
    mayLeave: !lastOwner,
  });
}

/**
 * Changes a member's role. Only Owners do it, never to another owner; promoting to Owner
 * counts toward the plan's owner cap. An owner may step down themselves while another owner remains.
 */
export async function changeMemberRole(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  targetUserId: string,
  newRoleInput: string,
): Promise<Result<void, ErrorCode>> {
  if (!isRole(newRoleInput))
    return err('VALIDATION_ERROR', 'Choose a role.', { fields: { role: 'Choose a role.' } });
  const newRole: Role = newRoleInput;
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actor);
    if (!access.ok) return access;
    const { organization: org, membership: mine } = access.value;
    const target = await s.memberships.find(org.id, targetUserId);
    if (!target) return err('NOT_FOUND', 'Member not found.');
    if (target.role === newRole) return ok(undefined);

    const steppingDown = targetUserId === mine.userId && mine.role === 'owner';
    if (steppingDown) {
      if (wouldOrphan(mine.role, await s.memberships.countOwners(org.id))) {
        return err('CONFLICT', 'You are the last owner. Promote someone else to owner first.', {
          reason: 'LAST_OWNER',
        });
      }
    } else if (!canChangeRole(mine.role, target.role, newRole)) {
      return err(
        'FORBIDDEN',
        target.role === 'owner'
          ? "You cannot change another owner's role."
          : 'Only owners can change roles.',
        { reason: 'ROLE' },
      );
    }
    if (newRole === 'owner') {
      const cap = await checkOwnerCap(s, org, now);
      if (!cap.ok) return cap;
    }
    await s.memberships.setRole(org.id, targetUserId, newRole);
    if (!steppingDown) {
      const targetUser = await s.users.findById(targetUserId);
      const link = organizationPageUrl(deps.publicUrl, org.id);
      if (targetUser) {
        const email =
          newRole === 'owner'
            ? deps.emails.promotedToOwner({
                to: targetUser.email,
                organizationName: org.name,
                link,
              })
            : deps.emails.roleChanged({
                to: targetUser.email,
                organizationName: org.name,
                role: newRole,
                link,
              });
        await notify(s, org, email, now);
      }
    }
    return ok(undefined);
  });
}

/** Owners remove anyone but owners; Admins remove Issuers and Viewers. The removed member is emailed. */
export async function removeMember(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  targetUserId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Locked so a concurrent promotion cannot turn the target into an owner between the check and the delete.
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actor);
    if (!access.ok) return access;
    const { organization: org, membership: mine } = access.value;
    if (targetUserId === mine.userId) {
      return err('CONFLICT', 'Use “Leave organization” to remove yourself.', {
        reason: 'USE_LEAVE',
      });
    }
    const target = await s.memberships.find(org.id, targetUserId);
    if (!target) return err('NOT_FOUND', 'Member not found.');
    if (!canRemoveMember(mine.role, target.role)) {
      return err(
        'FORBIDDEN',
        target.role === 'owner'
          ? 'Owners cannot be removed by other members.'
          : 'Your role cannot remove this member.',
        {
          reason: 'ROLE',
        },
      );
    }
    await s.memberships.remove(org.id, targetUserId);
    const user = await s.users.findById(targetUserId);
    if (user)
      await notify(
        s,
        org,
        deps.emails.removedFromOrganization({ to: user.email, organizationName: org.name }),
        now,
      );
    return ok(undefined);
  });
}

/** Any member leaves; the last owner cannot (it would orphan the organization). */
export async function leaveOrganization(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actor);
    if (!access.ok) return access;
    const { organization: org, membership } = access.value;
    if (wouldOrphan(membership.role, await s.memberships.countOwners(org.id))) {
      return err(
        'CONFLICT',
        'You are the last owner and cannot leave. Promote someone else to owner first.',
        { reason: 'LAST_OWNER' },
      );
    }
    await s.memberships.remove(org.id, membership.userId);
    if (membership.role === 'owner') {
      const leaver = await s.users.findById(membership.userId);
      const link = `${organizationPageUrl(deps.publicUrl, org.id)}/team`;
      await notifyOwners(
        s,
        org,
        (to) =>
          deps.emails.ownerLeft({
            to,
            organizationName: org.name,
            leaverName: leaver ? fullName(leaver) : 'An owner',
            link,
          }),
        now,
        membership.userId,
      );
    }
    return ok(undefined);
  });
}
