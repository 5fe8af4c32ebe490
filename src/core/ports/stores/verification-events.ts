import type { VerificationChannel } from '../../entities.ts';

export interface VerificationEventsStore {
  record(
    e: { credentialId: string; organizationId: string; channel: VerificationChannel },
    now: Date,
  ): Promise<void>;
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
