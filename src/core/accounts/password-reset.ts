import { HOUR, MINUTE, addMs } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { EMAIL_LINKS_PER_IP, recordAttempt } from '../throttle.ts';
import { hashToken, newToken } from '../tokens.ts';
import { PasswordSchema } from './account-input.ts';

const RESET_TTL_MS = HOUR;
const RESET_LIMIT = 3;
const RESET_WINDOW_MS = 15 * MINUTE;

/** Emails a reset link when the account exists; answers the same either way. */
export async function requestPasswordReset(
  deps: CoreDeps,
  email: string,
  ip: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  const subject = normalizeEmail(email);
  if ((await recordAttempt(deps.uow.stores, EMAIL_LINKS_PER_IP, ip, now)).overLimit) {
    return err('RATE_LIMITED', 'Too many requests from your network. Try again in 15 minutes.');
  }
  return deps.uow.transaction(async (s) => {
    // Concurrent requests for one email take turns, so the count below cannot be raced past.
    await s.locks.hold(`throttle:password_reset:${subject}`);
    if (
      (await s.throttle.count(
        'password_reset',
        subject,
        new Date(now.getTime() - RESET_WINDOW_MS),
      )) >= RESET_LIMIT
    ) {
      return err(
        'RATE_LIMITED',
        'Too many reset requests for this email. Try again in 15 minutes.',
      );
    }
    await s.throttle.record('password_reset', subject, now);
    const user = await s.users.findByEmail(subject);
    if (!user) return ok(undefined);
    await s.accountTokens.invalidateAll(user.id, 'reset_password', now);
    const token = newToken();
    await s.accountTokens.create(
      {
        tokenHash: hashToken(token),
        userId: user.id,
        purpose: 'reset_password',
        expiresAt: addMs(now, RESET_TTL_MS),
      },
      now,
    );
    const link = `${deps.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await s.outbox.enqueue(
      deps.emails.resetPassword({ to: user.email, firstName: user.firstName, link }),
      now,
    );
    return ok(undefined);
  });
}

/** Sets the new password, ends every session of the account, and counts as verifying the email. */
export async function resetPassword(
  deps: CoreDeps,
  input: { token: string; password: string },
): Promise<Result<void, ErrorCode>> {
  const parsed = PasswordSchema.safeParse(input.password);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid password.';
    return err('VALIDATION_ERROR', message, { fields: { password: message } });
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const found = await s.accountTokens.findUsable(hashToken(input.token), 'reset_password', now);
    if (!found || !(await s.accountTokens.consume(found.id, now))) {
      return err('NOT_FOUND', 'This reset link is invalid or has expired. Request a new one.', {
        reason: 'TOKEN_INVALID',
      });
    }
    await s.users.updatePassword(found.userId, passwordHash, now);
    await s.users.markEmailVerified(found.userId, now);
    await s.sessions.deleteAllForUser(found.userId);
    return ok(undefined);
  });
}
