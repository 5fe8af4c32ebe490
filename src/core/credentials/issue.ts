// Issue, renew and replace (issuing-a-credential.md, renewing-credentials.md). Signing
// happens before the transaction; the transaction re-checks every rule under the
// recipient's and the quota's locks, so concurrent issues can neither duplicate a
// credential nor overshoot the quota, and the database's one-head-per-chain index backs
// the first rule up.
import { fieldErrors } from '../accounts/account-input.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeEmail } from '../email-address.ts';
import type { Badge, Credential, CredentialWithBadge, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize } from '../authz/access.ts';
import { actorUserId, type Actor } from '../authz/actor.ts';
import type { NewCredential } from '../ports/stores/credentials.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';
import { credentialEmailFacts } from './credential-email.ts';
import { IssueCredentialSchema, type IssueCredentialInput } from './issue-input.ts';
import { checkQuota, takeQuota } from './quota.ts';
import { recipientState, type RecipientState } from './recipient-check.ts';
import { prepareSignedCredential } from './signed-credentials.ts';
import { recordRevocation } from './status-entries.ts';

export const SUPERSEDED_REASON = 'Superseded by renewal';

export interface IssuedResult {
  credential: CredentialWithBadge;
  /** What the prior credential of this badge and recipient was when this one was issued. */
  priorState: RecipientState;
}

type Refusal = Result<never, ErrorCode>;

const duplicate = (): Refusal =>
  err(
    'CONFLICT',
    'Recipient already has this credential. Revoke the existing one first if you need to re-issue it.',
    {
      reason: 'DUPLICATE_CREDENTIAL',
    },
  );

/** The preconditions of the reference, each with its own error. */
function refuseUnissuable(org: Organization, badge: Badge | undefined): Refusal | undefined {
  if (org.status !== 'approved') {
    return err('FORBIDDEN', 'Your organization must be approved before it can issue credentials.', {
      reason: 'ORG_NOT_APPROVED',
    });
  }
  if (!badge) return err('NOT_FOUND', 'Badge not found.');
  if (!badge.isActive)
    return err(
      'FORBIDDEN',
      'This badge is deactivated: no new credentials can be issued from it.',
      { reason: 'BADGE_INACTIVE' },
    );
  return undefined;
}

const NO_KEYS = (): Refusal =>
  err('FORBIDDEN', 'Generate signing keys for your organization before issuing credentials.', {
    reason: 'NO_SIGNING_KEYS',
  });

/** Queues the issuance or renewal email in the issuing transaction (recorded as suppressed when the org turned emails off). */
async function queueCredentialEmail(
  deps: CoreDeps,
  s: Stores,
  org: Organization,
  badge: Badge,
  credential: Pick<Credential, 'id' | 'shortId' | 'recipientName' | 'recipientEmail'>,
  renewalOf: RecipientState,
  now: Date,
): Promise<string> {
  const facts = credentialEmailFacts(deps.publicUrl, org, badge, credential);
  const email =
    renewalOf === 'new'
      ? deps.emails.credentialIssued(facts)
      : deps.emails.credentialRenewed({
          ...facts,
          previousStatus: renewalOf === 'expired' ? 'expired' : 'revoked',
        });
  const outboxId = await s.outbox.enqueue(email, now, { suppressed: !org.emailsEnabled });
  await s.credentials.setEmail(credential.id, outboxId);
  return outboxId;
}

async function commit(
  deps: CoreDeps,
  actor: Actor,
  prepared: NewCredential,
  recipientEmail: string,
): Promise<Result<IssuedResult, ErrorCode>> {
  const now = prepared.issuedAt;
  return deps.uow.transaction(async (s) => {
    // Serialise issues to the same badge and recipient, and the organization's quota count.
    await s.locks.hold(`recipient:${prepared.badgeId}:${recipientEmail}`);
    await s.locks.hold(`quota:${prepared.organizationId}`);
    const access = await authorize(s, prepared.organizationId, actor, 'credentials.issue');
    if (!access.ok) return access;
    const org = access.value;
    // Held until commit, so a concurrent edit or delete of the badge waits for this issue.
    const badge = await s.badges.lock(org.id, prepared.badgeId);
    const refused = refuseUnissuable(org, badge);
    if (refused || !badge) return refused ?? err('NOT_FOUND', 'Badge not found.');
    // A key revoked since signing must not sign anything new.
    const keys = await s.signingKeys.listForOrganization(org.id);
    if (keys.find((k) => k.id === prepared.signingKeyId)?.status === 'revoked') return NO_KEYS();

    const prior = await s.credentials.chainHead(badge.id, recipientEmail);
    const priorState = recipientState(prior, now);
    if (priorState === 'active_non_expiring') return duplicate();
    const quota = await takeQuota(s, org, recipientEmail, now);
    if (!quota.ok) return quota;
    if (prior && priorState === 'active_time_bound') {
      await recordRevocation(
        s,
        prior,
        { reason: SUPERSEDED_REASON, revokedBy: actorUserId(actor) },
        now,
      );
    }
    // The old head stops being the head before the new one is written (one head per chain).
    if (prior && !(await s.credentials.markSuperseded(prior.id, prepared.id)))
      throw new Error('chain head changed under its lock');
    const credential = await s.credentials.create(
      { ...prepared, supersedesCredentialId: prior?.id ?? null },
      now,
    );
    const emailOutboxId = await queueCredentialEmail(
      deps,
      s,
      org,
      badge,
      credential,
      priorState,
      now,
    );
    return ok({ credential: { ...credential, emailOutboxId, badgeName: badge.name }, priorState });
  });
}

/**
 * Issues a credential: a fresh one to a new recipient, a renewal that supersedes an expired,
 * revoked or (revoking it) active time-bound one, and CONFLICT for an active non-expiring one.
 */
export async function issueCredential(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  input: IssueCredentialInput,
): Promise<Result<IssuedResult, ErrorCode>> {
  const parsed = IssueCredentialSchema.safeParse(input);
  if (!parsed.success)
    return err('VALIDATION_ERROR', 'Check the highlighted fields.', {
      fields: fieldErrors(parsed.error),
    });
  const { badgeId, recipientName, recipientEmail, evidenceUrl, isPublic } = parsed.data;
  const email = normalizeEmail(recipientEmail);
  const s = deps.uow.stores;

  // Checked before signing too, so a refused issue costs no signature and no status index.
  const access = await authorize(s, organizationId, actor, 'credentials.issue');
  if (!access.ok) return access;
  const organization = access.value;
  const badge = await s.badges.findById(organization.id, badgeId);
  const refused = refuseUnissuable(organization, badge);
  if (refused || !badge) return refused ?? err('NOT_FOUND', 'Badge not found.');
  if (
    recipientState(await s.credentials.chainHead(badge.id, email), deps.clock.now()) ===
    'active_non_expiring'
  )
    return duplicate();
  const quota = await checkQuota(s, organization, email, deps.clock.now());
  if (!quota.ok) return quota;

  const prepared = await prepareSignedCredential(deps, {
    organization,
    badge,
    recipientName,
    recipientEmail,
    evidenceUrl,
    isPublic,
    supersedesCredentialId: null,
  });
  if (!prepared) return NO_KEYS();
  return commit(deps, actor, prepared, email);
}
