// The shape of a verification: four checks made and reported separately, so a page or an
// API client can say which one failed, and an unmade check is never shown as passed.

export type CheckOutcome = 'passed' | 'failed' | 'could_not_check';

export interface CheckResult {
  outcome: CheckOutcome;
  /**
   * Why, for failed / could_not_check: a short human sentence. A pass carries one only when
   * there was nothing to check (no expiry date, no status entry).
   */
  reason?: string;
}

export interface VerificationReport {
  signature: CheckResult;
  expiration: CheckResult;
  revocation: CheckResult;
  issuerStatus: CheckResult;
  /** True only when all four passed. */
  verified: boolean;
  /** The issuer id (a DID) the document claims, when it names one. */
  issuerId: string | undefined;
}
