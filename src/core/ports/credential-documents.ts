import type { Badge, Organization } from '../entities.ts';
import type { SigningKeyForUse } from './stores/signing-keys.ts';

/** What Laurel puts into a signed credential, from its own records. */
interface CredentialToSign {
  credentialId: string;
  organization: Organization;
  badge: Badge;
  recipientName: string;
  recipientEmail: string;
  issuedAt: Date;
  expiresAt: Date | null;
  evidenceUrl: string | null;
  status: { listNumber: number; index: number };
}

interface StatusListToSign {
  organization: Organization;
  listNumber: number;
  length: number;
  revokedIndexes: readonly number[];
  /** When this version of the list came about (not when it is signed). */
  validFrom: Date;
}

/** Builds and signs the public documents; the private key stays in the KeyVault. */
export interface CredentialDocuments {
  /** The signed OB 3.0 credential as the JSON text to store and serve. */
  signCredential(c: CredentialToSign, key: SigningKeyForUse): Promise<string>;
  /** The signed BitstringStatusListCredential as JSON text. */
  signStatusList(l: StatusListToSign, key: SigningKeyForUse): Promise<string>;
}
