import { canInviteAs } from '../authz/permissions.ts';
import { isRole, type Role } from '../authz/roles.ts';
import type { CoreDeps } from '../deps.ts';
import { EmailSchema, normalizeEmail } from '../email-address.ts';
import { fullName, type Invitation, type InvitationWithOrganization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { memberAccess } from '../authz/access.ts';
import type { Actor, UserActor } from '../authz/actor.ts';
import { notify } from '../organizations/notify.ts';
import { err, ok, type Result } from '../result.ts';
import { hashToken, newToken } from '../tokens.ts';
import { checkOwnerCap } from './owner-cap.ts';

/** Invites someone by email with a role; the emailed link works whether or not they have an account. */
export async function inviteMember(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  input: { email: string; role: string },
): Promise<Result<Invitation, ErrorCode>> {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success)
    return err('VALIDATION_ERROR', 'Enter a valid email address.', {
      fields: { email: 'Enter a valid email address.' },
    });
  if (!isRole(input.role))
    return err('VALIDATION_ERROR', 'Choose a role.', { fields: { role: 'Choose a role.' } });
  const role: Role = input.role;
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.organizations.lock(organizationId);
    const access = await memberAccess(s, organizationId, actor);
    if (!access.ok) return access;
    const { organization: org, membership } = access.value;
    if (!canInviteAs(membership.role, role)) {
      return err(
        'FORBIDDEN',
        `Your role cannot invite ${role === 'owner' ? 'owners' : 'members'}.`,
        { reason: 'ROLE' },
      );
    }
    if (role === 'owner') {
      const cap = await checkOwnerCap(s, org, now, { countPendingInvitations: true });
      if (!cap.ok) return cap;
    }
    const existingUser = await s.users.findByEmail(email.data);
    if (existingUser && (await s.memberships.find(org.id, existingUser.id))) {
      return err('CONFLICT', 'That person is already a member of this organization.', {
        reason: 'ALREADY_MEMBER',
      });
    }
    if (await s.invitations.findPendingForEmail(org.id, email.data)) {
      return err('CONFLICT', 'An invitation to that email is already pending.', {
        reason: 'ALREADY_INVITED',
      });
    }
    const token = newToken();
    const invitation = await s.invitations.create(
      {
        organizationId: org.id,
        email: email.data,
        role,
        tokenHash: hashToken(token),
        invitedBy: membership.userId,
      },
      now,
    );
    const inviter = await s.users.findById(membership.userId);
    await notify(
      s,
      org,
      deps.emails.invitation({
        to: email.data,
        organizationName: org.name,
        inviterName: inviter ? fullName(inviter) : 'A member',
        role,
        link: `${deps.publicUrl}/invitations/${token}`,
      }),
      now,
    );
    return ok(invitation);
  });
}

/** Who opened an invitation link: nobody signed in, the invited address, or someone else. */
export type InvitationAudience = 'visitor' | 'invitee' | 'other';

export interface InvitationLinkView {
  invitation: InvitationWithOrganization;
  audience: InvitationAudience;
  /** Whether the invited address has an account yet (sign in to answer, or register first). */
  inviteeHasAccount: boolean;
}

/** The invitation behind an emailed link, if it is still pending, as `viewerUserId` sees it. */
export async function openInvitationLink(
  deps: CoreDeps,
  token: string,
  viewerUserId: string | null,
): Promise<InvitationLinkView | undefined> {
  const s = deps.uow.stores;
  const invitation = await s.invitations.findPendingByTokenHash(hashToken(token));
  if (!invitation) return undefined;
  const [viewer, invitee] = await Promise.all([
    viewerUserId ? s.users.findById(viewerUserId) : undefined,
    s.users.findByEmail(invitation.email),
  ]);
  const audience: InvitationAudience = !viewer
    ? 'visitor'
    : normalizeEmail(viewer.email) === normalizeEmail(invitation.email)
      ? 'invitee'
      : 'other';
  return { invitation, audience, inviteeHasAccount: invitee !== undefined };
}

export async function listMyInvitations(
  deps: CoreDeps,
  actor: UserActor,
): Promise<InvitationWithOrganization[]> {
  const user = await deps.uow.stores.users.findById(actor.userId);
  return user ? deps.uow.stores.invitations.listPendingForEmail(user.email) : [];
}

/**
 * Accepts or declines. Only the invited email's account may answer; for anyone else the
 * invitation does not exist.
 */
export async function respondToInvitation(
  deps: CoreDeps,
  actor: UserActor,
  invitationId: string,
  answer: 'accept' | 'decline',
): Promise<Result<{ organizationId: string }, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const [user, invitation] = await Promise.all([
      s.users.findById(actor.userId),
      s.invitations.findById(invitationId),
    ]);
    if (
      !user ||
      !invitation ||
      invitation.status !== 'pending' ||
      normalizeEmail(invitation.email) !== normalizeEmail(user.email)
    ) {
      return err('NOT_FOUND', 'This invitation is no longer available.');
    }
    if (!user.emailVerifiedAt) {
      return err('FORBIDDEN', 'Verify your email address before joining an organization.', {
        reason: 'EMAIL_NOT_VERIFIED',
      });
    }
    await s.organizations.lock(invitation.organizationId);
    const org = await s.organizations.findById(invitation.organizationId);
    if (!org) return err('NOT_FOUND', 'This invitation is no longer available.');
    if (answer === 'accept') {
      if (await s.memberships.find(org.id, user.id)) {
        await s.invitations.respond(invitation.id, 'accepted', now);
        return ok({ organizationId: org.id });
      }
      if (invitation.role === 'owner') {
        const cap = await checkOwnerCap(s, org, now);
        if (!cap.ok) return cap;
      }
      if (!(await s.invitations.respond(invitation.id, 'accepted', now)))
        return err('NOT_FOUND', 'This invitation is no longer available.');
      await s.memberships.add(
        { organizationId: org.id, userId: user.id, role: invitation.role },
        now,
      );
    } else if (!(await s.invitations.respond(invitation.id, 'declined', now))) {
      return err('NOT_FOUND', 'This invitation is no longer available.');
    }
    return ok({ organizationId: org.id });
  });
}

/** Owners and Admins withdraw a pending invitation (Admins only those they could have sent). */
export async function cancelInvitation(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  invitationId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await memberAccess(s, organizationId, actor);
    if (!access.ok) return access;
    const invitation = await s.invitations.findById(invitationId);
    if (
      !invitation ||
      invitation.organizationId !== organizationId ||
      invitation.status !== 'pending'
    ) {
      return err('NOT_FOUND', 'Invitation not found.');
    }
    if (!canInviteAs(access.value.membership.role, invitation.role)) {
      return err('FORBIDDEN', 'Your role cannot withdraw this invitation.', { reason: 'ROLE' });
    }
    await s.invitations.respond(invitation.id, 'cancelled', now);
    return ok(undefined);
  });
}
