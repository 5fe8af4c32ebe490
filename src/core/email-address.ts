import { z } from 'zod';

/** Emails are trimmed and compared case-insensitively; nothing else is normalised (product.md). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'Email address is too long.')
  .pipe(z.email('Enter a valid email address.'));
