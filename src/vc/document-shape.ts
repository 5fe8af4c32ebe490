// A JSON-LD document split into its shape and its values. Two documents with the same shape
// expand to the same graph structure: the same contexts, keys, types, numbers, booleans and
// nulls, so jsonld gives every key the same meaning in both. Only their other strings (the
// slots) may differ, and a slot's value is carried into the graph verbatim, as a literal or
// an IRI (see shape-template.ts for how that is checked rather than assumed).
import type { JsonLdObject } from './jsonld-types.ts';

export interface DocumentShape {
  /** Equal for two documents exactly when everything but their slot values is equal. */
  key: string;
  /** The string leaves outside the shape, in a fixed walk order (keys sorted). */
  values: string[];
}

/**
 * Keys whose values are part of the shape: the contexts and the types decide what every
 * other key means (type-scoped contexts), and the other keywords (`@language`, `@index`,
 * `@direction` …) are structure. `@id` and `@value` carry data, so they stay slots.
 */
function isShapeKey(key: string): boolean {
  if (key === 'type' || key === '@context') return true;
  return key.startsWith('@') && key !== '@id' && key !== '@value';
}

function isPlainObject(value: unknown): value is JsonLdObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A document the shapes do not cover; it takes the standard path. */
class Unshapable extends Error {}

function walk(node: unknown, key: string[], values: string[], root = false): void {
  if (typeof node === 'string') {
    key.push('$');
    values.push(node);
  } else if (typeof node === 'boolean' || node === null) {
    key.push(String(node));
  } else if (typeof node === 'number') {
    // JSON.stringify writes NaN and ±Infinity as null, which jsonld would read differently.
    if (!Number.isFinite(node)) throw new Unshapable();
    key.push(JSON.stringify(node));
  } else if (Array.isArray(node)) {
    key.push('[');
    for (const item of node) walk(item, key, values);
    key.push(']');
  } else if (isPlainObject(node)) {
    key.push('{');
    for (const name of Object.keys(node).sort()) {
      const value = node[name];
      if (value === undefined) throw new Unshapable();
      // A context inside the document may redefine what a value means (a `did` prefix, an
      // alias of @type), which a sentinel would not show; a copy could not hold __proto__.
      if ((name === '@context' && !root) || name === '__proto__') throw new Unshapable();
      key.push(JSON.stringify(name), ':');
      if (isShapeKey(name)) key.push(JSON.stringify(value));
      else walk(value, key, values);
    }
    key.push('}');
  } else {
    // undefined, functions, Dates, class instances: not what a parsed document holds.
    throw new Unshapable();
  }
}

/** The document's shape and slot values; undefined when it is not plain JSON. */
export function shapeOf(document: JsonLdObject): DocumentShape | undefined {
  const key: string[] = [];
  const values: string[] = [];
  try {
    walk(document, key, values, true);
  } catch (error) {
    if (error instanceof Unshapable) return undefined;
    throw error;
  }
  return { key: key.join(''), values };
}

/**
 * A copy of `document` with slot i replaced by `replace(i, value)`, in shapeOf's walk order
 * (only called on documents shapeOf accepted).
 */
export function replaceSlots(
  document: JsonLdObject,
  replace: (index: number, value: string) => string,
): JsonLdObject {
  let next = 0;
  const copy = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const index = next;
      next += 1;
      return replace(index, node);
    }
    if (Array.isArray(node)) return node.map(copy);
    if (typeof node !== 'object' || node === null) return node;
    const out: JsonLdObject = {};
    for (const name of Object.keys(node).sort()) {
      const value = (node as JsonLdObject)[name];
      out[name] = isShapeKey(name) ? value : copy(value);
    }
    return out;
  };
  return copy(document) as JsonLdObject;
}
