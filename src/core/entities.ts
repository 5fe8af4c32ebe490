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
  /** The public profile lives at /u/{profileSlug}; null until the user picks one. */
  profileSlug: string | null;
  linkedinUrl: string | null;
  /** A key in file storage; served at /avatars/{user id}. */
  avatarPath: string | null;
}

export const ORGANIZATION_STATUSES = [
  'pending_review',
  'approved',
  'rejected',
  'suspended',
] as const;
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
  /** LinkedIn's numeric company id: add-to-profile links then name the organization's page. */
  linkedinCompanyId: string | null;
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
  /** The recipient chose to leave it off their public profile (it stays verifiable). */
  hiddenFromProfile: boolean;
}

/** A credential as the credentials list and the v1 API show it. */
export interface CredentialWithBadge extends Credential {
  badgeName: string;
}

/** A credential in a recipient's wallet: enough to show it without another lookup. */
export interface WalletCredential extends Credential {
  badgeName: string;
  badgeSlug: string;
  /** Whether the badge has an image (served at /badge-images/{badgeId}). */
  badgeHasImage: boolean;
  organizationName: string;
  organizationSlug: string;
}

/** Another issuer's credential a user imported, verified before it was stored. */
export interface ImportedCredential {
  id: string;
  userId: string;
  /** The issuer's id as the document gives it (a DID or a URL). */
  issuerId: string;
  issuerName: string;
  achievementName: string;
  achievementDescription: string | null;
  /** A key in file storage (the baked image it came in, or an embedded data: image). */
  imagePath: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  importedAt: Date;
}

/** Where a verification of one of our credentials came from; nothing about who made it. */
export type VerificationChannel = 'page' | 'api' | 'embed';

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
