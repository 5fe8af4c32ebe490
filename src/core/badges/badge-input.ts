import { z } from 'zod';
import { OptionalSlugSchema, WebUrlSchema } from '../organizations/organization-input.ts';
import {
  normalizeSignedText,
  refusedControl,
  refusedControlMessage,
  signedText,
} from '../signed-text.ts';

export const MAX_BADGE_NAME_LENGTH = 150;
const MAX_BADGE_TEXT_LENGTH = 5000;
/** A hundred years: long enough for any real programme, short enough that dates stay sane. */
export const MAX_EXPIRES_IN_DAYS = 36_500;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

const name = signedText(z.string({ error: 'Enter a name.' }), 'Name')
  .trim()
  .min(1, 'Enter a name.')
  .max(MAX_BADGE_NAME_LENGTH, `Name must be at most ${MAX_BADGE_NAME_LENGTH} characters.`);

/** An empty slug means "generate one from the name". */
const slug = OptionalSlugSchema;

/**
 * Plain text (Markdown is not rendered), normalised as signed text: line endings become LF,
 * so a form that sends back an unchanged textarea (CRLF) compares equal to what is stored.
 */
const plainText = (label: string) =>
  signedText(z.string({ error: `Enter the ${label.toLowerCase()}.` }), label)
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .max(MAX_BADGE_TEXT_LENGTH, `${label} must be at most ${MAX_BADGE_TEXT_LENGTH} characters.`);

/** Blank or null clears the link. */
const externalUrl = z
  .string()
  .trim()
  .nullable()
  .transform((v) => (v ? v : null))
  .pipe(WebUrlSchema.nullable());

const EXPIRES_MESSAGE = `Expires in days must be a whole number from 1 to ${MAX_EXPIRES_IN_DAYS}, or blank for credentials that never expire.`;

/** A number, or the digits a form sends; blank or null means credentials never expire. */
const expiresInDays = z
  .union([z.number(), z.string(), z.null()], { error: EXPIRES_MESSAGE })
  .transform((v, ctx) => {
    if (v === null) return null;
    let days = v;
    if (typeof days === 'string') {
      const text = days.trim();
      if (text === '') return null;
      if (!/^\d{1,9}$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: EXPIRES_MESSAGE });
        return z.NEVER;
      }
      days = Number(text);
    }
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) {
      ctx.addIssue({ code: 'custom', message: EXPIRES_MESSAGE });
      return z.NEVER;
    }
    return days;
  });

/**
 * Skills: a list, or the comma- or line-separated text of a form field. Each is trimmed with
 * inner whitespace collapsed; blanks are dropped and repeats (ignoring case) keep the first.
 */
const tags = z
  .union([z.string(), z.array(z.string())], {
    error: 'Enter skills as a list of words or short phrases.',
  })
  .transform((v, ctx) => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const raw of typeof v === 'string' ? normalizeSignedText(v).split(/[,\n]/) : v) {
      // A skill is signed too: a control character is refused, not silently dropped.
      const codePoint = refusedControl(normalizeSignedText(raw));
      if (codePoint !== undefined) {
        ctx.addIssue({ code: 'custom', message: refusedControlMessage('A skill', codePoint) });
        return z.NEVER;
      }
      const tag = raw.trim().replace(/\s+/g, ' ');
      if (tag === '') continue;
      if (tag.length > MAX_TAG_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `Each skill must be at most ${MAX_TAG_LENGTH} characters.`,
        });
        return z.NEVER;
      }
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
    if (out.length > MAX_TAGS) {
      ctx.addIssue({ code: 'custom', message: `A badge can list at most ${MAX_TAGS} skills.` });
      return z.NEVER;
    }
    return out;
  });

export const BadgeCreateSchema = z.object({
  name,
  slug,
  description: plainText('Description'),
  criteria: plainText('Criteria'),
  externalUrl: externalUrl.optional().transform((v) => v ?? null),
  expiresInDays: expiresInDays.optional().transform((v) => v ?? null),
  tags: tags.optional().transform((v) => v ?? []),
});
export type BadgeCreateInput = z.input<typeof BadgeCreateSchema>;
/** A new badge's fields as parsed. */
export type BadgeCreateFields = z.output<typeof BadgeCreateSchema>;

/**
 * An edit: an absent field stays as it is. Name and slug are accepted only so that an
 * attempt to change them can be refused by name (they never change; see badges.ts).
 */
export const BadgeUpdateSchema = z.object({
  name: name.optional(),
  slug,
  description: plainText('Description').optional(),
  criteria: plainText('Criteria').optional(),
  externalUrl: externalUrl.optional(),
  expiresInDays: expiresInDays.optional(),
  tags: tags.optional(),
});
export type BadgeUpdateInput = z.input<typeof BadgeUpdateSchema>;
/** An edit as parsed: what the use case compares with the badge. */
export type BadgeUpdateFields = z.output<typeof BadgeUpdateSchema>;
