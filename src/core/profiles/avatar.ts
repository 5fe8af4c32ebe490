import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import type { StoredFile } from '../ports/file-store.ts';
import { err, ok, type Result } from '../result.ts';
import {
  avatarKey,
  deleteStoredImage,
  prepareImage,
  storeThenRecord,
  storedImage,
} from '../stored-images.ts';

/**
 * Sets the user's avatar from the uploaded bytes: checked and stripped of metadata like
 * every uploaded image, stored, recorded; the avatar it replaces is deleted.
 */
export async function setAvatar(
  deps: CoreDeps,
  actor: UserActor,
  bytes: Buffer,
): Promise<Result<void, ErrorCode>> {
  const { userId } = actor;
  const image = await prepareImage(deps, 'avatar', bytes);
  if (!image.ok) return image;
  const key = avatarKey(userId, image.value);
  const recorded = await storeThenRecord(deps, key, image.value, () =>
    recordAvatar(deps, userId, key),
  );
  if (!recorded.ok) return recorded;
  await deleteStoredImage(deps, recorded.value.previous);
  return ok(undefined);
}

/** Removes the user's avatar, and its file. */
export async function removeAvatar(
  deps: CoreDeps,
  actor: UserActor,
): Promise<Result<void, ErrorCode>> {
  const recorded = await recordAvatar(deps, actor.userId, null);
  if (!recorded.ok) return recorded;
  await deleteStoredImage(deps, recorded.value.previous);
  return ok(undefined);
}

function recordAvatar(
  deps: CoreDeps,
  userId: string,
  avatarPath: string | null,
): Promise<Result<{ previous: string | null }, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Two uploads at once must each see the other's file as "previous", or one file is never deleted.
    await s.locks.hold(`avatar:${userId}`);
    const user = await s.users.findById(userId);
    if (!user) return err('UNAUTHORIZED', 'Sign in first.');
    await s.users.setAvatar(userId, avatarPath, now);
    return ok({ previous: user.avatarPath });
  });
}

/** The user's avatar as stored; avatars are public, like the profile pages that show them. */
export async function avatarImage(deps: CoreDeps, userId: string): Promise<StoredFile | undefined> {
  return storedImage(deps, (await deps.uow.stores.users.findById(userId))?.avatarPath);
}
