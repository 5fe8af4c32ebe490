import { DAY, MINUTE, addMs } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { User } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';
import { recordAttempt, type ThrottleRule } from '../throttle.ts';
import { hashToken, newToken } from '../tokens.ts';
import { NewAccountSchema, fieldErrors, type NewAccountInput } from './account-input.ts';

const VERIFY_EMAIL_TTL_MS = DAY;
/** Sign-ups allowed per client IP per window: each one hashes a password and sends an email. */
const SIGN_UP_PER_IP: ThrottleRule = {
  bucket: 'sign_up_ip',
  limit: 20,
  windowMs: 15 * MINUTE,
};

/**
 * Sign-up with email and password: the account waits for its emailed verification link.
 * `returnTo` (a same-site path the caller has checked) rides along in that link, so someone
 * who signed up to accept an invitation comes back to it.
 */
export async function register(
  deps: CoreDeps,
  input: NewAccountInput,
  ip: string,
  returnTo?: string,
): Promise<Result<User, ErrorCode>> {
  if ((await recordAttempt(deps.uow.stores, SIGN_UP_PER_IP, ip, deps.clock.now())).overLimit) {
    return err('RATE_LIMITED', 'Too many sign-ups from your network. Try again in 15 minutes.');
  }
  return createAccount(deps, input, { verified: false, platformAdmin: false, returnTo });
}

/**
 * Creates an account. Unverified accounts get a verification email in the same transaction;
 * accounts made by a platform admin (CLI, /setup) start verified.
 */
export async function createAccount(
  deps: CoreDeps,
  input: NewAccountInput,
  opts: {
    verified: boolean;
    platformAdmin: boolean;
    onlyIfNoPlatformAdmin?: boolean;
    returnTo?: string | undefined;
  },
): Promise<Result<User, ErrorCode>> {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) {
    return err('VALIDATION_ERROR', 'Check the highlighted fields.', {
      fields: fieldErrors(parsed.error),
    });
  }
  const { email, firstName, lastName, password } = parsed.data;
  const passwordHash = await deps.hasher.hash(password);
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    // Concurrent sign-ups with one email (or concurrent first admins) wait for each other,
    // so the loser gets a clear answer rather than a unique-index error.
    if (opts.onlyIfNoPlatformAdmin) await s.locks.hold('setup');
    await s.locks.hold(`account:${normalizeEmail(email)}`);
    if (opts.onlyIfNoPlatformAdmin && (await s.users.countPlatformAdmins()) > 0) {
      return err('NOT_FOUND', 'Laurel is already set up.');
    }
    if (await s.users.findByEmail(email)) {
      return err(
        'CONFLICT',
        'An account with this email already exists. Sign in or reset your password.',
        {
          reason: 'EMAIL_TAKEN',
          fields: { email: 'An account with this email already exists.' },
        },
      );
    }
    const user = await s.users.create(
      {
        email,
        firstName,
        lastName,
        passwordHash,
        emailVerifiedAt: opts.verified ? now : null,
        isPlatformAdmin: opts.platformAdmin,
      },
      now,
    );
    if (!opts.verified) await sendVerificationEmail(deps, s, user, now, opts.returnTo);
    return ok(user);
  });
}

/** Issues a fresh 24-hour verification link (earlier ones stop working) and queues the email. */
export async function sendVerificationEmail(
  deps: CoreDeps,
  s: Stores,
  user: User,
  now: Date,
  returnTo?: string,
): Promise<void> {
  await s.accountTokens.invalidateAll(user.id, 'verify_email', now);
  const token = newToken();
  await s.accountTokens.create(
    {
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'verify_email',
      expiresAt: addMs(now, VERIFY_EMAIL_TTL_MS),
    },
    now,
  );
  const back = returnTo ? `&redirect=${encodeURIComponent(returnTo)}` : '';
  const link = `${deps.publicUrl}/verify-email?token=${encodeURIComponent(token)}${back}`;
  await s.outbox.enqueue(
    deps.emails.verifyEmail({ to: user.email, firstName: user.firstName, link }),
    now,
  );
}
