import { can, type Action } from '../authz/permissions.ts';
import type { Membership, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports.ts';
import { err, ok, type Result } from '../result.ts';

export interface OrgAccess {
  organization: Organization;
  membership: Membership;
}

/**
 * The caller's view of an organization. Someone who is not a member gets the same answer as
 * for an organization that does not exist, so ids reveal nothing.
 */
export async function memberAccess(s: Stores, organizationId: string, userId: string): Promise<Result<OrgAccess, ErrorCode>> {
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
    return err('FORBIDDEN', 'Your role in this organization does not allow this.', { reason: 'ROLE', action });
  }
  return access;
}
