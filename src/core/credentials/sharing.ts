// The links and snippet a recipient shares a credential with (sharing-credentials.md). Pure:
// every value goes through URLSearchParams or attribute escaping, never string pasting.

import { embedUrl } from '../public-urls.ts';

export interface AddToProfileInput {
  /** The credential's name on LinkedIn: the badge's name. */
  name: string;
  organizationName: string;
  /** LinkedIn's numeric company id; when set, LinkedIn links the organization's page. */
  linkedinCompanyId: string | null;
  issuedAt: Date;
  expiresAt: Date | null;
  /** The verification page, LinkedIn's "Show credential" link. */
  certUrl: string;
  /** The CRD- id. */
  certId: string;
}

/**
 * LinkedIn's "Add to profile" link for a certification: name, issuer, issue month and year,
 * expiry when there is one, the credential URL and id. Months count from 1 and are UTC (product.md).
 */
export function linkedInAddToProfileUrl(c: AddToProfileInput): string {
  const q = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: c.name });
  if (c.linkedinCompanyId) q.set('organizationId', c.linkedinCompanyId);
  else q.set('organizationName', c.organizationName);
  q.set('issueYear', String(c.issuedAt.getUTCFullYear()));
  q.set('issueMonth', String(c.issuedAt.getUTCMonth() + 1));
  if (c.expiresAt) {
    q.set('expirationYear', String(c.expiresAt.getUTCFullYear()));
    q.set('expirationMonth', String(c.expiresAt.getUTCMonth() + 1));
  }
  q.set('certUrl', c.certUrl);
  q.set('certId', c.certId);
  return `https://www.linkedin.com/profile/add?${q.toString()}`;
}

/** LinkedIn's share dialog with the verification page loaded, for a post of one's own words. */
export function linkedInShareUrl(url: string): string {
  return `https://www.linkedin.com/sharing/share-offsite/?${new URLSearchParams({ url }).toString()}`;
}

/** X's documented Tweet Web Intent, with the text pre-filled and the verification page attached. */
export function xShareUrl(url: string, text: string): string {
  return `https://twitter.com/intent/tweet?${new URLSearchParams({ text, url }).toString()}`;
}

function attribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** The HTML to paste into another site: the embed widget in a lazily loaded, titled iframe. */
export function embedSnippet(publicUrl: string, shortId: string): string {
  const src = embedUrl(publicUrl, shortId);
  return `<iframe src="${attribute(src)}" title="${attribute(`Verified credential ${shortId}`)}" width="360" height="300" loading="lazy"></iframe>`;
}
