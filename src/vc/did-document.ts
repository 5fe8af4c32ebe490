import { verificationMethodId } from '../core/signing-keys/issuer-did.ts';
import { MULTIKEY_V1_CONTEXT } from './document-loader.ts';

const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

export interface PublishedKey {
  keyId: string;
  publicKeyMultibase: string;
}

/**
 * An issuer's did:web DID document: every published key as a Multikey verification method,
 * each listed in assertionMethod (the proof purpose of every credential Laurel signs).
 */
export function buildDidDocument(did: string, keys: readonly PublishedKey[]) {
  const methods = keys.map((k) => ({
    id: verificationMethodId(did, k.keyId),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
