import { organizationPageUrl } from '../public-urls.ts';
import { can, canChangeRole, canRemoveMember, wouldOrphan } from '../authz/permissions.ts';
import { isRole, type Role } from '../authz/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { fullName, type Invitation, type Member } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { memberAccess, type OrgAccess } from '../organizations/access.ts';
import { notify, notifyOwners } from '../organizations/notify.ts';
import { err, ok, type Result } from '../result.ts';
import { checkOwnerCap } from './owner-cap.ts';

export interface Team extends OrgAccess {
  members: Member[];
  invitations: Invitation[];
}

export async function getTeam(
  deps: CoreDeps,
  actorId: string,
  organizationId: string,
): Promise<Result<Team, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await memberAccess(s, organizationId, actorId);
  if (!access.ok) return access;
  const [members, invitations] = await Promise.all([
    s.memberships.list(organizationId),
    can(access.value.membership.role, 'members.invite')
      ? s.invitations.listPendingForOrganization(organizationId)
      : [],
  ]);
  return ok({ ...access.value, members, invitations });
}

/**
 * Changes a member's role. Only Owners do it, never to another owner; promoting to Owner
 * counts toward the plan's owner cap. An owner may step down themselves while another owner remains.
 */
export async function changeMemberRole(
  deps: CoreDeps,
  actorId: string,
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
    const access = await memberAccess(s, organizationId, actorId);
    if (!access.ok) return access;
    const { organization: org, membership: actor } = access.value;
    const target = await s.memberships.find(org.id, targetUserId);
    if (!target) return err('NOT_FOUND', 'Member not found.');
    if (target.role === newRole) return ok(undefined);

    const steppingDown = targetUserId === actorId && actor.role === 'owner';
    if (steppingDown) {
      if (wouldOrphan(actor.role, await s.memberships.countOwners(org.id))) {
        return err('CONFLICT', 'You are the last owner. Promote someone else to owner first.', {
          reason: 'LAST_OWNER',
        });
      }
    } else if (!canChangeRole(actor.role, target.role, newRole)) {
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
  actorId: string,
  organizationId: string,
  targetUserId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Locked so a concurrent promotion cannot turn the target into an owner between the check and the delete.
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actorId);
    if (!access.ok) return access;
    const { organization: org, membership: actor } = access.value;
    if (targetUserId === actorId) {
      return err('CONFLICT', 'Use “Leave organization” to remove yourself.', {
        reason: 'USE_LEAVE',
      });
    }
    const target = await s.memberships.find(org.id, targetUserId);
    if (!target) return err('NOT_FOUND', 'Member not found.');
    if (!canRemoveMember(actor.role, target.role)) {
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
  actorId: string,
  organizationId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actorId);
    if (!access.ok) return access;
    const { organization: org, membership } = access.value;
    if (wouldOrphan(membership.role, await s.memberships.countOwners(org.id))) {
      return err(
        'CONFLICT',
        'You are the last owner and cannot leave. Promote someone else to owner first.',
        { reason: 'LAST_OWNER' },
      );
    }
    await s.memberships.remove(org.id, actorId);
    if (membership.role === 'owner') {
      const leaver = await s.users.findById(actorId);
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
        actorId,
      );
    }
    return ok(undefined);
  });
}
