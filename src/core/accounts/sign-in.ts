import { MINUTE } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { User } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { recordAttempt, type ThrottleRule } from '../throttle.ts';
import { startSession } from './sessions.ts';

/** Failed sign-ins allowed per window, per account and per client IP. */
const SIGN_IN_WINDOW_MS = 15 * MINUTE;
export const SIGN_IN_PER_ACCOUNT: ThrottleRule = {
  bucket: 'sign_in_account',
  limit: 10,
  windowMs: SIGN_IN_WINDOW_MS,
};
const SIGN_IN_PER_IP: ThrottleRule = {
  bucket: 'sign_in_ip',
  limit: 30,
  windowMs: SIGN_IN_WINDOW_MS,
};

// Verifying against a real argon2id hash when the account does not exist keeps the timing
// the same, so response times do not reveal which emails have accounts.
const TIMING_EQUALISER_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$/JzZBRmCuYxtvI7krRliZw$gzTo7emFWV+LPhTilSxfvl68sceR7DHQ/prOc28e6VI';

export async function signIn(
  deps: CoreDeps,
  input: { email: string; password: string; ip: string },
): Promise<Result<{ user: User; token: string }, ErrorCode>> {
  const now = deps.clock.now();
  const s = deps.uow.stores;
  const account = normalizeEmail(input.email);
  const byAccount = await recordAttempt(s, SIGN_IN_PER_ACCOUNT, account, now);
  const byIp = await recordAttempt(s, SIGN_IN_PER_IP, input.ip, now);
  if (byAccount.overLimit || byIp.overLimit) {
    return err(
      'RATE_LIMITED',
      'Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.',
      {
        retryAfterSeconds: SIGN_IN_WINDOW_MS / 1000,
      },
    );
  }

  const user = await s.users.findByEmail(account);
  const hash = user ? await s.users.findPasswordHash(user.id) : undefined;
  const matches = await deps.hasher.verify(hash ?? TIMING_EQUALISER_HASH, input.password);
  if (!user || !hash || !matches) return err('UNAUTHORIZED', 'Email or password is incorrect.');
  // A right password is not a failed attempt: forget it, and the account's earlier failures.
  await s.throttle.forget(byIp.id);
  if (!user.emailVerifiedAt) {
    return err(
      'EMAIL_NOT_VERIFIED',
      'Verify your email address before signing in. We can send the link again.',
      {
        email: user.email,
      },
    );
  }
  await s.throttle.clear(SIGN_IN_PER_ACCOUNT.bucket, account);
  const token = await deps.uow.transaction((tx) => startSession(tx, user.id, now));
  return ok({ user, token });
}
