import type { Role } from '../authz/roles.ts';
import type { OrganizationStatus } from '../entities.ts';
import type { OutgoingEmail } from './stores/outbox.ts';

/** The emails Laurel sends, composed into subject, HTML and text by the email/ templates. */
export interface EmailComposer {
  verifyEmail(p: { to: string; firstName: string; link: string }): OutgoingEmail;
  resetPassword(p: { to: string; firstName: string; link: string }): OutgoingEmail;
  organizationStatusChanged(p: {
    to: string;
    organizationName: string;
    status: OrganizationStatus;
    /** Approved after suspended reads as a reinstatement. */
    previousStatus?: OrganizationStatus;
    reason: string | null;
    link: string;
  }): OutgoingEmail;
  invitation(p: {
    to: string;
    organizationName: string;
    inviterName: string;
    role: Role;
    link: string;
  }): OutgoingEmail;
  roleChanged(p: { to: string; organizationName: string; role: Role; link: string }): OutgoingEmail;
  promotedToOwner(p: { to: string; organizationName: string; link: string }): OutgoingEmail;
  removedFromOrganization(p: { to: string; organizationName: string }): OutgoingEmail;
  ownerLeft(p: {
    to: string;
    organizationName: string;
    leaverName: string;
    link: string;
  }): OutgoingEmail;
  credentialIssued(p: CredentialEmailFacts): OutgoingEmail;
  credentialRenewed(
    p: CredentialEmailFacts & { previousStatus: 'expired' | 'revoked' },
  ): OutgoingEmail;
}

export interface CredentialEmailFacts {
  to: string;
  recipientName: string;
  badgeName: string;
  organizationName: string;
  shortId: string;
  /** /verify/{credential-id} */
  link: string;
  /** The badge image, absolute, when the badge has one. */
  imageUrl: string | null;
}
