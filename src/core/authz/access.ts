import type { Membership, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, failed, ok, type Result } from '../result.ts';
import type { Actor } from './actor.ts';
import {
  API_KEY_PERMISSIONS,
  OPERATOR_PERMISSIONS,
  operatorCan,
  permissionsOf,
  platformAdminCan,
  type Action,
  type Permissions,
  type PlatformAction,
} from './permissions.ts';
import { actionRefusal } from './refusals.ts';

/** A member's view of their organization, with what the matrix lets them do in it. */
export interface OrgAccess {
  organization: Organization;
  membership: Membership;
  may: Permissions;
}

/**
 * The caller's view of an organization as one of its members. Someone who is not a member
 * (an API key or the operator included: neither has a membership) gets the same answer as for
 * an organization that does not exist, so ids reveal nothing.
 */
export async function memberAccess(
  s: Stores,
  organizationId: string,
  actor: Actor,
): Promise<Result<OrgAccess, ErrorCode>> {
  if (actor.kind !== 'user') return err('NOT_FOUND', 'Organization not found.');
  const [organization, membership] = await Promise.all([
    s.organizations.findById(organizationId),
    s.memberships.find(organizationId, actor.userId),
  ]);
  if (!organization || !membership) return err('NOT_FOUND', 'Organization not found.');
  return ok({ organization, membership, may: permissionsOf(membership.role) });
}

/** An organization as the actor reaches it, with each action of the matrix they may do in it. */
export interface ActorAccess {
  organization: Organization;
  may: Permissions;
}

/**
 * The organization the actor reaches and what they may do there: a member by the matrix, an
 * API key in its own organization by API_KEY_ACTIONS (another one answers NOT_FOUND, like a
 * missing id; the plan check for API access is made when the key authenticates), the operator
 * by OPERATOR_ACTIONS.
 */
async function actorAccess(
  s: Stores,
  organizationId: string,
  actor: Actor,
): Promise<Result<ActorAccess, ErrorCode>> {
  if (actor.kind === 'user') {
    const access = await memberAccess(s, organizationId, actor);
    return access.ok
      ? ok({ organization: access.value.organization, may: access.value.may })
      : access;
  }
  const reachable = actor.kind === 'operator' || actor.organizationId === organizationId;
  const organization = reachable ? await s.organizations.findById(organizationId) : undefined;
  if (!organization) return err('NOT_FOUND', 'Organization not found.');
  const may = actor.kind === 'operator' ? OPERATOR_PERMISSIONS : API_KEY_PERMISSIONS;
  return ok({ organization, may });
}

/** actorAccess plus one action, refused with FORBIDDEN when the actor may not do it. */
export async function authorizeAccess(
  s: Stores,
  organizationId: string,
  actor: Actor,
  action: Action,
): Promise<Result<ActorAccess, ErrorCode>> {
  const access = await actorAccess(s, organizationId, actor);
  if (!access.ok) return access;
  if (!access.value.may[action]) return failed(actionRefusal(actor.kind, action));
  return access;
}

/** Whether the actor may do `action` in the organization; the organization when they may. */
export async function authorize(
  s: Stores,
  organizationId: string,
  actor: Actor,
  action: Action,
): Promise<Result<Organization, ErrorCode>> {
  const access = await authorizeAccess(s, organizationId, actor, action);
  return access.ok ? ok(access.value.organization) : access;
}

/**
 * The platform-admin check: platform admins (PLATFORM_ADMIN_ACTIONS) and the operator
 * (OPERATOR_ACTIONS). Callers answer anyone else as if the thing did not exist.
 */
export async function authorizePlatform(
  s: Stores,
  actor: Actor,
  action: PlatformAction,
): Promise<boolean> {
  switch (actor.kind) {
    case 'operator':
      return operatorCan(action);
    case 'api_key':
      return false;
    case 'user': {
      const user = await s.users.findById(actor.userId);
      return user?.isPlatformAdmin === true && platformAdminCan(action);
    }
  }
}
