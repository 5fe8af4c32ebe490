import type { Badge, Credential, Organization } from '../entities.ts';
import type { CredentialEmailFacts } from '../ports/email-composer.ts';
import { badgeImageUrl, verificationUrl } from '../public-urls.ts';

/** What a credential's email (issuance, renewal, resend) says about it. */
export function credentialEmailFacts(
  publicUrl: string,
  org: Pick<Organization, 'name'>,
  badge: Pick<Badge, 'id' | 'name' | 'imagePath'>,
  credential: Pick<Credential, 'shortId' | 'recipientName' | 'recipientEmail'>,
): CredentialEmailFacts {
  return {
    to: credential.recipientEmail,
    recipientName: credential.recipientName,
    badgeName: badge.name,
    organizationName: org.name,
    shortId: credential.shortId,
    link: verificationUrl(publicUrl, credential.shortId),
    imageUrl: badge.imagePath ? badgeImageUrl(publicUrl, badge.id) : null,
  };
}
