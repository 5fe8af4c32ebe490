// Every public URL that appears inside a signed document. They are built from Laurel's
// public URL and slugs, and parsed back when a verifier hands one of ours to us, so our
// own documents are resolved locally instead of over the network.
import { issuerDid } from './signing-keys/issuer-did.ts';

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export function statusListUrl(publicUrl: string, orgSlug: string, listNumber: number): string {
  return `${base(publicUrl)}/issuers/${orgSlug}/status/${listNumber}`;
}

export function achievementUrl(publicUrl: string, orgSlug: string, badgeSlug: string): string {
  return `${base(publicUrl)}/achievements/${orgSlug}/${badgeSlug}`;
}

export function achievementsUrl(publicUrl: string, orgSlug: string): string {
  return `${base(publicUrl)}/issuers/${orgSlug}/achievements`;
}

/** The badge's public page (badges.md `publicUrl`). */
export function badgePageUrl(publicUrl: string, orgSlug: string, badgeSlug: string): string {
  return `${base(publicUrl)}/o/${orgSlug}/badges/${badgeSlug}`;
}

/** An organization's public page, with its badge gallery. */
export function publicOrganizationUrl(publicUrl: string, orgSlug: string): string {
  return `${base(publicUrl)}/o/${orgSlug}`;
}

/** A recipient's public profile. */
export function profileUrl(publicUrl: string, profileSlug: string): string {
  return `${base(publicUrl)}/u/${profileSlug}`;
}

/** Where an issuer's DID document is published. */
export function didDocumentUrl(publicUrl: string, orgSlug: string): string {
  return `${base(publicUrl)}/issuers/${orgSlug}/did.json`;
}

/** An organization's page in the app, for links in emails. */
export function organizationPageUrl(publicUrl: string, organizationId: string): string {
  return `${base(publicUrl)}/organizations/${organizationId}`;
}

export function badgeImageUrl(publicUrl: string, badgeId: string): string {
  return `${base(publicUrl)}/badge-images/${badgeId}`;
}

export function organizationLogoUrl(publicUrl: string, organizationId: string): string {
  return `${base(publicUrl)}/logos/${organizationId}`;
}

export function verificationUrl(publicUrl: string, shortId: string): string {
  return `${base(publicUrl)}/verify/${shortId}`;
}

/** The signed credential, byte for byte as issued. */
export function credentialDocumentUrl(publicUrl: string, credentialId: string): string {
  return `${base(publicUrl)}/credentials/${credentialId}/ob3`;
}

/** The badge image with the credential baked into it. */
export function bakedCredentialUrl(publicUrl: string, credentialId: string): string {
  return `${base(publicUrl)}/api/credentials/${credentialId}/baked`;
}

/** A QR code PNG of the credential's verification URL. */
export function qrCodeUrl(publicUrl: string, credentialId: string): string {
  return `${base(publicUrl)}/api/credentials/${credentialId}/qr`;
}

/** The small verification card other sites frame. */
export function embedUrl(publicUrl: string, credentialId: string): string {
  return `${base(publicUrl)}/api/embed/${credentialId}`;
}

/** The slug of one of our issuers from its DID, or undefined when the DID is not ours. */
export function localIssuerSlug(publicUrl: string, did: string): string | undefined {
  const prefix = issuerDid(publicUrl, '');
  if (!did.startsWith(prefix)) return undefined;
  const slug = did.slice(prefix.length);
  return /^[a-z0-9-]+$/.test(slug) ? slug : undefined;
}

/** Which of our status lists a URL names, or undefined when it is not one of ours. */
export function localStatusList(
  publicUrl: string,
  url: string,
): { orgSlug: string; listNumber: number } | undefined {
  const prefix = `${base(publicUrl)}/issuers/`;
  if (!url.startsWith(prefix)) return undefined;
  const match = /^([a-z0-9-]+)\/status\/([1-9][0-9]{0,8})$/.exec(url.slice(prefix.length));
  if (!match?.[1] || !match[2]) return undefined;
  return { orgSlug: match[1], listNumber: Number(match[2]) };
}
