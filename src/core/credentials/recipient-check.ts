// The pre-issue check of issuing-a-credential.md: what the most recent credential of a
// badge for a recipient means for the next issue, with the banner the issue form shows.
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail, EmailSchema } from '../email-address.ts';
import type { Credential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import { err, ok, type Result } from '../result.ts';

export const RECIPIENT_STATES = [
  'new',
  'expired',
  'active_time_bound',
  'active_non_expiring',
  'revoked',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export type BannerColour = 'green' | 'blue' | 'amber' | 'red';

/** The reference table, word for word. */
export const RECIPIENT_BANNERS: Record<RecipientState, { colour: BannerColour; message: string }> =
  {
    new: { colour: 'green', message: 'First-time recipient.' },
    expired: { colour: 'blue', message: 'Renewing an expired credential.' },
    active_time_bound: {
      colour: 'amber',
      message: 'An active credential exists. It will be revoked and a new one issued.',
    },
    active_non_expiring: { colour: 'red', message: 'Recipient already has this credential.' },
    revoked: { colour: 'blue', message: 'Issuing replaces a revoked credential.' },
  };

/** The state a prior credential puts the next issue in; revoked wins over expired. */
export function recipientState(
  prior: Pick<Credential, 'revokedAt' | 'expiresAt'> | undefined,
  now: Date,
): RecipientState {
  if (!prior) return 'new';
  if (prior.revokedAt) return 'revoked';
  if (prior.expiresAt === null) return 'active_non_expiring';
  return prior.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active_time_bound';
}

export interface RecipientCheck {
  state: RecipientState;
  priorCredentialId: string | null;
  colour: BannerColour;
  message: string;
}

export function describeRecipient(prior: Credential | undefined, now: Date): RecipientCheck {
  const state = recipientState(prior, now);
  return { state, priorCredentialId: prior?.id ?? null, ...RECIPIENT_BANNERS[state] };
}

/** For the issue form as the issuer types, and GET /api/v1/credentials/check. */
export async function checkRecipient(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
  email: string,
): Promise<Result<RecipientCheck, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorize(s, organizationId, actor, 'credentials.issue');
  if (!access.ok) return access;
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success)
    return err('VALIDATION_ERROR', 'Enter a valid email address.', {
      fields: { email: 'Enter a valid email address.' },
    });
  const badge = await s.badges.findById(organizationId, badgeId);
  if (!badge) return err('NOT_FOUND', 'Badge not found.');
  const prior = await s.credentials.chainHead(badge.id, normalizeEmail(parsed.data));
  return ok(describeRecipient(prior, deps.clock.now()));
}
