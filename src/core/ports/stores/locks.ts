/**
 * Named locks held until the transaction ends, for rules no row can be locked for yet:
 * "no account with this email", "no platform admin", "this slug is free".
 */
export interface LocksStore {
  hold(name: string): Promise<void>;
}
