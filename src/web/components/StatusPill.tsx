import type { OrganizationStatus, InvitationStatus } from '../../core/entities.ts';
import type { IconName } from './icon-names.ts';
import { Pill, type PillTone } from './Pill.tsx';

/** Credential lifecycle words the UI knows how to show. */
type CredentialStatus = 'active' | 'expired' | 'revoked' | 'superseded';
type KnownStatus = OrganizationStatus | InvitationStatus | CredentialStatus;

const STATUS_LOOK: Record<KnownStatus, { label: string; tone: PillTone; icon: IconName }> = {
  pending_review: { label: 'Pending review', tone: 'warning', icon: 'clock' },
  approved: { label: 'Approved', tone: 'success', icon: 'check-circle' },
  rejected: { label: 'Rejected', tone: 'danger', icon: 'x-circle' },
  suspended: { label: 'Suspended', tone: 'neutral', icon: 'pause-circle' },
  pending: { label: 'Pending', tone: 'warning', icon: 'clock' },
  accepted: { label: 'Accepted', tone: 'success', icon: 'check-circle' },
  declined: { label: 'Declined', tone: 'neutral', icon: 'x-circle' },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: 'ban' },
  active: { label: 'Active', tone: 'success', icon: 'check-circle' },
  expired: { label: 'Expired', tone: 'warning', icon: 'clock' },
  revoked: { label: 'Revoked', tone: 'danger', icon: 'ban' },
  superseded: { label: 'Superseded', tone: 'info', icon: 'refresh-cw' },
};

export interface StatusPillProps {
  status: KnownStatus;
  size?: 'sm' | 'md';
  /** Overrides the default wording. */
  label?: string;
}

/** An organization, invitation or credential status as a coloured pill with icon and words. */
export function StatusPill({ status, size, label }: StatusPillProps) {
  const look = STATUS_LOOK[status];
  return (
    <Pill tone={look.tone} icon={look.icon} size={size}>
      {label ?? look.label}
    </Pill>
  );
}
