// The canonicalization step, isolated: JSON-LD expansion plus RDFC-1.0 dominates signing
// time, so a faster path (a cached-context expander, a native canonicalizer) replaces
// this one function and nothing else.
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { Canonize } from './jsonld-types.ts';

/**
 * The reference path: jsonld.js toRDF in safe mode, then rdf-canonize RDFC-1.0, exactly
 * what eddsa-rdfc-2022 verifiers elsewhere run. Safe mode is forced on whatever the caller
 * passes, so an undefined term is an error and never silently unsigned.
 */
export const rdfcCanonize: Canonize = (input, options) =>
  cryptosuite.canonize(input, { ...options, safe: true, base: null });
