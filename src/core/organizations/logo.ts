import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import type { StoredFile } from '../ports/file-store.ts';
import { ok, type Result } from '../result.ts';
import {
  deleteStoredImage,
  logoKey,
  prepareImage,
  storeThenRecord,
  storedImage,
} from '../stored-images.ts';
import { authorize } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';

/**
 * Sets the organization's logo from the uploaded bytes (Owner and Admin): checked and stripped
 * of metadata like every uploaded image, stored, recorded; the logo it replaces is deleted.
 */
export async function setOrganizationLogo(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  bytes: Buffer,
): Promise<Result<void, ErrorCode>> {
  // Nothing is read as an image or stored for someone who may not edit the organization.
  const access = await authorize(deps.uow.stores, organizationId, actor, 'organization.update');
  if (!access.ok) return access;
  const image = await prepareImage(deps, 'logo', bytes);
  if (!image.ok) return image;
  const key = logoKey(organizationId, image.value);
  const recorded = await storeThenRecord(deps, key, image.value, () =>
    recordLogo(deps, actor, organizationId, key),
  );
  if (!recorded.ok) return recorded;
  await deleteStoredImage(deps, recorded.value.previous);
  return ok(undefined);
}

/** Removes the organization's logo, and its file. */
export async function removeOrganizationLogo(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<void, ErrorCode>> {
  const recorded = await recordLogo(deps, actor, organizationId, null);
  if (!recorded.ok) return recorded;
  await deleteStoredImage(deps, recorded.value.previous);
  return ok(undefined);
}

function recordLogo(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  logoPath: string | null,
): Promise<Result<{ previous: string | null }, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Two uploads at once must each see the other's file as the one replaced, or one is never deleted.
    await s.locks.hold(`logo:${organizationId}`);
    const access = await authorize(s, organizationId, actor, 'organization.update');
    if (!access.ok) return access;
    await s.organizations.setLogo(organizationId, logoPath, now);
    return ok({ previous: access.value.logoPath });
  });
}

/** The organization's logo as stored; logos are public, like the pages that show them. */
export async function organizationLogo(
  deps: CoreDeps,
  organizationId: string,
): Promise<StoredFile | undefined> {
  const organization = await deps.uow.stores.organizations.findById(organizationId);
  return storedImage(deps, organization?.logoPath);
}
