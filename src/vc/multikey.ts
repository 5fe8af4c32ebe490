// Ed25519 keys are node:crypto KeyObjects on our side and Multikey (`z6Mk…`) on the wire.
// Conversion goes through JWK, which node:crypto and ed25519-multikey both speak, so no
// hand-written base58, multicodec or DER lives here.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

function ed25519Jwk(key: KeyObject): { x: string; d?: string } {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
  const { x, d } = key.export({ format: 'jwk' });
  if (!x) throw new TypeError('Ed25519 key exported no public part');
  return d ? { x, d } : { x };
}

/** The `publicKeyMultibase` of an Ed25519 key (a private key yields its public half). */
export async function toPublicKeyMultibase(key: KeyObject): Promise<string> {
  const { x } = ed25519Jwk(key);
  const pair = await Ed25519Multikey.fromJwk({ jwk: { kty: 'OKP', crv: 'Ed25519', x } });
  return pair.publicKeyMultibase;
}

async function rawKeys(publicKeyMultibase: string, secretKeyMultibase?: string) {
  const pair = await Ed25519Multikey.from({
    type: 'Multikey',
    publicKeyMultibase,
    ...(secretKeyMultibase ? { secretKeyMultibase } : {}),
  });
  // canonicalize: the 32-byte seed, which is what JWK `d` holds (not seed + public key).
  return pair.export({ raw: true, publicKey: true, secretKey: true, canonicalize: true });
}

/** A node:crypto public key from a `publicKeyMultibase` (`z6Mk…`). */
export async function publicKeyFromMultibase(publicKeyMultibase: string): Promise<KeyObject> {
  const { publicKey } = await rawKeys(publicKeyMultibase);
  if (!publicKey) throw new TypeError('not an Ed25519 Multikey public key');
  const x = Buffer.from(publicKey).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** A node:crypto private key from a Multikey pair (used for published test vectors). */
export async function privateKeyFromMultibase(
  publicKeyMultibase: string,
  secretKeyMultibase: string,
): Promise<KeyObject> {
  const { publicKey, secretKey } = await rawKeys(publicKeyMultibase, secretKeyMultibase);
  if (!publicKey || !secretKey) throw new TypeError('not an Ed25519 Multikey key pair');
  const x = Buffer.from(publicKey).toString('base64url');
  const d = Buffer.from(secretKey).toString('base64url');
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x, d }, format: 'jwk' });
}
