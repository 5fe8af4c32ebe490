import { apiKeyCan, can, type Action } from '../authz/permissions.ts';
import type { Membership, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';

export interface OrgAccess {
  organization: Organization;
  membership: Membership;
}

/**
 * The caller's view of an organization. Someone who is not a member gets the same answer as
 * for an organization that does not exist, so ids reveal nothing.
 */
export async function memberAccess(
  s: Stores,
  organizationId: string,
  userId: string,
): Promise<Result<OrgAccess, ErrorCode>> {
  const [organization, membership] = await Promise.all([
    s.organizations.findById(organizationId),
    s.memberships.find(organizationId, userId),
  ]);
  if (!organization || !membership) return err('NOT_FOUND', 'Organization not found.');
  return ok({ organization, membership });
}

/** memberAccess plus one permission of the matrix. */
export async function authorize(
  s: Stores,
  organizationId: string,
  userId: string,
  action: Action,
): Promise<Result<OrgAccess, ErrorCode>> {
  const access = await memberAccess(s, organizationId, userId);
  if (!access.ok) return access;
  if (!can(access.value.membership.role, action)) {
    return err('FORBIDDEN', 'Your role in this organization does not allow this.', {
      reason: 'ROLE',
      action,
    });
  }
  return access;
}

/** Who is acting: a signed-in person, or an API key acting as its organization (API_KEY_ACTIONS). */
export type Actor =
  { kind: 'user'; userId: string } | { kind: 'api_key'; apiKeyId: string; organizationId: string };

export const userActor = (userId: string): Actor => ({ kind: 'user', userId });

/** The user id to record as the one who did something; null for an API key. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * authorize() for either kind of actor. An API key reaches only its own organization
 * (another one answers NOT_FOUND, like a missing id); the plan check for API access is
 * made when the key authenticates.
 */
export async function authorizeActor(
  s: Stores,
  organizationId: string,
  actor: Actor,
  action: Action,
): Promise<Result<Organization, ErrorCode>> {
  if (actor.kind === 'user') {
    const access = await authorize(s, organizationId, actor.userId, action);
    return access.ok ? ok(access.value.organization) : access;
  }
  const organization =
    actor.organizationId === organizationId
      ? await s.organizations.findById(organizationId)
      : undefined;
  if (!organization) return err('NOT_FOUND', 'Organization not found.');
  if (!apiKeyCan(action))
    return err('FORBIDDEN', 'API keys cannot do this.', { reason: 'API_KEY', action });
  return ok(organization);
}
