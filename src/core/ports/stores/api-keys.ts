import type { ApiKey } from '../../entities.ts';

export interface ApiKeysStore {
  create(
    k: {
      organizationId: string;
      name: string;
      keyHash: string;
      prefix: string;
      last4: string;
      createdBy: string | null;
    },
    now: Date,
  ): Promise<ApiKey>;
  /** The unrevoked key with this SHA-256 digest. */
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  listForOrganization(organizationId: string): Promise<ApiKey[]>;
  countActive(organizationId: string): Promise<number>;
  /** Scoped by organization; false when there is no such unrevoked key. */
  revoke(organizationId: string, id: string, now: Date): Promise<boolean>;
  touch(id: string, now: Date): Promise<void>;
}
