import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { PasswordSchema } from './account-input.ts';
import { startSession } from './sessions.ts';

/**
 * Changes the password of a signed-in account after checking the current one. Every session
 * of the account ends, this one included; the caller gets a fresh session token.
 */
export async function changePassword(
  deps: CoreDeps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<{ token: string }, ErrorCode>> {
  const stored = await deps.uow.stores.users.findPasswordHash(userId);
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
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.users.updatePassword(userId, passwordHash, now);
    await s.sessions.deleteAllForUser(userId);
    return ok({ token: await startSession(s, userId, now) });
  });
}
