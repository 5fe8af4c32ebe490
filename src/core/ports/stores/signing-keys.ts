type SigningKeyStatus = 'active' | 'retired' | 'revoked';

/** An organization's signing key as the world may see it: never the private half. */
export interface SigningKey {
  id: string;
  organizationId: string;
  /** The fragment of its verification method in the organization's DID document: key-1, key-2, … */
  keyId: string;
  publicKeyMultibase: string;
  status: SigningKeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeysStore {
  listForOrganization(organizationId: string): Promise<SigningKey[]>;
  create(
    k: {
      organizationId: string;
      keyId: string;
      publicKeyMultibase: string;
      sealedPrivateKey: string;
    },
    now: Date,
  ): Promise<SigningKey>;
  /** Moves the active key to retired: it stays published, so what it signed still verifies. */
  retire(id: string, now: Date): Promise<void>;
  /** Withdraws a key from the DID document: nothing it signed verifies any more. */
  revoke(id: string, now: Date): Promise<void>;
  /** The active key with its sealed private half, for the signing path only. */
  activeForSigning(organizationId: string): Promise<SigningKeyForUse | undefined>;
}

export interface SigningKeyForUse {
  key: SigningKey;
  sealedPrivateKey: string;
}
