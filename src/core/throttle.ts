import type { Stores } from './ports/unit-of-work.ts';

import { MINUTE } from './clock.ts';

export interface ThrottleRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Records an attempt, then says whether the subject is now over the rule's limit. Recording
 * first (each insert commits on its own) means parallel attempts all see each other, so a
 * burst cannot slip past the limit together. Returns the attempt's id, to forget it on success.
 */
export async function recordAttempt(
  s: Stores,
  rule: ThrottleRule,
  subject: string,
  now: Date,
): Promise<{ id: string; overLimit: boolean }> {
  const id = await s.throttle.record(rule.bucket, subject, now);
  const count = await s.throttle.count(
    rule.bucket,
    subject,
    new Date(now.getTime() - rule.windowMs),
  );
  return { id, overLimit: count > rule.limit };
}

/** Emails with links (verification, reset) any one client IP may ask for, whatever the addresses. */
export const EMAIL_LINKS_PER_IP: ThrottleRule = {
  bucket: 'email_link_ip',
  limit: 20,
  windowMs: 15 * MINUTE,
};
