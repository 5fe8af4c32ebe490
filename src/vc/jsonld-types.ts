// The JSON-LD shapes and digitalbazaar plug points (loader, canonicalizer, signer,
// cryptosuite). They are declared beside the untyped libraries in types/*.d.ts, because
// ambient module declarations cannot import our files; the rest of src/vc imports here.
export type { Canonize, DocumentLoader, JsonLdObject } from 'jsonld';
export type { Cryptosuite, Signer } from '@digitalbazaar/data-integrity';
