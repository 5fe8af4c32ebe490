import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { PasswordSchema } from './account-input.ts';
import { startSession } from './sessions.ts';
import { recordAttempt } from '../throttle.ts';
import { SIGN_IN_PER_ACCOUNT } from './sign-in.ts';

/**
 * Changes the password of a signed-in account after checking the current one. Every session
 * of the account ends, this one included; the caller gets a fresh session token.
 */
export async function changePassword(
  deps: CoreDeps,
  actor: UserActor,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<{ token: string }, ErrorCode>> {
  const { userId } = actor;
  const s = deps.uow.stores;
  const started = deps.clock.now();
  // Guessing the current password from a stolen session is throttled like sign-in.
  const attempt = await recordAttempt(
    s,
    { ...SIGN_IN_PER_ACCOUNT, bucket: 'password_change' },
    userId,
    started,
  );
  if (attempt.overLimit) {
    return err('RATE_LIMITED', 'Too many attempts. Wait 15 minutes and try again.');
  }
  const stored = await s.users.findPasswordHash(userId);
  if (!stored || !(await deps.hasher.verify(stored, input.currentPassword))) {
    return err('VALIDATION_ERROR', 'Your current password is not correct.', {
      fields: { currentPassword: 'Your current password is not correct.' },
    });
  }
  const parsed = PasswordSchema.safeParse(input.newPassword);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid password.';
    return err('VALIDATION_ERROR', message, { fields: { newPassword: message } });
  }
  await s.throttle.forget(attempt.id);
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = deps.clock.now();
  return deps.uow.transaction(async (tx) => {
    await tx.users.updatePassword(userId, passwordHash, now);
    await tx.sessions.deleteAllForUser(userId);
    // A reset link sent before the change must not undo it.
    await tx.accountTokens.invalidateAll(userId, 'reset_password', now);
    return ok({ token: await startSession(tx, userId, now) });
  });
}
