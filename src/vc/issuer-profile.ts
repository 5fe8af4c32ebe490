import type { IssuerFacts } from './facts.ts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.ts';

/**
 * The Profile node alone, without `@context`: written once here and embedded as a
 * credential's `issuer` and its achievement's `creator`, so every copy of the issuer in
 * a document states the same facts (they are one node in the signed graph).
 */
export function issuerProfileNode(p: IssuerFacts) {
  return {
    id: p.did,
    type: ['Profile'],
    name: p.name,
    ...(p.url ? { url: p.url } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.imageUrl ? { image: { id: p.imageUrl, type: 'Image' } } : {}),
    ...(p.email ? { email: p.email } : {}),
  };
}

/** The Open Badges 3.0 Profile of an issuing organization, identified by its DID. */
export function buildIssuerProfile(p: IssuerFacts) {
  return { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], ...issuerProfileNode(p) };
}
