import { z } from 'zod';
import { signedText } from '../signed-text.ts';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL-safe slug from a name: lower case, ASCII letters and digits joined by single hyphens. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/**
 * Characters no IRI may hold (RFC 3987). A URL parser accepts many of them (it drops a tab,
 * escapes a space), but links are stored as typed and signed as IRIs, so they are refused.
 */
export const NOT_IN_IRI = /[\p{Cc}\s<>"{}|\\^`]/u;

/**
 * Links people click on our pages: only http and https, never javascript: or data:. A link
 * may end up in a signed credential (website, evidence), so it must also be a valid IRI.
 */
export const WebUrlSchema = z
  .string()
  .trim()
  .max(2048, 'URL is too long.')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Enter a full web address starting with http:// or https://.')
  .refine(
    (v) => !NOT_IN_IRI.test(v),
    'Enter the web address without spaces, quotes, angle brackets or control characters.',
  );

/** Optional signed text (see signed-text.ts): blank means none. */
const optionalText = (max: number, label: string) =>
  signedText(z.string(), label)
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** Organization and badge slugs: an empty one means "generate it from the name". */
export const OptionalSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .min(3, 'Slug must be at least 3 characters.')
      .max(60, 'Slug must be at most 60 characters.')
      .regex(SLUG_PATTERN, 'Use lower-case letters, digits and single hyphens.')
      .optional(),
  );

export const OrganizationDetailsSchema = z.object({
  // The organization's name and description are its issuer Profile in every credential.
  name: signedText(z.string(), 'Name')
    .trim()
    .min(2, 'Name must be at least 2 characters.')
    .max(120, 'Name must be at most 120 characters.'),
  slug: OptionalSlugSchema,
  website: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(WebUrlSchema.nullable()),
  description: optionalText(1000, 'Description'),
  /** The number in the LinkedIn company page's admin URL; LinkedIn ids are plain digits. */
  linkedinCompanyId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\d{1,20}$/, 'Enter the LinkedIn company ID as digits only (at most 20).')
        .nullable(),
    ),
});
export type OrganizationDetailsInput = z.input<typeof OrganizationDetailsSchema>;
