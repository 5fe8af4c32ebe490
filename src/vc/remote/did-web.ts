// did:web (https://w3c-ccg.github.io/did-method-web/): the DID names an HTTPS URL where its
// DID document lives. Resolution is a fetch through safe-fetch plus one check, that the
// document is the one for this DID; which keys to trust is the key resolver's business.
import { isIP } from 'node:net';
import type { ControllerDocument } from '../key-resolver.ts';
import type { FetchJson } from './safe-fetch.ts';
import { parseUrl } from '../parse-url.ts';

const HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The URL of a did:web DID's document, or undefined when `did` is not a well-formed did:web
 * DID (no fragment or query, a host name rather than an IP address, no empty or dot path
 * segments). `did:web:example.com` → https://example.com/.well-known/did.json;
 * `did:web:example.com%3A8443:issuers:acme` → https://example.com:8443/issuers/acme/did.json.
 */
export function didWebUrl(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const [rawHost, ...rawPath] = did.slice('did:web:'.length).split(':');
  if (rawHost === undefined) return undefined;
  const host = decoded(rawHost);
  // The spec allows a port (%3A) but no IP address: the TLS certificate names a domain.
  if (!host || !HOST.test(host) || isIP(host.replace(/:\d+$/, '')) !== 0) return undefined;
  const path: string[] = [];
  for (const raw of rawPath) {
    const segment = decoded(raw);
    if (!segment || segment === '.' || segment === '..' || /[/?#\\]/.test(segment)) {
      return undefined;
    }
    path.push(encodeURIComponent(segment));
  }
  const pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`;
  // The pattern lets a port above 65535 by; the URL parser does not.
  const href = `https://${host}${pathname}`;
  return parseUrl(href)?.href;
}

/**
 * Fetches and returns the DID document of a did:web DID. Throws when the DID is malformed,
 * the fetch fails, or the document is not a JSON object whose `id` is the DID.
 */
export async function resolveDidWeb(
  did: string,
  fetchJson: FetchJson,
): Promise<ControllerDocument> {
  const url = didWebUrl(did);
  if (!url) throw new TypeError(`${did} is not a did:web DID`);
  const document = await fetchJson(url);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new TypeError(`${url} is not a DID document`);
  }
  const { id } = document as { id?: unknown };
  // A document for another DID would let one site vouch for keys of another.
  if (id !== did) throw new TypeError(`${url} is the DID document of ${String(id)}, not ${did}`);
  return document as ControllerDocument;
}
