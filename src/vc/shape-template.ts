// A shape's RDF, as jsonld itself produced it: jsonld.toRDF runs once on a copy of the
// document whose slots hold unique sentinels, and every quad term that is exactly a
// sentinel becomes a reference to that slot. Filling the references with another document's
// values (of the same shape) gives that document's quads, up to duplicates, which the node
// map would have merged. No quad, predicate or datatype is written here by hand.
import { randomBytes } from 'node:crypto';
import jsonld from 'jsonld';
import type { Quad, Term } from 'rdf-canonize';
import { replaceSlots } from './document-shape.ts';
import type { DocumentLoader, JsonLdObject } from './jsonld-types.ts';

/** A term of the template: fixed, or the value of slot `slot` as an IRI or a literal. */
type TemplateTerm = { fixed: Term } | { slot: number; as: 'iri' | 'literal'; literal?: Term };

interface TemplateQuad {
  subject: TemplateTerm;
  predicate: Term;
  object: TemplateTerm;
  graph: Term;
  /**
   * Quads that may become equal once filled share a group number; -1 for a quad that
   * shares its group with no other and so is always unique.
   */
  group: number;
}

export interface ShapeTemplate {
  quads: TemplateQuad[];
  /** Slots whose value becomes an IRI: their values must pass `isVerbatimIri`. */
  iriSlots: number[];
}

/** Why a shape cannot be templated: the document then takes the standard path. */
class UntemplatableShape extends Error {}

/**
 * IRIs jsonld carries into the graph unchanged, wherever they stand (`@id`, `@type: @id`,
 * `@type: @vocab`): absolute http(s) URLs (a suffix starting with `//` is never read as a
 * compact IRI), `did:` and `urn:uuid:` (no bundled context defines the terms `did` or
 * `urn`; shape-canonize.ts checks that at startup), without characters N-Quads forbids in
 * an IRI, and without any whitespace JavaScript's \s knows (U+00A0, U+FEFF …): jsonld
 * reads a value holding one as a relative IRI. Anything else (relative IRIs, compact IRIs, terms, blank-node ids) is handed to
 * jsonld as part of the shape instead.
 */
const VERBATIM_IRI =
  /^(?:https?:\/\/|did:[a-z0-9]+:|urn:uuid:)[^\s\u0000-\u001f<>"{}|\\^`\u007f-\u009f]*$/;

export function isVerbatimIri(value: string): boolean {
  return VERBATIM_IRI.test(value);
}

const TO_RDF = {
  safe: true,
  base: null,
  rdfDirection: 'i18n-datatype',
  produceGeneralizedRdf: false,
} as const;

/**
 * Runs jsonld.toRDF on `document` with its slots as sentinels, except the slots in
 * `fixedSlots`, which keep their own values and become part of the template. Throws
 * UntemplatableShape when a sentinel comes out changed, vanishes, or lands anywhere but a
 * whole subject, object or literal value; jsonld's own errors propagate.
 */
export async function compileShapeTemplate(
  document: JsonLdObject,
  fixedSlots: ReadonlySet<number>,
  documentLoader: DocumentLoader,
): Promise<ShapeTemplate> {
  const nonce = randomBytes(12).toString('hex');
  const prefix = `https://slot-${nonce}.invalid/`;
  const sentinels = new Map<string, number>();
  const marked = replaceSlots(document, (index, value) => {
    if (fixedSlots.has(index)) return value;
    sentinels.set(`${prefix}${index}`, index);
    return `${prefix}${index}`;
  });
  const dataset = await jsonld.toRDF(marked, { ...TO_RDF, documentLoader });

  const kinds = new Map<number, 'iri' | 'literal'>();
  const refuse = (why: string): never => {
    throw new UntemplatableShape(why);
  };
  const fixed = (term: Term, where: string): Term => {
    const parts = [term.value, term.datatype?.value ?? '', term.language ?? ''];
    if (parts.some((part) => part.includes(nonce))) refuse(`a slot reached the ${where}`);
    return term;
  };
  const templateTerm = (term: Term, where: string): TemplateTerm => {
    const slot = sentinels.get(term.value);
    if (slot === undefined) return { fixed: fixed(term, where) };
    const as = term.termType === 'Literal' ? 'literal' : 'iri';
    if (term.termType === 'BlankNode') refuse('a slot became a blank node');
    if (kinds.get(slot) !== undefined && kinds.get(slot) !== as) {
      refuse(`slot ${slot} is both an IRI and a literal`);
    }
    kinds.set(slot, as);
    if (as === 'iri') return { slot, as };
    // The literal's datatype and language come from the term definition, not the value.
    fixed({ ...term, value: '' }, where);
    return { slot, as, literal: term };
  };

  const quads = dataset.map((quad): TemplateQuad => ({
    subject: templateTerm(quad.subject, 'subject'),
    predicate: fixed(quad.predicate, 'predicate'),
    object: templateTerm(quad.object, 'object'),
    graph: fixed(quad.graph, 'graph'),
    group: -1,
  }));
  markPossibleRepeats(quads);
  for (const slot of sentinels.values()) {
    if (!kinds.has(slot)) refuse(`slot ${slot} did not reach the graph`);
  }
  const iriSlots = [...kinds].filter(([, kind]) => kind === 'iri').map(([slot]) => slot);
  return { quads, iriSlots };
}

/**
 * Two filled quads can only be equal if they agree on everything a value cannot change:
 * predicate, graph, and each position's term type, datatype and language. A quad that
 * shares that with no other quad of the template is always unique, so only the others are
 * compared when filling.
 */
function markPossibleRepeats(quads: TemplateQuad[]): void {
  const kind = (term: TemplateTerm): string[] => {
    const t: Term =
      'fixed' in term ? term.fixed : (term.literal ?? { termType: 'NamedNode', value: '' });
    return [t.termType, t.datatype?.value ?? '', t.language ?? ''];
  };
  const groups = new Map<string, TemplateQuad[]>();
  for (const quad of quads) {
    const key = JSON.stringify([
      ...kind(quad.subject),
      quad.predicate.value,
      ...kind(quad.object),
      quad.graph.termType,
      quad.graph.value,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), quad]);
  }
  let number = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const quad of group) quad.group = number;
    number += 1;
  }
}

function fill(term: TemplateTerm, values: readonly string[]): Term {
  if ('fixed' in term) return term.fixed;
  const value = values[term.slot]!;
  return term.as === 'iri' ? { termType: 'NamedNode', value } : { ...term.literal!, value };
}

/** Within a group only subject and object values can differ; the length keeps it unambiguous. */
function quadKey(group: number, { subject, object }: Quad): string {
  return `${group} ${subject.value.length} ${subject.value}${object.value}`;
}

/**
 * The dataset of a document of the template's shape, from its slot values (the caller has
 * checked the IRI slots). An RDF dataset is a set: where two slots carry the same IRI,
 * jsonld merges the nodes, and the same quads stated twice are kept once.
 */
export function fillShapeTemplate(
  template: ShapeTemplate,
  values: readonly string[],
  { keepDuplicates = false }: { keepDuplicates?: boolean } = {},
): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const q of template.quads) {
    const quad: Quad = {
      subject: fill(q.subject, values),
      predicate: q.predicate,
      object: fill(q.object, values),
      graph: q.graph,
    };
    if (q.group >= 0 && !keepDuplicates) {
      const key = quadKey(q.group, quad);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(quad);
  }
  return out;
}
