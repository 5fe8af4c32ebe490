import { z } from 'zod';
import { NewAccountSchema } from '../accounts/account-input.ts';
import { SLUG_PATTERN } from '../organizations/organization-input.ts';

const PROFILE_SLUG_MIN = 3;
export const PROFILE_SLUG_MAX = 40;

/** Optional text fields: blank means "not set". */
const blankToNull = (v: string | undefined | null) => (v ? v : null);

/** Same shape as organization slugs (lower case, digits, single inner hyphens), shorter. */
const ProfileSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .nullish()
  .transform(blankToNull)
  .pipe(
    z
      .string()
      .min(PROFILE_SLUG_MIN, `Profile slug must be at least ${PROFILE_SLUG_MIN} characters.`)
      .max(PROFILE_SLUG_MAX, `Profile slug must be at most ${PROFILE_SLUG_MAX} characters.`)
      .regex(
        SLUG_PATTERN,
        'Use lower-case letters, digits and single hyphens, with no hyphen at the start or end.',
      )
      .nullable(),
  );

/**
 * LinkedIn's own pages only: the link is rendered as a button on a public page, so it must not
 * be able to send visitors anywhere else (or anywhere over plain http).
 */
function isLinkedinUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    (host === 'linkedin.com' || host.endsWith('.linkedin.com'))
  );
}

const LinkedinUrlSchema = z
  .string()
  .trim()
  .max(2048, 'LinkedIn URL is too long.')
  .nullish()
  .transform(blankToNull)
  .refine(
    (v) => v === null || isLinkedinUrl(v),
    'Enter your LinkedIn profile address, like https://www.linkedin.com/in/your-name.',
  );

export const ProfileSchema = z.object({
  firstName: NewAccountSchema.shape.firstName,
  lastName: NewAccountSchema.shape.lastName,
  profileSlug: ProfileSlugSchema,
  linkedinUrl: LinkedinUrlSchema,
});
export type ProfileInput = z.input<typeof ProfileSchema>;
