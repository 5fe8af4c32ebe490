import type { VerificationEvent } from '../verification-log.ts';

export interface VerificationEventsStore {
  /** Writes the events in as few statements as the database allows (one, up to thousands). */
  recordAll(events: readonly VerificationEvent[]): Promise<void>;
  /**
   * How many times each of the organization's credentials was verified; credentials never
   * verified, or of another organization, are absent.
   */
  countForCredentials(
    organizationId: string,
    credentialIds: readonly string[],
  ): Promise<Map<string, number>>;
  /** Verifications of the organization's credentials since `since`. */
  countForOrganization(organizationId: string, since: Date): Promise<number>;
}
