import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from './jsonld-types.ts';

/**
 * A Signer over a node:crypto Ed25519 private key. The KeyVault builds one of these (or
 * its own Signer) so the key object never leaves it; proofs only see `sign`.
 */
export function ed25519Signer(privateKey: KeyObject, verificationMethod: string): Signer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('ed25519Signer needs an Ed25519 private key');
  }
  return {
    id: verificationMethod,
    algorithm: 'Ed25519',
    // Ed25519 takes no digest algorithm: node wants `null` here.
    sign: ({ data }) => Promise.resolve(new Uint8Array(sign(null, data, privateKey))),
  };
}
