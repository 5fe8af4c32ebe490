type AccountTokenPurpose = 'verify_email' | 'reset_password';

export interface AccountTokensStore {
  create(
    t: { tokenHash: string; userId: string; purpose: AccountTokenPurpose; expiresAt: Date },
    now: Date,
  ): Promise<void>;
  /** The user of an unused, unexpired token; undefined otherwise. */
  findUsable(
    tokenHash: string,
    purpose: AccountTokenPurpose,
    now: Date,
  ): Promise<{ id: string; userId: string } | undefined>;
  /** Marks it used only if it still was not: false means someone used it first. */
  consume(id: string, now: Date): Promise<boolean>;
  invalidateAll(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
  /** Deletes tokens that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
