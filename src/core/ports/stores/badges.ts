import type { Badge } from '../../entities.ts';

export interface NewBadge {
  organizationId: string;
  name: string;
  slug: string;
  description: string;
  criteria: string;
  externalUrl: string | null;
  imagePath: string | null;
  expiresInDays: number | null;
  tags: string[];
  createdBy: string | null;
}

export interface BadgesStore {
  create(b: NewBadge, now: Date): Promise<Badge>;
  /** Scoped by organization: another organization's badge id answers undefined. */
  findById(organizationId: string, id: string): Promise<Badge | undefined>;
  findBySlug(organizationId: string, slug: string): Promise<Badge | undefined>;
  listForOrganization(organizationId: string, f: { activeOnly: boolean }): Promise<Badge[]>;
  /** The storage key of a badge's image, for the public image route. */
  findPublicImage(id: string): Promise<string | null | undefined>;
  update(id: string, b: BadgeChanges, now: Date): Promise<void>;
  setActive(id: string, active: boolean, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  countForOrganization(organizationId: string): Promise<number>;
  /** Badges that are not deactivated: what the plan's badge-template limit counts. */
  countActive(organizationId: string): Promise<number>;
  /**
   * findById that also holds the badge's row until the transaction ends, so a credential
   * being inserted for it finishes first and none is added until the change commits.
   */
  lock(organizationId: string, id: string): Promise<Badge | undefined>;
  slugTaken(organizationId: string, slug: string): Promise<boolean>;
  list(
    organizationId: string,
    f: { active?: boolean; limit: number; offset: number },
  ): Promise<{ items: Badge[]; total: number }>;
}

export type BadgeChanges = Partial<
  Pick<Badge, 'description' | 'criteria' | 'externalUrl' | 'imagePath' | 'expiresInDays' | 'tags'>
>;
