import { randomBytes } from 'node:crypto';
import { createAccount } from '../../src/core/accounts/register.ts';
import * as apiKeys from '../../src/core/api-keys/api-keys.ts';
import type { Role } from '../../src/core/authz/roles.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { prepareSignedCredential } from '../../src/core/credentials/signed-credentials.ts';
import type { Badge, Credential, Organization, User } from '../../src/core/entities.ts';
import { createOrganization } from '../../src/core/organizations/organizations.ts';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { reviewOrganization, setOrganizationPlan } from '../../src/core/organizations/review.ts';
import type { PlanId } from '../../src/core/plans/plans.ts';
import type { NewBadge } from '../../src/core/ports/stores/badges.ts';
import { generateSigningKeys } from '../../src/core/signing-keys/signing-keys.ts';

/** A password every seeded account shares; it meets the sign-up rule. */
export const TEST_PASSWORD = 'Correct-Horse-42!';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

export async function seedUser(
  deps: CoreDeps,
  opts: {
    email?: string;
    firstName?: string;
    lastName?: string;
    verified?: boolean;
    platformAdmin?: boolean;
  } = {},
): Promise<User> {
  const result = await createAccount(
    deps,
    {
      email: opts.email ?? uniqueEmail(),
      firstName: opts.firstName ?? 'Test',
      lastName: opts.lastName ?? 'Person',
      password: TEST_PASSWORD,
    },
    { verified: opts.verified ?? true, platformAdmin: opts.platformAdmin ?? false },
  );
  if (!result.ok) throw new Error(`seedUser: ${result.error.message}`);
  return result.value;
}

/** An organization owned by `owner` (seeded when absent), approved and on Free unless told otherwise. */
export async function seedOrg(
  deps: CoreDeps,
  opts: { owner?: User; name?: string; plan?: PlanId; approved?: boolean } = {},
): Promise<{ org: Organization; owner: User }> {
  const owner = opts.owner ?? (await seedUser(deps, { firstName: 'Olive', lastName: 'Owner' }));
  const created = await createOrganization(deps, userActor(owner.id), {
    name: opts.name ?? `Org ${randomBytes(3).toString('hex')}`,
  });
  if (!created.ok) throw new Error(`seedOrg: ${created.error.message}`);
  let org = created.value;
  if (opts.approved ?? true) {
    const approved = await reviewOrganization(deps, OPERATOR, org.id, 'approve');
    if (!approved.ok) throw new Error(`seedOrg approve: ${approved.error.message}`);
    org = approved.value;
  }
  if (opts.plan && opts.plan !== 'free') {
    const planned = await setOrganizationPlan(deps, OPERATOR, org.id, { plan: opts.plan });
    if (!planned.ok) throw new Error(`seedOrg plan: ${planned.error.message}`);
    org = (await deps.uow.stores.organizations.findById(org.id)) ?? org;
  }
  return { org, owner };
}

/** Adds a member directly (as an accepted invitation would). */
export async function addMember(
  deps: CoreDeps,
  orgId: string,
  role: Role,
  user?: User,
): Promise<User> {
  const member =
    user ??
    (await seedUser(deps, {
      firstName: role[0]!.toUpperCase() + role.slice(1),
      lastName: 'Member',
    }));
  await deps.uow.stores.memberships.add(
    { organizationId: orgId, userId: member.id, role },
    deps.clock.now(),
  );
  return member;
}

/** A badge of `orgId`, inserted directly (badge creation rules belong to the issuing use cases). */
export async function seedBadge(
  deps: CoreDeps,
  orgId: string,
  opts: Partial<Omit<NewBadge, 'organizationId'>> = {},
): Promise<Badge> {
  const slug = opts.slug ?? `badge-${randomBytes(3).toString('hex')}`;
  return deps.uow.stores.badges.create(
    {
      organizationId: orgId,
      name: opts.name ?? 'Safe Lifting',
      slug,
      description: opts.description ?? 'Lifts loads safely with correct posture and equipment.',
      criteria: opts.criteria ?? 'Passed the practical assessment with an instructor.',
      externalUrl: opts.externalUrl ?? null,
      imagePath: opts.imagePath ?? null,
      expiresInDays: opts.expiresInDays ?? null,
      tags: opts.tags ?? ['safety', 'manual handling'],
      createdBy: opts.createdBy ?? null,
    },
    deps.clock.now(),
  );
}

/**
 * A signed, stored credential through the credential engine (the organization needs
 * signing keys). The issuing rules (recipient check, quota) are not applied.
 */
export async function seedCredential(
  deps: CoreDeps,
  org: Organization,
  badge: Badge,
  opts: {
    recipientName?: string;
    recipientEmail?: string;
    isPublic?: boolean;
    evidenceUrl?: string | null;
  } = {},
): Promise<Credential> {
  const prepared = await prepareSignedCredential(deps, {
    organization: org,
    badge,
    recipientName: opts.recipientName ?? 'Ada Lovelace',
    recipientEmail: opts.recipientEmail ?? uniqueEmail('recipient'),
    evidenceUrl: opts.evidenceUrl ?? null,
    isPublic: opts.isPublic ?? true,
    supersedesCredentialId: null,
  });
  if (!prepared) throw new Error('seedCredential: the organization has no signing keys');
  return deps.uow.transaction((s) => s.credentials.create(prepared, deps.clock.now()));
}

/** An approved organization with signing keys and one badge, ready to hold credentials. */
export async function seedIssuer(
  deps: CoreDeps,
  opts: { plan?: PlanId; badge?: Partial<Omit<NewBadge, 'organizationId'>> } = {},
) {
  const { org, owner } = await seedOrg(deps, opts.plan ? { plan: opts.plan } : {});
  const keys = await generateSigningKeys(deps, userActor(owner.id), org.id);
  if (!keys.ok) throw new Error(`seedIssuer: ${keys.error.message}`);
  const badge = await seedBadge(deps, org.id, opts.badge);
  return { org, owner, badge };
}

/**
 * An API key for `org`, as an operator creates one (the plan rules apply: the organization
 * must be on a plan with API access). Returns the key itself, shown only this once.
 */
export async function createApiKey(
  deps: CoreDeps,
  org: Organization,
  name = 'test',
): Promise<string> {
  const created = await apiKeys.createApiKey(deps, OPERATOR, org.id, name);
  if (!created.ok) throw new Error(`createApiKey: ${created.error.message}`);
  return created.value.key;
}
