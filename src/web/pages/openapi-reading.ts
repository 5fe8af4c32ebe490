/**
 * Just enough of an OpenAPI 3.1 document to render the reference page from it: operations in
 * document order, their parameters, bodies and responses, and an example for each schema.
 */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface DocParameter {
  name: string;
  in: string;
  required: boolean;
  type: string;
  description: string;
}

interface DocResponse {
  status: string;
  description: string;
  example: unknown;
  headers: string[];
}

export interface DocOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tag: string;
  parameters: DocParameter[];
  requestExample: unknown;
  responses: DocResponse[];
}

const SAMPLE_STRINGS: Record<string, string> = {
  uuid: '550e8400-e29b-41d4-a716-446655440000',
  'date-time': '2026-01-15T10:00:00.000Z',
  uri: 'https://laurel.example.org/',
  email: 'jane@example.com',
};

/** The schema a `$ref` of the document points at. */
function resolve(doc: Json, schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/'))
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isObject(node) ? resolve(doc, node) : {};
}

/** A plausible value for a JSON Schema: its own example first, else one built from its type. */
function exampleOf(doc: Json, raw: unknown, depth = 0): unknown {
  if (!isObject(raw) || depth > 8) return null;
  const schema = resolve(doc, raw);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(options)) {
    const first = options.find((o) => !(isObject(o) && o.type === 'null')) ?? options[0];
    return exampleOf(doc, first, depth + 1);
  }
  switch (schema.type) {
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [k, exampleOf(doc, v, depth + 1)]),
      );
    }
    case 'array':
      return [exampleOf(doc, schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' && schema.minimum > 0 ? schema.minimum : 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return SAMPLE_STRINGS[String(schema.format)] ?? 'string';
    default:
      return null;
  }
}

function typeName(doc: Json, raw: unknown): string {
  if (!isObject(raw)) return '';
  const schema = resolve(doc, raw);
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  const base = typeof schema.type === 'string' ? schema.type : 'value';
  const bounds = [
    typeof schema.minimum === 'number' ? `min ${schema.minimum}` : '',
    typeof schema.maximum === 'number' ? `max ${schema.maximum}` : '',
    typeof schema.maxLength === 'number' ? `up to ${schema.maxLength} chars` : '',
    'default' in schema ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
  return bounds.length ? `${base} (${bounds.join(', ')})` : base;
}

/** An error response's example: its code and the meaning its description gives ("CODE: meaning"). */
function errorExample(description: string, fallback: unknown): unknown {
  const match = /^([A-Z_]+): (.*)$/s.exec(description);
  if (!match?.[2]) return fallback;
  const meaning = match[2].replace(/`/g, '');
  return { error: match[1], message: meaning.charAt(0).toUpperCase() + meaning.slice(1) };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function readOperations(doc: Json): DocOperation[] {
  const operations: DocOperation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const parameters = (Array.isArray(op.parameters) ? op.parameters : [])
        .filter(isObject)
        .map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          type: typeName(doc, p.schema),
          description: typeof p.description === 'string' ? p.description : '',
        }));
      const bodySchema =
        isObject(op.requestBody) && isObject(op.requestBody.content)
          ? op.requestBody.content['application/json']
          : undefined;
      const responses = Object.entries(isObject(op.responses) ? op.responses : {}).map(
        ([status, r]) => {
          const response = isObject(r) ? r : {};
          const media = isObject(response.content)
            ? response.content['application/json']
            : undefined;
          const description = typeof response.description === 'string' ? response.description : '';
          const example = isObject(media) ? exampleOf(doc, media.schema) : null;
          return {
            status,
            description,
            example: status.startsWith('2') ? example : errorExample(description, example),
            headers: Object.keys(isObject(response.headers) ? response.headers : {}),
          };
        },
      );
      operations.push({
        id: typeof op.operationId === 'string' ? op.operationId : `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: typeof op.summary === 'string' ? op.summary : '',
        description: typeof op.description === 'string' ? op.description : '',
        tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'Other',
        parameters,
        requestExample: isObject(bodySchema) ? exampleOf(doc, bodySchema.schema) : undefined,
        responses,
      });
    }
  }
  return operations;
}
