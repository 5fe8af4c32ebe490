import type { Role } from '../../authz/roles.ts';
import type { Invitation, InvitationStatus, InvitationWithOrganization } from '../../entities.ts';

export interface InvitationsStore {
  create(
    i: { organizationId: string; email: string; role: Role; tokenHash: string; invitedBy: string },
    now: Date,
  ): Promise<Invitation>;
  findPendingByTokenHash(tokenHash: string): Promise<InvitationWithOrganization | undefined>;
  findById(id: string): Promise<InvitationWithOrganization | undefined>;
  findPendingForEmail(organizationId: string, email: string): Promise<Invitation | undefined>;
  listPendingForEmail(email: string): Promise<InvitationWithOrganization[]>;
  listPendingForOrganization(organizationId: string): Promise<Invitation[]>;
  /** Moves a pending invitation to `status`; false when it was no longer pending. */
  respond(id: string, status: Exclude<InvitationStatus, 'pending'>, now: Date): Promise<boolean>;
  countPendingOwnerInvitations(organizationId: string): Promise<number>;
}
