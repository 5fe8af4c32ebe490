/**
 * The documented API error codes (reference: api/overview.md). Every failure a use case
 * returns carries one of these; `details.reason` names the precise cause where it helps.
 */
export type ErrorCode =
  /** The input is malformed or breaks a rule of the form (bad email, weak password, …). */
  | 'VALIDATION_ERROR'
  /** No valid credentials: not signed in, wrong password, unknown or revoked API key. */
  | 'UNAUTHORIZED'
  /** Authenticated but not allowed: role, plan, organization status, quota. */
  | 'FORBIDDEN'
  /** Does not exist, or is not visible to the caller (another organization's ids look missing). */
  | 'NOT_FOUND'
  /** Clashes with the current state: slug taken, already a member, last owner, … */
  | 'CONFLICT'
  /** Too many attempts in the window. */
  | 'RATE_LIMITED'
  /** Sign-in refused until the email address is verified (reference: creating-an-account.md). */
  | 'EMAIL_NOT_VERIFIED'
  /** Claiming refused: the signed-in email is not the one the credential was issued to (claiming-a-credential.md). */
  | 'EMAIL_MISMATCH'
  /** Claiming refused: the credential is claimed already, by anyone (claiming-a-credential.md). */
  | 'ALREADY_CLAIMED';
