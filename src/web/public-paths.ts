import {
  achievementUrl,
  badgeImageUrl,
  badgePageUrl,
  bakedCredentialUrl,
  credentialDocumentUrl,
  profileUrl,
  publicOrganizationUrl,
  qrCodeUrl,
  verificationUrl,
} from '../core/public-urls.ts';

/**
 * Same-site paths to the public pages, for links in the app's own pages. The core builds the
 * absolute URLs that go into signed documents and emails; with no public URL in front, the
 * same builders give the paths, so the two never drift apart.
 */
const SAME_SITE = '';

/** A credential's public verification page: /verify/{CRD- id}. */
export function verifyPath(shortId: string): string {
  return verificationUrl(SAME_SITE, shortId);
}

/** An organization's public page: /o/{org slug}. */
export function organizationPublicPath(orgSlug: string): string {
  return publicOrganizationUrl(SAME_SITE, orgSlug);
}

/** A recipient's public profile: /u/{profile slug}. */
export function profilePath(profileSlug: string): string {
  return profileUrl(SAME_SITE, profileSlug);
}

/** A badge's public page: /o/{org slug}/badges/{badge slug}. */
export function badgePagePath(orgSlug: string, badgeSlug: string): string {
  return badgePageUrl(SAME_SITE, orgSlug, badgeSlug);
}

/** A badge's Open Badges achievement JSON: /achievements/{org slug}/{badge slug}. */
export function achievementPath(orgSlug: string, badgeSlug: string): string {
  return achievementUrl(SAME_SITE, orgSlug, badgeSlug);
}

/** A badge's public image: /badge-images/{badge id}. */
export function badgeImagePath(badgeId: string): string {
  return badgeImageUrl(SAME_SITE, badgeId);
}

/** The signed credential as issued: /credentials/{id}/ob3. */
export function credentialDocumentPath(credentialId: string): string {
  return credentialDocumentUrl(SAME_SITE, credentialId);
}

/** The baked badge image: /api/credentials/{id}/baked. */
export function bakedCredentialPath(credentialId: string): string {
  return bakedCredentialUrl(SAME_SITE, credentialId);
}

/** The QR code PNG: /api/credentials/{id}/qr. */
export function qrCodePath(credentialId: string): string {
  return qrCodeUrl(SAME_SITE, credentialId);
}
