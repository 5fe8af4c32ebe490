import type { Role } from './authz/roles.ts';
import type { Subscription } from './plans/plans.ts';

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerifiedAt: Date | null;
  isPlatformAdmin: boolean;
  createdAt: Date;
}

export const ORGANIZATION_STATUSES = ['pending_review', 'approved', 'rejected', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export interface Organization {
  id: string;
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
  logoPath: string | null;
  status: OrganizationStatus;
  /** Why it was rejected or suspended; null otherwise. */
  statusReason: string | null;
  /** The org-wide email toggle: off suppresses every email about this organization. */
  emailsEnabled: boolean;
  subscription: Subscription;
  createdAt: Date;
  updatedAt: Date;
}

export interface Membership {
  organizationId: string;
  userId: string;
  role: Role;
  createdAt: Date;
}

export interface Member extends Membership {
  email: string;
  firstName: string;
  lastName: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  invitedBy: string;
  createdAt: Date;
}

export interface InvitationWithOrganization extends Invitation {
  organizationName: string;
  organizationSlug: string;
}

export interface OrganizationWithRole {
  organization: Organization;
  role: Role;
}

export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`.trim();
}

export interface Badge {
  id: string;
  organizationId: string;
  name: string;
  slug: string;
  description: string;
  criteria: string;
  externalUrl: string | null;
  /** A key in file storage; the public image URL is derived from the badge id. */
  imagePath: string | null;
  expiresInDays: number | null;
  tags: string[];
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Credential {
  id: string;
  /** CRD-XXXXXXXX */
  shortId: string;
  organizationId: string;
  badgeId: string;
  recipientName: string;
  recipientEmail: string;
  issuedAt: Date;
  expiresAt: Date | null;
  isPublic: boolean;
  evidenceUrl: string | null;
  claimedAt: Date | null;
  claimedBy: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  revokedBy: string | null;
  supersedesCredentialId: string | null;
  supersededByCredentialId: string | null;
  signingKeyId: string;
  statusListId: string;
  statusListIndex: number;
  /** The most recent email about it (issuance, renewal, resend) in the outbox. */
  emailOutboxId: string | null;
}

/** A credential as the credentials list and the v1 API show it. */
export interface CredentialWithBadge extends Credential {
  badgeName: string;
}

export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  /** `crd_live_` and the first characters: enough to tell keys apart, useless to an attacker. */
  prefix: string;
  last4: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A per-organization revocation list; its bits are the revoked credentials holding its indexes. */
export interface StatusList {
  id: string;
  organizationId: string;
  listNumber: number;
  length: number;
  allocated: number;
  capacity: number;
  version: number;
  signedVersion: number | null;
  createdAt: Date;
}
