// How a verifier finds the public key a proof names. Verification takes a KeyResolver so
// our own issuers resolve from the database while external ones (did:web, did:key) come
// from remote/; the resolver, not the credential, decides which keys are trusted.
import type { JsonLdObject } from './jsonld-types.ts';

interface MultikeyMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** A DID document or other controller document that lists its keys. */
export interface ControllerDocument extends JsonLdObject {
  id: string;
  verificationMethod?: unknown;
  assertionMethod?: unknown;
}

interface ResolvedKey {
  method: MultikeyMethod;
  /** The document whose `assertionMethod` must authorise `method` for the proof to count. */
  controller: ControllerDocument;
}

/**
 * Resolves a verification method id (a DID URL). Undefined means the answer is known and is
 * "not a key we trust": the DID document we hold or fetched does not list it. A resolver
 * that could not find out (the issuer's server is down, the DID method is one we cannot
 * resolve) throws a KeyResolutionError instead, so a verifier reports the signature as
 * unchecked rather than forged.
 */
export type KeyResolver = (verificationMethodId: string) => Promise<ResolvedKey | undefined>;

/** Thrown by a KeyResolver that could not tell whether the key is the controller's. */
export class KeyResolutionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KeyResolutionError';
  }
}

function isMultikey(value: unknown): value is MultikeyMethod {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.type === 'Multikey' &&
    typeof v.controller === 'string' &&
    typeof v.publicKeyMultibase === 'string'
  );
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Finds a key among the verification methods of known controller documents (our own
 * issuers' DID documents, or a vector's). Embedded methods only: a method the document
 * merely references is not a key we hold.
 */
export function resolverFromControllerDocuments(
  documents: readonly ControllerDocument[],
): KeyResolver {
  return (id) => {
    for (const controller of documents) {
      const embedded = [
        ...asArray(controller.verificationMethod),
        ...asArray(controller.assertionMethod),
      ];
      const method = embedded.find((m) => isMultikey(m) && m.id === id);
      if (isMultikey(method) && method.controller === controller.id) {
        return Promise.resolve({ method, controller });
      }
    }
    return Promise.resolve(undefined);
  };
}

/**
 * did:key for Ed25519 resolves from the identifier alone: the DID *is* the public key, its
 * one method is `did:key:z…#z…` and it is authorised for assertion.
 */
export const didKeyResolver: KeyResolver = (id) => {
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)#(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(id);
  if (!match || match[1] !== match[2] || !match[1]) return Promise.resolve(undefined);
  const did = `did:key:${match[1]}`;
  const method: MultikeyMethod = {
    id,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: match[1],
  };
  return Promise.resolve({
    method,
    controller: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [method],
      assertionMethod: [id],
    },
  });
};
