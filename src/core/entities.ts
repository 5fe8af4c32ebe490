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
