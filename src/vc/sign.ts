import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { issue } from '@digitalbazaar/vc';
import { eddsaRdfc2022 } from './cryptosuite.ts';
import type { Canonize, DocumentLoader, JsonLdObject, Signer } from './jsonld-types.ts';

export interface SignOptions {
  signer: Signer;
  /** The static loader: signing must never depend on the network. */
  documentLoader: DocumentLoader;
  /** Defaults to the reference RDFC-1.0 path; a faster one must produce identical N-Quads. */
  canonize?: Canonize;
  /** `proof.created`; defaults to now. Fixed in tests so signatures are reproducible. */
  created?: Date;
}

/**
 * Adds an eddsa-rdfc-2022 DataIntegrityProof (proofPurpose assertionMethod) to a copy of
 * the credential. Throws when the credential breaks the VC data model, names a context
 * outside the bundle, or uses a term no context defines: all bugs in the caller that
 * must never become a signed document.
 */
export async function signCredential(
  credential: JsonLdObject,
  { signer, documentLoader, canonize, created }: SignOptions,
): Promise<JsonLdObject> {
  if ('proof' in credential) throw new TypeError('credential is already signed');
  const suite = new DataIntegrityProof({
    cryptosuite: eddsaRdfc2022(canonize),
    signer,
    date: created ?? new Date(),
  });
  // issue() mutates its input (v1 issuanceDate); give it a copy.
  return issue({ credential: structuredClone(credential), suite, documentLoader });
}
