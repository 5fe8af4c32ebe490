// The slice of jsonld-signatures 11 (CommonJS, untyped) that src/vc uses.
declare module 'jsonld-signatures' {
  import type { DocumentLoader, JsonLdObject } from 'jsonld';
  import type { DataIntegrityProof } from '@digitalbazaar/data-integrity';

  /** Opaque: built by the library, passed back into it. */
  export interface ProofPurpose {
    readonly term: string;
  }

  interface ProofResult {
    verified: boolean;
    proof?: JsonLdObject;
    error?: Error;
  }

  interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    /** A VerificationError whose `errors` lists each proof's failure. */
    error?: Error & { errors?: Error[] };
  }

  interface Jsigs {
    purposes: {
      /** Requires the key to be listed in the controller's `assertionMethod`. */
      AssertionProofPurpose: new (options?: { controller?: JsonLdObject }) => ProofPurpose;
    };
    verify(
      document: JsonLdObject,
      options: { suite: DataIntegrityProof; purpose: ProofPurpose; documentLoader: DocumentLoader },
    ): Promise<VerifyResult>;
  }

  const jsigs: Jsigs;
  export default jsigs;
}
