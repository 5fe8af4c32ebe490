/** Recipients counted toward the monthly quota, one row per organization, month and email. */
export interface QuotaStore {
  countForMonth(organizationId: string, month: string): Promise<number>;
  hasRecipient(organizationId: string, month: string, email: string): Promise<boolean>;
  addRecipient(organizationId: string, month: string, email: string, now: Date): Promise<void>;
}
