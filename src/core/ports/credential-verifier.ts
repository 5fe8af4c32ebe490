import type { VerificationReport } from '../credentials/verification.ts';

/** The one verification function, for Laurel's own credentials and any other issuer's. */
export interface CredentialVerifier {
  verify(document: unknown): Promise<VerificationReport>;
}
