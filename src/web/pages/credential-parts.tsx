import type { ReactNode } from 'react';
import type { RecipientCheck, RecipientState } from '../../core/credentials/recipient-check.ts';
import { credentialStatus, type CredentialStatus } from '../../core/credentials/status.ts';
import type { Credential } from '../../core/entities.ts';
import type { EmailDelivery } from '../../core/ports/stores/outbox.ts';
import { Button, Icon, Pill, type IconName, type PillTone } from '../components/index.ts';
import { verifyPath } from '../public-paths.ts';
import { formatDay } from './org-parts.tsx';

/** How each status reads and looks wherever a credential's status shows (lists, pills, the embed card). */
export const CREDENTIAL_STATUS: Record<
  CredentialStatus,
  { label: string; tone: PillTone; icon: IconName }
> = {
  valid: { label: 'Valid', tone: 'success', icon: 'check-circle' },
  pending: { label: 'Pending', tone: 'info', icon: 'clock' },
  expired: { label: 'Expired', tone: 'warning', icon: 'clock' },
  revoked: { label: 'Revoked', tone: 'danger', icon: 'ban' },
};

export const STATUS_FILTERS: { value: CredentialStatus; label: string }[] = [
  { value: 'valid', label: 'Valid' },
  { value: 'pending', label: 'Pending (not claimed yet)' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

/** valid / pending / expired / revoked as a pill with icon and words. */
export function CredentialStatusPill({
  credential,
  now,
}: {
  credential: Pick<Credential, 'revokedAt' | 'expiresAt' | 'claimedAt'>;
  now: Date;
}) {
  const look = CREDENTIAL_STATUS[credentialStatus(credential, now)];
  return (
    <Pill tone={look.tone} icon={look.icon} size="sm">
      {look.label}
    </Pill>
  );
}

/** Where the credential's latest email stands: queued, sent, failed (with its last error), suppressed. */
export function DeliveryState({ delivery }: { delivery: EmailDelivery | undefined }) {
  if (!delivery) return <span className="text-muted">No email</span>;
  switch (delivery.status) {
    case 'queued':
    case 'sending':
      return (
        <span className="delivery delivery--queued">
          <Icon name="clock" size="sm" />
          {delivery.status === 'queued' ? 'Queued' : 'Sending'}
        </span>
      );
    case 'sent':
      return (
        <span className="delivery delivery--sent">
          <span className="delivery__state">
            <Icon name="check" size="sm" />
            Sent
          </span>
          {delivery.sentAt ? (
            <span className="delivery__note">{formatDay(delivery.sentAt)}</span>
          ) : null}
        </span>
      );
    case 'failed':
      return (
        <span className="delivery delivery--failed">
          <span className="delivery__state">
            <Icon name="x-circle" size="sm" />
            Failed
          </span>
          {delivery.lastError ? (
            <span className="delivery__error">{delivery.lastError}</span>
          ) : null}
        </span>
      );
    case 'suppressed':
      return (
        <span className="delivery delivery--suppressed">
          <span className="delivery__state">
            <Icon name="ban" size="sm" />
            Suppressed
          </span>
          <span className="delivery__error">Email notifications were off.</span>
        </span>
      );
  }
}

/** ↻ links to the credential this one renewed and the one that renewed it. */
export function Lineage({
  supersedes,
  supersededBy,
}: {
  supersedes?: string | undefined;
  supersededBy?: string | undefined;
}) {
  if (!supersedes && !supersededBy) return null;
  return (
    <span className="lineage">
      {supersedes ? (
        <span className="lineage__item">
          <Icon name="refresh-cw" size="xs" />
          Supersedes <a href={verifyPath(supersedes)}>{supersedes}</a>
        </span>
      ) : null}
      {supersededBy ? (
        <span className="lineage__item">
          <Icon name="refresh-cw" size="xs" />
          Superseded by <a href={verifyPath(supersededBy)}>{supersededBy}</a>
        </span>
      ) : null}
    </span>
  );
}

const CHECK_LOOK: Record<
  RecipientState,
  { tone: 'success' | 'info' | 'warning' | 'danger'; icon: IconName }
> = {
  new: { tone: 'success', icon: 'check-circle' },
  expired: { tone: 'info', icon: 'refresh-cw' },
  active_time_bound: { tone: 'warning', icon: 'alert-triangle' },
  active_non_expiring: { tone: 'danger', icon: 'x-circle' },
  revoked: { tone: 'info', icon: 'refresh-cw' },
};

function checkExplanation(state: RecipientState, prior: ReactNode): ReactNode {
  switch (state) {
    case 'new':
      return 'A fresh credential will be issued.';
    case 'expired':
      return <>The new credential will supersede the expired one{prior}.</>;
    case 'active_time_bound':
      return (
        <>
          The current credential{prior} will be revoked as superseded by renewal, and linked to the
          new one.
        </>
      );
    case 'active_non_expiring':
      return (
        <>
          It never expires, so issuing again would create a duplicate. Revoke the existing
          credential{prior} first if you really need to re-issue it.
        </>
      );
    case 'revoked':
      return <>The revoked credential{prior} stays revoked, linked to the new one.</>;
  }
}

/**
 * The recipient check's banner (issuing-a-credential.md): its colour, an icon, the reference's
 * words as the title, and what submitting will do.
 */
export function RecipientCheckBanner({
  check,
  priorShortId,
}: {
  check: RecipientCheck;
  priorShortId?: string | undefined;
}) {
  const look = CHECK_LOOK[check.state];
  const prior = priorShortId ? (
    <>
      {' '}
      (<a href={verifyPath(priorShortId)}>{priorShortId}</a>)
    </>
  ) : null;
  return (
    <div className={`banner banner--${look.tone} recipient-check`} data-state={check.state}>
      <Icon name={look.icon} />
      <div className="banner__body">
        <p className="banner__title">
          <span className="visually-hidden">Recipient check: </span>
          {check.message}
        </p>
        <div className="banner__content">
          <p>{checkExplanation(check.state, prior)}</p>
        </div>
      </div>
    </div>
  );
}

const ISSUE_SUBMIT_ID = 'issue-submit';

/** The form's submit button; the recipient check swaps it out-of-band to block a duplicate. */
export function IssueSubmitButton({ disabled, oob }: { disabled: boolean; oob?: boolean }) {
  return (
    <Button
      id={ISSUE_SUBMIT_ID}
      variant="primary"
      icon="send"
      disabled={disabled}
      attrs={oob ? { 'hx-swap-oob': 'true' } : undefined}
    >
      Issue credential
    </Button>
  );
}
