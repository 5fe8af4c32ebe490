import type { VerificationReport } from '../credentials/verification.ts';
import type { Organization } from '../entities.ts';
import type { SigningKey } from './stores/signing-keys.ts';

/**
 * What the caller has already read of our own records for one verification (the page of one
 * of our credentials has its issuer and status list at hand), so the verifier does not read
 * them again. Each is used only for the DID or list URL it belongs to.
 */
export interface KnownRecords {
  /** One of our issuers with its published (non-revoked) keys. */
  issuer?: { organization: Organization; keys: SigningKey[] };
  /** One of our signed status lists, as JSON text. */
  statusList?: { orgSlug: string; listNumber: number; document: string };
}

/**
 * Where a document comes from. 'stored': the signed document Laurel keeps for one of its
 * own credentials, which the engine may check on its fast path; 'presented': anything
 * someone handed us (an upload, a baked image, a wallet import), checked exactly the way
 * any other verifier would.
 */
type DocumentOrigin = 'stored' | 'presented';

/** The one verification function, for Laurel's own credentials and any other issuer's. */
export interface CredentialVerifier {
  verify(
    document: unknown,
    origin: DocumentOrigin,
    known?: KnownRecords,
  ): Promise<VerificationReport>;
}
