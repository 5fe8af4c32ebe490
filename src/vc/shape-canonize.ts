// The fast canonicalizer. Almost all of a standard eddsa-rdfc-2022 signature's time goes to
// jsonld re-processing the same contexts for every document (jsonld.js #414); the RDFC-1.0
// step itself is cheap. Laurel signs a few fixed document shapes, so for each shape jsonld
// runs once (shape-template.ts) and every later document of that shape only fills in its
// values, then goes through the unchanged rdf-canonize. Anything else, and anything this
// cannot prove it handles exactly as jsonld would, takes the standard path.
import * as rdfCanonize from 'rdf-canonize';
import { Recent } from '../core/recent.ts';
import { BUNDLED_CONTEXTS, createDocumentLoader } from './document-loader.ts';
import { shapeOf } from './document-shape.ts';
import type { Canonize, JsonLdObject } from './jsonld-types.ts';
import {
  compileShapeTemplate,
  fillShapeTemplate,
  isVerbatimIri,
  type ShapeTemplate,
} from './shape-template.ts';

/** Shapes kept compiled; Laurel's own documents use a handful, the bound is for the rest. */
const MAX_SHAPES = 256;

type Compiled = ShapeTemplate | 'standard';

export interface ShapeCanonizeOptions {
  /** The path for everything the templates do not cover: the reference path. */
  standard: Canonize;
  /**
   * Static contexts beyond the bundle (the tests add the W3C examples context, which the
   * published vectors name); documents naming any other context take the standard path.
   */
  extraContexts?: ReadonlyMap<string, JsonLdObject>;
  /** Only for the test that shows the property test can fail: keep duplicate quads. */
  keepDuplicates?: boolean;
}

/**
 * Every term any bundled context defines, scoped ones included. `did:` and `urn:uuid:`
 * values pass into templates verbatim only because neither `did` nor `urn` is a term, so a
 * value such as did:web:x is never read as the compact IRI "x with prefix did".
 */
function definedTerms(contexts: ReadonlyMap<string, JsonLdObject>): Set<string> {
  const terms = new Set<string>();
  const visit = (context: unknown): void => {
    if (Array.isArray(context)) return context.forEach(visit);
    if (typeof context !== 'object' || context === null) return;
    for (const [term, definition] of Object.entries(context)) {
      terms.add(term);
      if (typeof definition === 'object' && definition !== null) {
        visit((definition as JsonLdObject)['@context']);
      }
    }
  };
  for (const document of contexts.values()) visit(document['@context']);
  return terms;
}

/** Only documents whose every context is one of `contexts`, so a template never depends on a loader. */
function usesOnly(contexts: ReadonlyMap<string, JsonLdObject>, document: JsonLdObject): boolean {
  const context = document['@context'];
  const urls = Array.isArray(context) ? context : [context];
  return urls.every((url) => typeof url === 'string' && contexts.has(url));
}

/**
 * A Canonize that gives the same canonical N-Quads as `standard` (jsonld.toRDF in safe mode
 * + RDFC-1.0), faster for documents of a shape it has seen. Use it only for documents
 * Laurel built or stored itself; other issuers' documents belong on the standard path.
 */
export function createShapeCanonize({
  standard,
  extraContexts = new Map(),
  keepDuplicates = false,
}: ShapeCanonizeOptions): Canonize {
  const cache = new Recent<string, Promise<Compiled>>(MAX_SHAPES);
  const contexts = new Map([...BUNDLED_CONTEXTS, ...extraContexts]);
  const loader = createDocumentLoader(extraContexts);
  const prefixSafe = !['did', 'urn', 'http', 'https'].some((t) => definedTerms(contexts).has(t));

  const compile = (document: JsonLdObject, fixed: ReadonlySet<number>) => async () => {
    try {
      return await compileShapeTemplate(document, fixed, loader);
    } catch {
      // UntemplatableShape, or jsonld's own error (an undefined term in safe mode), which
      // is the standard path's to report: it meets the same document and throws it again.
      return 'standard';
    }
  };

  return async (input, options) => {
    if (!prefixSafe || options.skipExpansion || !usesOnly(contexts, input)) {
      return standard(input, options);
    }
    const shape = shapeOf(input);
    if (!shape) return standard(input, options);
    const { key, values } = shape;
    let template = await cache.getOrSet(key, compile(input, new Set()));
    if (template === 'standard') return standard(input, options);

    // A slot that holds something other than a verbatim IRI where jsonld makes an IRI (a
    // proofPurpose term, a relative IRI) is given to jsonld as part of a narrower shape.
    const unsafe = template.iriSlots.filter((slot) => !isVerbatimIri(values[slot]!));
    if (unsafe.length > 0) {
      const narrowKey = `${key}\n${JSON.stringify(unsafe.map((slot) => [slot, values[slot]]))}`;
      template = await cache.getOrSet(narrowKey, compile(input, new Set(unsafe)));
      if (template === 'standard') return standard(input, options);
      if (template.iriSlots.some((slot) => !isVerbatimIri(values[slot]!))) {
        return standard(input, options);
      }
    }
    const dataset = fillShapeTemplate(template, values, { keepDuplicates });
    return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0' });
  };
}
