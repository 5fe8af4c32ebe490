/**
 * The did:web identifier of an organization: the host (a port written %3A), then the path
 * of Laurel's public URL, then issuers:{slug}. It resolves to /issuers/{slug}/did.json.
 */
export function issuerDid(publicUrl: string, slug: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', encodeURIComponent(url.host), ...path, 'issuers', slug].join(':');
}

export function verificationMethodId(did: string, keyId: string): string {
  return `${did}#${keyId}`;
}

/** What seals a private key to its row: a sealed key moved to another organization or key id will not open. */
export function keyBinding(organizationId: string, keyId: string): string {
  return `${organizationId}:${keyId}`;
}
