import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './fixtures/load.ts';
import {
  privateKeyFromMultibase,
  publicKeyFromMultibase,
  toPublicKeyMultibase,
} from './multikey.ts';

describe('Ed25519 KeyObject <-> Multikey', () => {
  it("derives the W3C vector's publicKeyMultibase from its private key", async () => {
    const pair = fixtureJson<{ publicKeyMultibase: string; privateKeyMultibase: string }>(
      './w3c-vc-di-eddsa/keyPair.json',
    );
    const key = await privateKeyFromMultibase(pair.publicKeyMultibase, pair.privateKeyMultibase);
    expect(await toPublicKeyMultibase(key)).toBe(pair.publicKeyMultibase);
  });

  it('round trips a fresh public key, which then checks signatures of its private key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const multibase = await toPublicKeyMultibase(publicKey);
    expect(multibase).toMatch(/^z6Mk/);
    const back = await publicKeyFromMultibase(multibase);
    const data = Buffer.from('laurel');
    expect(verify(null, data, back, sign(null, data, privateKey))).toBe(true);
  });

  it('refuses keys that are not Ed25519', async () => {
    const { publicKey } = generateKeyPairSync('x25519');
    await expect(toPublicKeyMultibase(publicKey)).rejects.toThrow(/Ed25519/);
  });
});
