import { z } from 'zod';
import { EmailSchema } from '../email-address.ts';
import { WebUrlSchema } from '../organizations/organization-input.ts';
import { signedText } from '../signed-text.ts';

/** One schema for the issue form, the v1 API and bulk rows. */
export const IssueCredentialSchema = z.object({
  badgeId: z.string().trim().min(1, 'Choose a badge.'),
  recipientName: signedText(z.string(), 'Recipient name')
    .trim()
    .min(1, 'Recipient name is required.')
    .max(200, 'Recipient name is too long.'),
  recipientEmail: EmailSchema,
  evidenceUrl: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(WebUrlSchema.nullable()),
  isPublic: z.boolean().default(true),
});
export type IssueCredentialInput = z.input<typeof IssueCredentialSchema>;
