// Only the slice of jsonld.js (CommonJS, untyped) that src/vc uses, typed so no `any` leaks.
// The shared JSON-LD shapes live here because ambient modules may not import relative
// files; src/vc/jsonld-types.ts re-exports them for the rest of the code.
declare module 'jsonld' {
  import type { Quad } from 'rdf-canonize';

  /** A parsed JSON-LD document or node: the libraries accept any JSON object. */
  export type JsonLdObject = { [key: string]: unknown };

  export interface RemoteDocument {
    contextUrl: null;
    documentUrl: string;
    document: JsonLdObject;
  }

  /** jsonld.js's loader contract: resolve a URL to a document, or throw. */
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

  export interface CanonizeOptions {
    documentLoader: DocumentLoader;
    /** Safe mode: a term that would be dropped during expansion is an error, not silence. */
    safe?: boolean;
    base?: string | null;
    skipExpansion?: boolean;
  }

  /** RDFC-1.0 canonical N-Quads of a JSON-LD document. */
  export type Canonize = (input: JsonLdObject, options: CanonizeOptions) => Promise<string>;

  /** Only what the shape canonicalizer compiles its templates with. */
  const jsonld: {
    toRDF(
      input: JsonLdObject,
      options: CanonizeOptions & { rdfDirection: 'i18n-datatype'; produceGeneralizedRdf: false },
    ): Promise<Quad[]>;
  };
  export default jsonld;
}
