import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFromMultibase } from '../vc/multikey.ts';
import { createKeyVault, seal, unseal } from './key-vault.ts';
import { MasterKeyError } from './master-key.ts';

const MASTER = Buffer.alloc(32, 1);
const OTHER = Buffer.alloc(32, 2);

describe('key vault', () => {
  it('signs with a sealed key; the signature verifies with the published public key', async () => {
    const vault = createKeyVault(MASTER);
    const { publicKeyMultibase, sealedPrivateKey } = await vault.generate('org-1:key-1');
    expect(publicKeyMultibase).toMatch(/^z6Mk/);
    const data = new TextEncoder().encode('hello');
    const signature = await vault.sign(sealedPrivateKey, 'org-1:key-1', data);
    const publicKey = createPublicKey(
      await publicKeyFromMultibase(publicKeyMultibase).then((k) =>
        k.export({ format: 'pem', type: 'spki' }),
      ),
    );
    expect(verify(null, data, publicKey, signature)).toBe(true);
  });

  it('keeps nothing usable in the sealed text: another master key or another binding cannot open it', async () => {
    const { sealedPrivateKey } = await createKeyVault(MASTER).generate('org-1:key-1');
    expect(sealedPrivateKey).toMatch(/^v1\./);
    expect(sealedPrivateKey).not.toContain('PRIVATE KEY');
    await expect(
      createKeyVault(OTHER).sign(sealedPrivateKey, 'org-1:key-1', new Uint8Array([1])),
    ).rejects.toThrow(MasterKeyError);
    await expect(
      createKeyVault(MASTER).sign(sealedPrivateKey, 'org-2:key-1', new Uint8Array([1])),
    ).rejects.toThrow(MasterKeyError);
  });

  it('detects tampering with sealed data', () => {
    const sealed = seal(MASTER, 'b', Buffer.from('secret'));
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => unseal(MASTER, 'b', `v1.${raw.toString('base64url')}`)).toThrow(MasterKeyError);
    expect(unseal(MASTER, 'b', sealed).toString()).toBe('secret');
  });
});
