import type { Action } from './authz/permissions.ts';
import type { CheckResult } from './credentials/verification.ts';
import type { OrganizationStatus } from './entities.ts';
import type { PlanId } from './plans/plans.ts';

/**
 * The documented API error codes (reference: api/overview.md). Every failure a use case
 * returns carries one of these; `details.reason` names the precise cause where it helps,
 * from the closed list of its code below (ErrorDetailsByCode).
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

/** A form's field name → its message, for re-rendering the form or naming the fields in the API. */
type FieldMessages = Record<string, string>;

/** A reason that carries no figures. */
type Plain = Record<never, never>;

/** A limit of the organization's plan was reached; `limit` and `used` are the figures. */
type PlanFigures = { limit: number; used: number };

/** Why a VALIDATION_ERROR, when more than the fields: mostly a pasted or uploaded credential (the wallet import). */
interface ValidationReasons {
  /** Nothing was pasted or uploaded. */
  EMPTY: Plain;
  /** The text is not JSON. */
  NOT_JSON: Plain;
  /** A VC-JWT, which Laurel does not read yet. */
  JWT_NOT_SUPPORTED: Plain;
  /** JSON, but not an Open Badges 3.0 credential. */
  NOT_A_CREDENTIAL: Plain;
  /** The credential carries no proof, so nothing can be verified. */
  NO_PROOF: Plain;
  /** A date of the credential is not an XML Schema dateTimeStamp. */
  INVALID_DATE: Plain;
  /** The credential names another email address than the importer's. */
  RECIPIENT_MISMATCH: Plain;
  /** The signature check failed; `signature` is its result. */
  SIGNATURE_NOT_VERIFIED: { signature: CheckResult };
  /** Its issuer revoked the credential; `revocation` is the check's result. */
  REVOKED: { revocation: CheckResult };
}

/** Why a FORBIDDEN. */
interface ForbiddenReasons {
  /** The caller's role lacks the permission; `action` names it when it is a row of the matrix. */
  ROLE: { action?: Action };
  /** An API key asked for something only people may do (API_KEY_ACTIONS). */
  API_KEY: { action: Action };
  /** The operator (the command line) asked for something it does not do (OPERATOR_ACTIONS). */
  OPERATOR: { action: Action };
  /** The plan's badge templates are used up; `plan` names the plan. */
  PLAN_LIMIT: PlanFigures & { plan: PlanId };
  /** The plan's owners are used up (pending owner invitations count). */
  OWNER_LIMIT: PlanFigures;
  /** The plan's active API keys are used up. */
  API_KEY_LIMIT: { limit: number };
  /** The monthly recipient quota is reached until `resetsAt` (ISO 8601). */
  QUOTA_EXCEEDED: PlanFigures & { resetsAt: string };
  /** The plan does not include the API. */
  PLAN_REQUIRED: Plain;
  /** The organization is not approved, so it cannot issue. */
  ORG_NOT_APPROVED: Plain;
  /** The badge is deactivated: nothing new is issued from it. */
  BADGE_INACTIVE: Plain;
  /** The organization has no active signing key yet. */
  NO_SIGNING_KEYS: Plain;
  /** The organization turned its email notifications off. */
  EMAILS_DISABLED: Plain;
  /** The caller's email address is not verified yet (creating an organization, joining one). */
  EMAIL_NOT_VERIFIED: Plain;
}

/** Why a NOT_FOUND, when a link rather than an id was not found. */
interface NotFoundReasons {
  /** The emailed link's token is unknown, used or expired. */
  TOKEN_INVALID: Plain;
}

/** Why a CONFLICT. */
interface ConflictReasons {
  /** The slug is another's; `fields` names the form field. */
  SLUG_TAKEN: { fields: FieldMessages };
  /** The organization's slug is part of its DID once signing keys exist. */
  SLUG_LOCKED: { fields: FieldMessages };
  /** An account with this email exists. */
  EMAIL_TAKEN: { fields: FieldMessages };
  /** Fields of a badge that can no longer change; `locked` lists them. */
  FIELD_LOCKED: { locked: string[]; fields: FieldMessages };
  /** The recipient holds an active, non-expiring credential of this badge. */
  DUPLICATE_CREDENTIAL: Plain;
  /** The credential is revoked already. */
  ALREADY_REVOKED: Plain;
  /** The credential is revoked: its email is not resent, and it is not claimed. */
  CREDENTIAL_REVOKED: Plain;
  /** The credential expired, so it is not claimed. */
  CREDENTIAL_EXPIRED: Plain;
  /** The credential email went out recently; it can be resent from `availableAt` (ISO 8601). */
  EMAIL_COOLDOWN: { availableAt: string };
  /** A private credential never appears on a profile. */
  PRIVATE_CREDENTIAL: Plain;
  /** The imported credential was issued on this Laurel: it is claimed, not imported. */
  ISSUED_HERE: Plain;
  /** The wallet holds this credential already. */
  ALREADY_IMPORTED: Plain;
  /** The wallet holds as many imported credentials as it may. */
  WALLET_FULL: Plain;
  /** The organization has signing keys already. */
  KEYS_EXIST: Plain;
  /** There is no active signing key to rotate. */
  NO_SIGNING_KEYS: Plain;
  /** The signing key is revoked already. */
  KEY_REVOKED: Plain;
  /** The Idempotency-Key was used for a different request. */
  IDEMPOTENCY_KEY_REUSED: Plain;
  /** The first request with this Idempotency-Key is still running. */
  IDEMPOTENCY_IN_PROGRESS: Plain;
  /** The change would leave the organization without an owner. */
  LAST_OWNER: Plain;
  /** Members leave rather than remove themselves. */
  USE_LEAVE: Plain;
  /** The invited person is a member already. */
  ALREADY_MEMBER: Plain;
  /** An invitation to this email is pending already. */
  ALREADY_INVITED: Plain;
  /** Only a rejected organization is resubmitted for review. */
  NOT_REJECTED: Plain;
  /** The review action does not apply to the organization's `status`. */
  INVALID_TRANSITION: { status: OrganizationStatus };
}

/** One `details` shape per reason: `{ reason, …its figures }`. */
type Reasoned<R> = { [K in keyof R & string]: { reason: K } & R[K] }[keyof R & string];

/**
 * What `details` may hold, per code: a closed list, so a use case cannot answer with a reason
 * this file does not document. Codes without an entry carry no details.
 */
interface ErrorDetailsByCode {
  VALIDATION_ERROR: { fields: FieldMessages } | Reasoned<ValidationReasons>;
  UNAUTHORIZED: never;
  FORBIDDEN: Reasoned<ForbiddenReasons>;
  NOT_FOUND: Reasoned<NotFoundReasons>;
  CONFLICT: Reasoned<ConflictReasons>;
  /** How long until the window lets the next attempt through. */
  RATE_LIMITED: { retryAfterSeconds: number };
  /** The address to send the verification link to again. */
  EMAIL_NOT_VERIFIED: { email: string };
  EMAIL_MISMATCH: never;
  ALREADY_CLAIMED: never;
}

export type ErrorDetails<C extends ErrorCode = ErrorCode> = ErrorDetailsByCode[C];

/** The documented `details.reason` values of code `C`. */
export type ErrorReason<C extends ErrorCode = ErrorCode> =
  ErrorDetails<C> extends infer D ? (D extends { reason: infer R } ? R : never) : never;
