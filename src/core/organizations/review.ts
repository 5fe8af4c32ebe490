import { authorizePlatform } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import { organizationPageUrl } from '../public-urls.ts';
import type { CoreDeps } from '../deps.ts';
import type { Organization, OrganizationStatus } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { isPlanId, type PlanId, type SubscriptionSource } from '../plans/plans.ts';
import { err, ok, type Result } from '../result.ts';
import { notifyOwners } from './notify.ts';

/** Platform-admin decisions on an organization, and the states each may start from. */
export type ReviewAction = 'approve' | 'reject' | 'suspend' | 'reinstate';

const TRANSITIONS: Record<
  ReviewAction,
  { from: readonly OrganizationStatus[]; to: OrganizationStatus }
> = {
  approve: { from: ['pending_review', 'rejected'], to: 'approved' },
  reject: { from: ['pending_review'], to: 'rejected' },
  // Only approved organizations are suspended, so reinstating (back to approved) never skips a review.
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};

/** The review actions open to an organization in `status`, for the admin page's buttons. */
export function allowedReviewActions(status: OrganizationStatus): ReviewAction[] {
  return (Object.keys(TRANSITIONS) as ReviewAction[]).filter((a) =>
    TRANSITIONS[a].from.includes(status),
  );
}

/**
 * Moves an organization through review and emails its owners about the new status: a
 * platform admin's or the operator's decision.
 */
export async function reviewOrganization(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  action: ReviewAction,
  reason?: string,
): Promise<Result<Organization, ErrorCode>> {
  if (!(await authorizePlatform(deps.uow.stores, actor, 'organizations.review')))
    return err('NOT_FOUND', 'Not found.');
  const trimmed = reason?.trim() ?? '';
  if (action === 'reject' && trimmed === '') {
    return err('VALIDATION_ERROR', 'A rejection needs a reason the organization can act on.', {
      fields: { reason: 'Give a reason.' },
    });
  }
  if (trimmed.length > 1000)
    return err('VALIDATION_ERROR', 'Reason must be at most 1000 characters.', {
      fields: { reason: 'Too long.' },
    });
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.organizations.lock(organizationId);
    const org = await s.organizations.findById(organizationId);
    if (!org) return err('NOT_FOUND', 'Organization not found.');
    const t = TRANSITIONS[action];
    if (!t.from.includes(org.status)) {
      return err(
        'CONFLICT',
        `An organization that is ${org.status.replace('_', ' ')} cannot be ${pastTense(action)}.`,
        {
          reason: 'INVALID_TRANSITION',
          status: org.status,
        },
      );
    }
    const statusReason = action === 'reject' || action === 'suspend' ? trimmed || null : null;
    await s.organizations.setStatus(org.id, t.to, statusReason, now);
    const updated = { ...org, status: t.to, statusReason, updatedAt: now };
    const link = organizationPageUrl(deps.publicUrl, org.id);
    await notifyOwners(
      s,
      updated,
      (to) =>
        deps.emails.organizationStatusChanged({
          to,
          organizationName: org.name,
          status: t.to,
          previousStatus: org.status,
          reason: statusReason,
          link,
        }),
      now,
    );
    return ok(updated);
  });
}

function pastTense(action: ReviewAction): string {
  return { approve: 'approved', reject: 'rejected', suspend: 'suspended', reinstate: 'reinstated' }[
    action
  ];
}

/**
 * Grants a plan (payments come later through a billing port). A granted plan may end on a
 * date, after which the organization is on Free again.
 */
export async function setOrganizationPlan(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  input: { plan: string; source?: SubscriptionSource; grantExpiresAt?: Date | null },
): Promise<Result<void, ErrorCode>> {
  if (!(await authorizePlatform(deps.uow.stores, actor, 'organizations.set_plan')))
    return err('NOT_FOUND', 'Not found.');
  if (!isPlanId(input.plan)) {
    return err('VALIDATION_ERROR', 'Plan must be free, professional or enterprise.', {
      fields: { plan: 'Unknown plan.' },
    });
  }
  const plan: PlanId = input.plan;
  const now = deps.clock.now();
  const expires = input.grantExpiresAt ?? null;
  if (expires && expires.getTime() <= now.getTime()) {
    return err('VALIDATION_ERROR', 'The end date must be in the future.', {
      fields: { grantExpiresAt: 'Must be in the future.' },
    });
  }
  const source: SubscriptionSource = plan === 'free' ? 'FREE' : (input.source ?? 'GRANTED');
  return deps.uow.transaction(async (s) => {
    const org = await s.organizations.findById(organizationId);
    if (!org) return err('NOT_FOUND', 'Organization not found.');
    await s.organizations.setSubscription(
      org.id,
      { plan, source, grantExpiresAt: plan === 'free' ? null : expires },
      now,
    );
    return ok(undefined);
  });
}

/** Writes expired grants back to Free (reads already treat them as Free; this keeps rows honest). */
export async function revertExpiredGrants(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const expired = await s.organizations.listExpiredGrants(now);
    for (const org of expired)
      await s.organizations.setSubscription(
        org.id,
        { plan: 'free', source: 'FREE', grantExpiresAt: null },
        now,
      );
    return expired.length;
  });
}

/** The admin area's list of organizations; anyone but a platform admin is told it does not exist. */
export async function listOrganizationsForReview(
  deps: CoreDeps,
  actor: Actor,
  status: OrganizationStatus | undefined,
): Promise<Result<Organization[], ErrorCode>> {
  if (!(await authorizePlatform(deps.uow.stores, actor, 'organizations.review')))
    return err('NOT_FOUND', 'Not found.');
  return ok(await deps.uow.stores.organizations.listByStatus(status));
}
