import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { rdfcCanonize } from './canonize.ts';
import type { Canonize, Cryptosuite } from './jsonld-types.ts';

/**
 * eddsa-rdfc-2022 with the canonicalizer swappable; the hashing, proof layout and
 * Ed25519 verification stay the library's so they cannot drift from the spec.
 */
export function eddsaRdfc2022(canonize: Canonize = rdfcCanonize): Cryptosuite {
  return { ...cryptosuite, canonize };
}
