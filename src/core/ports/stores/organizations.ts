import type { Organization, OrganizationStatus, OrganizationWithRole } from '../../entities.ts';
import type { PlanId, SubscriptionSource } from '../../plans/plans.ts';

interface NewOrganization {
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
  createdBy: string;
}

export interface OrganizationsStore {
  create(org: NewOrganization, now: Date): Promise<Organization>;
  findById(id: string): Promise<Organization | undefined>;
  /**
   * Holds the organization's row until the transaction ends, so rules that count members
   * (owner caps, last owner) cannot be raced past. Call inside a transaction.
   */
  lock(id: string): Promise<void>;
  findBySlug(slug: string): Promise<Organization | undefined>;
  slugTaken(slug: string, exceptId?: string): Promise<boolean>;
  updateDetails(
    id: string,
    d: {
      name: string;
      slug: string;
      website: string | null;
      description: string | null;
      linkedinCompanyId: string | null;
    },
    now: Date,
  ): Promise<void>;
  setStatus(
    id: string,
    status: OrganizationStatus,
    reason: string | null,
    now: Date,
  ): Promise<void>;
  setEmailsEnabled(id: string, enabled: boolean, now: Date): Promise<void>;
  setLogo(id: string, logoPath: string | null, now: Date): Promise<void>;
  setSubscription(
    id: string,
    s: { plan: PlanId; source: SubscriptionSource; grantExpiresAt: Date | null },
    now: Date,
  ): Promise<void>;
  listByStatus(status: OrganizationStatus | undefined): Promise<Organization[]>;
  listForUser(userId: string): Promise<OrganizationWithRole[]>;
  /** Granted plans whose end date has passed, for the sweep that writes them back to Free. */
  listExpiredGrants(now: Date): Promise<Organization[]>;
}
