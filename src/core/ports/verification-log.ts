import type { VerificationChannel } from '../entities.ts';

/** One verification of one of our credentials, as the issuer's analytics keep it. */
export interface VerificationEvent {
  credentialId: string;
  organizationId: string;
  channel: VerificationChannel;
  occurredAt: Date;
}

/**
 * Where verifications are counted. A view must not wait for a database write, so `add` only
 * notes the event; the implementation writes what it noted every few seconds, all of it in
 * one transaction, so a crash loses at most those seconds and never half of a batch.
 */
export interface VerificationLog {
  add(event: VerificationEvent): void;
  /** Writes everything noted so far (on shutdown, and where a test reads the counts back). */
  flush(): Promise<void>;
}
