import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { User } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { fieldErrors } from '../accounts/account-input.ts';
import { err, ok, type Result } from '../result.ts';
import { ProfileSchema, type ProfileInput } from './profile-input.ts';

const SLUG_TAKEN = 'That profile slug is already taken. Choose another one.';

/** The signed-in user's own record, for the edit form. */
export async function getProfile(
  deps: CoreDeps,
  actor: UserActor,
): Promise<Result<User, ErrorCode>> {
  const user = await deps.uow.stores.users.findById(actor.userId);
  return user ? ok(user) : err('UNAUTHORIZED', 'Sign in first.');
}

/** Name, profile slug and LinkedIn link; a slug someone else holds refuses the whole change. */
export async function updateProfile(
  deps: CoreDeps,
  actor: UserActor,
  input: ProfileInput,
): Promise<Result<User, ErrorCode>> {
  const { userId } = actor;
  const parsed = ProfileSchema.safeParse(input);
  if (!parsed.success)
    return err('VALIDATION_ERROR', 'Check the highlighted fields.', {
      fields: fieldErrors(parsed.error),
    });
  const changes = parsed.data;
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const user = await s.users.findById(userId);
    if (!user) return err('UNAUTHORIZED', 'Sign in first.');
    const slug = changes.profileSlug;
    if (slug !== null && slug !== user.profileSlug) {
      // Held until commit: of two people asking for the same free slug at once, the second
      // waits here and then sees it taken (the unique index would otherwise fail them with a crash).
      await s.locks.hold(`profile-slug:${slug}`);
      if (await s.users.profileSlugTaken(slug, userId)) {
        return err('CONFLICT', SLUG_TAKEN, {
          reason: 'SLUG_TAKEN',
          fields: { profileSlug: SLUG_TAKEN },
        });
      }
    }
    await s.users.updateProfile(userId, changes, now);
    return ok({ ...user, ...changes });
  });
}
