import { authorize, memberAccess, type OrgAccess } from '../authz/access.ts';
import type { Actor, UserActor } from '../authz/actor.ts';
import { organizationPageUrl } from '../public-urls.ts';
import type { CoreDeps } from '../deps.ts';
import type { Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { fieldErrors } from '../accounts/account-input.ts';
import { err, ok, type Result } from '../result.ts';
import { notifyOwners } from './notify.ts';
import {
  OrganizationDetailsSchema,
  slugify,
  type OrganizationDetailsInput,
} from './organization-input.ts';

function invalid(error: Parameters<typeof fieldErrors>[0]) {
  return err('VALIDATION_ERROR', 'Check the highlighted fields.', { fields: fieldErrors(error) });
}

/** A free slug: the one asked for must be free; a generated one gets -2, -3, … appended. */
async function chooseSlug(
  s: Stores,
  name: string,
  requested: string | undefined,
  exceptId?: string,
): Promise<Result<string, ErrorCode>> {
  if (requested) {
    if (await s.organizations.slugTaken(requested, exceptId)) {
      return err('CONFLICT', 'That slug is already taken.', {
        reason: 'SLUG_TAKEN',
        fields: { slug: 'That slug is already taken.' },
      });
    }
    return ok(requested);
  }
  // A name with too few ASCII letters or digits (say, in another script) still gets a readable slug.
  const fromName = slugify(name);
  const base = fromName.length >= 3 ? fromName : `organization${fromName ? `-${fromName}` : ''}`;
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 55).replace(/-+$/, '')}-${n}`;
    if (!(await s.organizations.slugTaken(candidate, exceptId))) return ok(candidate);
  }
  return err('CONFLICT', 'Choose a slug: every generated one is taken.', {
    reason: 'SLUG_TAKEN',
    fields: { slug: 'Choose a slug.' },
  });
}

/** Creates an organization in pending_review with its creator as the one Owner. */
export async function createOrganization(
  deps: CoreDeps,
  actor: UserActor,
  input: OrganizationDetailsInput,
): Promise<Result<Organization, ErrorCode>> {
  const parsed = OrganizationDetailsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const user = await s.users.findById(actor.userId);
    if (!user) return err('UNAUTHORIZED', 'Sign in first.');
    if (!user.emailVerifiedAt) {
      return err('FORBIDDEN', 'Verify your email address before creating an organization.', {
        reason: 'EMAIL_NOT_VERIFIED',
      });
    }
    // Slugs are chosen one transaction at a time, so two new organizations never pick the same one.
    await s.locks.hold('organization-slugs');
    const slug = await chooseSlug(s, parsed.data.name, parsed.data.slug);
    if (!slug.ok) return slug;
    const org = await s.organizations.create(
      {
        name: parsed.data.name,
        slug: slug.value,
        website: parsed.data.website,
        description: parsed.data.description,
        createdBy: user.id,
      },
      now,
    );
    await s.memberships.add({ organizationId: org.id, userId: user.id, role: 'owner' }, now);
    return ok(org);
  });
}

/** The organization as one of its members sees it, with what they may do in it. */
export async function getOrganizationForMember(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<OrgAccess, ErrorCode>> {
  return memberAccess(deps.uow.stores, organizationId, actor);
}

/** Owners and Admins edit the details; a rejected organization goes back to review with `resubmit`. */
export async function updateOrganization(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  input: OrganizationDetailsInput,
): Promise<Result<Organization, ErrorCode>> {
  const parsed = OrganizationDetailsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await authorize(s, organizationId, actor, 'organization.update');
    if (!access.ok) return access;
    const current = access.value;
    await s.locks.hold('organization-slugs');
    const wanted = parsed.data.slug;
    // The slug is part of the issuer's DID: once keys are published under it, changing it
    // would orphan every credential signed so far.
    if (
      wanted &&
      wanted !== current.slug &&
      (await s.signingKeys.listForOrganization(current.id)).length > 0
    ) {
      const message =
        'The slug is part of your issuer identity (DID) and cannot change once signing keys exist.';
      return err('CONFLICT', message, { reason: 'SLUG_LOCKED', fields: { slug: message } });
    }
    const slug = wanted
      ? await chooseSlug(s, parsed.data.name, wanted, current.id)
      : ok(current.slug);
    if (!slug.ok) return slug;
    const details = {
      name: parsed.data.name,
      slug: slug.value,
      website: parsed.data.website,
      description: parsed.data.description,
      linkedinCompanyId: parsed.data.linkedinCompanyId,
    };
    await s.organizations.updateDetails(current.id, details, now);
    return ok({ ...current, ...details, updatedAt: now });
  });
}

/** After a rejection, the team fixes the details and asks for review again. */
export async function resubmitOrganization(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Locked like a platform admin's review, so the two cannot overwrite each other.
    await s.organizations.lock(organizationId);
    const access = await authorize(s, organizationId, actor, 'organization.update');
    if (!access.ok) return access;
    const org = access.value;
    if (org.status !== 'rejected') {
      return err('CONFLICT', 'Only a rejected organization can be resubmitted.', {
        reason: 'NOT_REJECTED',
      });
    }
    await s.organizations.setStatus(organizationId, 'pending_review', null, now);
    const link = organizationPageUrl(deps.publicUrl, org.id);
    await notifyOwners(
      s,
      org,
      (to) =>
        deps.emails.organizationStatusChanged({
          to,
          organizationName: org.name,
          status: 'pending_review',
          previousStatus: 'rejected',
          reason: null,
          link,
        }),
      now,
    );
    return ok(undefined);
  });
}

export async function setEmailNotifications(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  enabled: boolean,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await authorize(s, organizationId, actor, 'organization.update');
    if (!access.ok) return access;
    await s.organizations.setEmailsEnabled(organizationId, enabled, now);
    return ok(undefined);
  });
}

/** Whether the actor may edit the organization: checked before an upload is written anywhere. */
export function authorizeOrganizationUpdate(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<Organization, ErrorCode>> {
  return authorize(deps.uow.stores, organizationId, actor, 'organization.update');
}

export async function listMyOrganizations(deps: CoreDeps, actor: UserActor) {
  return deps.uow.stores.organizations.listForUser(actor.userId);
}

/** The window of the overview's verification count. */
const VERIFICATIONS_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How often the organization's credentials were verified in the last 30 days; for its members only. */
export async function recentVerificationCount(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<number, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await memberAccess(s, organizationId, actor);
  if (!access.ok) return access;
  const since = new Date(deps.clock.now().getTime() - VERIFICATIONS_WINDOW_DAYS * DAY_MS);
  return ok(await s.verificationEvents.countForOrganization(organizationId, since));
}
