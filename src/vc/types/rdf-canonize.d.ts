// The slice of rdf-canonize 5 (CommonJS, untyped) that src/vc uses: the RDFC-1.0
// canonicalizer that eddsa-rdfc-2022 runs, fed the RDF/JS-style dataset jsonld.toRDF returns.
declare module 'rdf-canonize' {
  export interface Term {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    /** Literals only. */
    datatype?: { termType: 'NamedNode'; value: string };
    /** Language-tagged literals only. */
    language?: string;
  }

  export interface Quad {
    subject: Term;
    predicate: Term;
    object: Term;
    graph: Term;
  }

  /** RDFC-1.0 canonical N-Quads of a dataset (an array of quads). */
  export function canonize(dataset: Quad[], options: { algorithm: 'RDFC-1.0' }): Promise<string>;
}
