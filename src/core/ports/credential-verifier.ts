import type { VerificationReport } from '../credentials/verification.ts';

/**
 * Where a document comes from. 'stored': the signed document Laurel keeps for one of its
 * own credentials, which the engine may check on its fast path; 'presented': anything
 * someone handed us (an upload, a baked image, a wallet import), checked exactly the way
 * any other verifier would.
 */
type DocumentOrigin = 'stored' | 'presented';

/** The one verification function, for Laurel's own credentials and any other issuer's. */
export interface CredentialVerifier {
  verify(document: unknown, origin: DocumentOrigin): Promise<VerificationReport>;
}
