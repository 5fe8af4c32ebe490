import { MINUTE } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { EMAIL_LINKS_PER_IP, recordAttempt } from '../throttle.ts';
import { hashToken } from '../tokens.ts';
import { sendVerificationEmail } from './register.ts';

/** The reference's limit: 3 resends every 15 minutes per email. */
const RESEND_LIMIT = 3;
const RESEND_WINDOW_MS = 15 * MINUTE;

export async function verifyEmail(
  deps: CoreDeps,
  token: string,
): Promise<Result<{ userId: string }, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const found = await s.accountTokens.findUsable(hashToken(token), 'verify_email', now);
    if (!found || !(await s.accountTokens.consume(found.id, now))) {
      return err(
        'NOT_FOUND',
        'This verification link is invalid or has expired. Request a new one from the sign-in page.',
        {
          reason: 'TOKEN_INVALID',
        },
      );
    }
    await s.users.markEmailVerified(found.userId, now);
    return ok({ userId: found.userId });
  });
}

/**
 * Sends a new verification link. The answer is the same whether or not the address has an
 * unverified account, so the form cannot be used to discover who has signed up.
 */
export async function resendVerification(
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
    await s.locks.hold(`throttle:resend_verification:${subject}`);
    const recent = await s.throttle.count(
      'resend_verification',
      subject,
      new Date(now.getTime() - RESEND_WINDOW_MS),
    );
    if (recent >= RESEND_LIMIT) {
      return err(
        'RATE_LIMITED',
        'You can resend the verification email 3 times every 15 minutes. Try again later.',
        {
          retryAfterSeconds: RESEND_WINDOW_MS / 1000,
        },
      );
    }
    await s.throttle.record('resend_verification', subject, now);
    const user = await s.users.findByEmail(subject);
    if (user && !user.emailVerifiedAt) await sendVerificationEmail(deps, s, user, now);
    return ok(undefined);
  });
}
