import type { CoreDeps } from '../deps.ts';
import type { Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize, authorizePlatform, memberAccess } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import type { SigningKey } from '../ports/stores/signing-keys.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';
import { keyBinding } from './issuer-did.ts';

async function addKey(
  deps: CoreDeps,
  s: Stores,
  org: Organization,
  keyNumber: number,
  now: Date,
): Promise<SigningKey> {
  const keyId = `key-${keyNumber}`;
  const { publicKeyMultibase, sealedPrivateKey } = await deps.keyVault.generate(
    keyBinding(org.id, keyId),
  );
  return s.signingKeys.create(
    { organizationId: org.id, keyId, publicKeyMultibase, sealedPrivateKey },
    now,
  );
}

/** Keys are generated once per organization (rotation is a separate, deliberate act). */
async function generateFirst(
  deps: CoreDeps,
  s: Stores,
  org: Organization,
  now: Date,
): Promise<Result<SigningKey, ErrorCode>> {
  await s.organizations.lock(org.id);
  if ((await s.signingKeys.listForOrganization(org.id)).length > 0) {
    return err('CONFLICT', 'Signing keys have already been generated for this organization.', {
      reason: 'KEYS_EXIST',
    });
  }
  return ok(await addKey(deps, s, org, 1, now));
}

/**
 * "Generate signing keys" on the organization page (Owner only), and `laurel keys:generate
 * <slug>` by the operator.
 */
export async function generateSigningKeys(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<SigningKey, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const org = await authorize(s, organizationId, actor, 'signing_keys.generate');
    if (!org.ok) return org;
    return generateFirst(deps, s, org.value, now);
  });
}

/**
 * `laurel keys:rotate <slug>`: a new active key; the previous one is retired but stays in
 * the DID document, so everything it signed still verifies.
 */
export async function rotateSigningKey(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<SigningKey, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    if (!(await authorizePlatform(s, actor, 'signing_keys.rotate')))
      return err('NOT_FOUND', 'Organization not found.');
    await s.organizations.lock(organizationId);
    const org = await s.organizations.findById(organizationId);
    if (!org) return err('NOT_FOUND', 'Organization not found.');
    const keys = await s.signingKeys.listForOrganization(org.id);
    const active = keys.find((k) => k.status === 'active');
    if (!active)
      return err('CONFLICT', 'Generate signing keys before rotating them.', {
        reason: 'NO_SIGNING_KEYS',
      });
    await s.signingKeys.retire(active.id, now);
    return ok(await addKey(deps, s, org, keys.length + 1, now));
  });
}

/** The keys to list on the organization page: any member may see the public halves. */
export async function listSigningKeys(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<SigningKey[], ErrorCode>> {
  const access = await memberAccess(deps.uow.stores, organizationId, actor);
  if (!access.ok) return access;
  return ok(await deps.uow.stores.signingKeys.listForOrganization(organizationId));
}

/** The published keys of an organization, by slug, for its DID document. Revoked keys are not published. */
export async function publishedIssuerKeys(
  deps: CoreDeps,
  slug: string,
): Promise<{ organization: Organization; keys: SigningKey[] } | undefined> {
  const organization = await deps.uow.stores.organizations.findBySlug(slug);
  if (!organization) return undefined;
  const keys = publishedKeys(
    await deps.uow.stores.signingKeys.listForOrganization(organization.id),
  );
  return { organization, keys };
}

/** The keys an issuer's DID document lists: all but the revoked ones. */
export function publishedKeys(keys: SigningKey[]): SigningKey[] {
  return keys.filter((k) => k.status !== 'revoked');
}

export interface KeyRevocation {
  revoked: SigningKey;
  /** The credentials it signed: none of them verifies any more. */
  invalidatedCredentials: number;
  /** The key that took over, when the revoked one was the active key. */
  replacement: SigningKey | undefined;
}

/**
 * `laurel keys:revoke <slug> <keyId> --compromised`: withdraws a key from the DID document,
 * so nothing it signed verifies any more. When it was the active key a new one takes over
 * at once, and every status list is marked stale so it is re-signed with a trusted key.
 */
export async function revokeSigningKey(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  keyId: string,
): Promise<Result<KeyRevocation, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    if (!(await authorizePlatform(s, actor, 'signing_keys.revoke')))
      return err('NOT_FOUND', 'Organization not found.');
    await s.organizations.lock(organizationId);
    const org = await s.organizations.findById(organizationId);
    if (!org) return err('NOT_FOUND', 'Organization not found.');
    const keys = await s.signingKeys.listForOrganization(org.id);
    const key = keys.find((k) => k.keyId === keyId);
    if (!key) return err('NOT_FOUND', `No signing key ${keyId} in this organization.`);
    if (key.status === 'revoked')
      return err('CONFLICT', `Signing key ${keyId} is already revoked.`, { reason: 'KEY_REVOKED' });
    await s.signingKeys.revoke(key.id, now);
    const replacement =
      key.status === 'active' ? await addKey(deps, s, org, keys.length + 1, now) : undefined;
    await s.statusLists.bumpAllVersions(org.id, now);
    const invalidatedCredentials = await s.credentials.countSignedWith(key.id);
    return ok({
      revoked: { ...key, status: 'revoked' as const },
      invalidatedCredentials,
      replacement,
    });
  });
}
