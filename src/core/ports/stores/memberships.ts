import type { Role } from '../../authz/roles.ts';
import type { Member, Membership } from '../../entities.ts';

export interface MembershipsStore {
  add(m: { organizationId: string; userId: string; role: Role }, now: Date): Promise<void>;
  find(organizationId: string, userId: string): Promise<Membership | undefined>;
  list(organizationId: string): Promise<Member[]>;
  setRole(organizationId: string, userId: string, role: Role): Promise<void>;
  remove(organizationId: string, userId: string): Promise<void>;
  countOwners(organizationId: string): Promise<number>;
}
