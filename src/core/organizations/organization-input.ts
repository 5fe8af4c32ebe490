import { z } from 'zod';

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

/** Links people click on our pages: only http and https, never javascript: or data:. */
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
  }, 'Enter a full web address starting with http:// or https://.');

const optionalText = (max: number, label: string) =>
  z
    .string()
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
  name: z
    .string()
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
