import type { Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { effectivePlan, reachedLimit } from '../plans/plans.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';

/**
 * The plan's owner cap (Free 1, Professional 2, Enterprise unlimited), with the upgrade hint.
 * When inviting, pending owner invitations count too, so the error comes at invite time
 * rather than when someone tries to accept.
 */
export async function checkOwnerCap(
  s: Stores,
  org: Organization,
  now: Date,
  opts: { countPendingInvitations?: boolean } = {},
): Promise<Result<void, ErrorCode>> {
  const plan = effectivePlan(org.subscription, now);
  const owners =
    (await s.memberships.countOwners(org.id)) +
    (opts.countPendingInvitations ? await s.invitations.countPendingOwnerInvitations(org.id) : 0);
  const limit = reachedLimit(plan.owners, owners);
  if (limit === undefined) return ok(undefined);
  return err(
    'FORBIDDEN',
    `The ${plan.name} plan allows ${plan.owners} owner${plan.owners === 1 ? '' : 's'} per organization. Upgrade your plan to add more owners.`,
    { reason: 'OWNER_LIMIT', limit, used: owners },
  );
}
