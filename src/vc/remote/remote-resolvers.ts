// Keys and status lists of issuers that are not ours (imported credentials, baked images
// from elsewhere), fetched through a FetchJson (safe-fetch in production). A failed fetch
// is a KeyResolutionError or a thrown reason: the verifier then reports the check as not
// made, never as passed and never as a forgery. Nothing is cached yet.
import {
  didKeyResolver,
  KeyResolutionError,
  resolverFromControllerDocuments,
  type KeyResolver,
} from '../key-resolver.ts';
import type { JsonLdObject } from '../jsonld-types.ts';
import { didWebUrl, resolveDidWeb } from './did-web.ts';
import type { FetchJson } from './safe-fetch.ts';

/** Status lists may be larger than DID documents: a 131,072-bit list gzips to ~16 KiB, longer ones to more. */
export const STATUS_LIST_MAX_BYTES = 2 * 1024 * 1024;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * did:key (Ed25519) from the identifier, did:web by fetching the DID document. Answers
 * undefined when the id is malformed for its method or the fetched document does not list
 * the key (an authoritative "not the issuer's key"), and throws KeyResolutionError when the
 * document could not be had or the method is one Laurel cannot resolve (did:key of another
 * key type, other DID methods, https: URLs).
 */
export function remoteKeyResolver(fetchJson: FetchJson): KeyResolver {
  return async (id) => {
    if (id.startsWith('did:key:')) {
      // Multibase z + the ed25519-pub multicodec is always z6Mk; other keys we cannot check.
      if (!id.startsWith('did:key:z6Mk')) {
        throw new KeyResolutionError('Laurel checks only Ed25519 did:key keys');
      }
      return didKeyResolver(id);
    }
    if (id.startsWith('did:web:')) {
      const hash = id.indexOf('#');
      const did = hash < 0 ? id : id.slice(0, hash);
      // A DID without a fragment names no key, and a malformed one no document.
      if (hash < 0 || didWebUrl(did) === undefined) return undefined;
      let document;
      try {
        document = await resolveDidWeb(did, fetchJson);
      } catch (error) {
        throw new KeyResolutionError(
          `the DID document of ${did} could not be fetched: ${message(error)}`,
          { cause: error },
        );
      }
      return resolverFromControllerDocuments([document])(id);
    }
    const scheme = /^(did:[a-z0-9]+|[a-z][a-z0-9+.-]*:)/i.exec(id)?.[0] ?? id;
    throw new KeyResolutionError(`Laurel cannot resolve keys named by ${scheme} identifiers`);
  };
}

/**
 * Loads a status list credential over the network with the status-list size cap. Throws
 * with the reason when it cannot be had; the verifier checks its proof and contents.
 */
export function remoteStatusListLoader(
  fetchJson: FetchJson,
): (url: string) => Promise<JsonLdObject | undefined> {
  return async (url) => {
    const list = await fetchJson(url, { maxBytes: STATUS_LIST_MAX_BYTES });
    if (typeof list !== 'object' || list === null || Array.isArray(list)) {
      throw new TypeError('the status list is not a JSON object');
    }
    return list as JsonLdObject;
  };
}
