import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.ts';

export interface IssuerProfileInput {
  did: string;
  name: string;
  /** The organization's website, when it has one. */
  url: string | null;
  description: string | null;
  /** An absolute URL of the logo, when there is one. */
  imageUrl: string | null;
}

/** The Open Badges 3.0 Profile of an issuing organization, identified by its DID. */
export function buildIssuerProfile(p: IssuerProfileInput) {
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: p.did,
    type: ['Profile'],
    name: p.name,
    ...(p.url ? { url: p.url } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.imageUrl ? { image: { id: p.imageUrl, type: 'Image' } } : {}),
  };
}
