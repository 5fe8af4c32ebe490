import { z } from 'zod';
import type { Badge, Organization } from '../../../core/entities.ts';
import { achievementUrl, badgeImageUrl, badgePageUrl } from '../../../core/public-urls.ts';

/** A badge template as the v1 API shows it: exactly the fields of api/badges.md. */
export const BadgeSchema = z
  .object({
    id: z.uuid().describe('Internal identifier; use it when issuing credentials.'),
    name: z.string().describe('Display name.'),
    slug: z.string().describe('URL-safe identifier; part of publicUrl and achievementUrl.'),
    description: z.string().describe('What this badge represents. Plain text.'),
    criteria: z.string().describe('What the recipient did to earn it.'),
    imageUrl: z.url().nullable().describe('The badge image, or null when it has none.'),
    expiresInDays: z
      .number()
      .int()
      .nullable()
      .describe('If set, credentials expire this many days after issuance.'),
    tags: z.array(z.string()).describe('Skills associated with the badge.'),
    isActive: z.boolean().describe('If false, no new credentials can be issued from this badge.'),
    createdAt: z.iso.datetime().describe('When the badge was created.'),
    publicUrl: z.url().describe('The badge’s public page.'),
    achievementUrl: z.url().describe('The Open Badges 3.0 Achievement document (JSON-LD).'),
  })
  .meta({
    id: 'Badge',
    description: 'A badge template of your organization.',
    examples: [
      {
        id: '550e8400-e29b-41d4-a716-446655440000',
        name: 'AWS Fundamentals',
        slug: 'aws-fundamentals',
        description: 'Demonstrates a foundational understanding of AWS core services.',
        criteria: 'Pass the 60-question multiple choice exam with a score of 70% or higher.',
        imageUrl: 'https://laurel.example.org/badge-images/550e8400-e29b-41d4-a716-446655440000',
        expiresInDays: 730,
        tags: ['aws', 'cloud', 'fundamentals'],
        isActive: true,
        createdAt: '2026-01-15T10:00:00.000Z',
        publicUrl: 'https://laurel.example.org/o/acme/badges/aws-fundamentals',
        achievementUrl: 'https://laurel.example.org/achievements/acme/aws-fundamentals',
      },
    ],
  });

type BadgeView = z.output<typeof BadgeSchema>;

/** `{badgeId}` in a path: any string, so an unknown or malformed id answers 404 alike. */
export const BadgeParams = z.object({ badgeId: z.string().describe('The badge UUID.') });

export function badgeView(publicUrl: string, organization: Organization, b: Badge): BadgeView {
  return {
    id: b.id,
    name: b.name,
    slug: b.slug,
    description: b.description,
    criteria: b.criteria,
    imageUrl: b.imagePath ? badgeImageUrl(publicUrl, b.id) : null,
    expiresInDays: b.expiresInDays,
    tags: b.tags,
    isActive: b.isActive,
    createdAt: b.createdAt.toISOString(),
    publicUrl: badgePageUrl(publicUrl, organization.slug, b.slug),
    achievementUrl: achievementUrl(publicUrl, organization.slug, b.slug),
  };
}
