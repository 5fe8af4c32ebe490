import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto';
import type { KeyVault } from '../core/ports/key-vault.ts';
import type { Db } from '../db/database.ts';
import { writeInstallationValueOnce } from '../db/repositories/installation-repository.ts';
import { toPublicKeyMultibase } from '../vc/multikey.ts';
import { MasterKeyError } from './master-key.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with the binding as associated data: a sealed key only opens for its own row. */
export function seal(masterKey: Buffer, binding: string, plaintext: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function unseal(masterKey: Buffer, binding: string, sealed: string): Buffer {
  const [version, payload] = sealed.split('.', 2);
  if (version !== VERSION || !payload) throw new MasterKeyError('Unknown sealed-key format.');
  const raw = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(binding, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new MasterKeyError(
      'A sealed key could not be opened: the master key is not the one it was sealed with.',
    );
  }
}

/** Ed25519 keys sealed under the master key; private keys exist in the clear only inside `sign`. */
export function createKeyVault(masterKey: Buffer): KeyVault {
  return {
    async generate(binding) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const der = privateKey.export({ format: 'der', type: 'pkcs8' });
      return {
        publicKeyMultibase: await toPublicKeyMultibase(publicKey),
        sealedPrivateKey: seal(masterKey, binding, der),
      };
    },
    sign(sealedPrivateKey, binding, data) {
      try {
        const key = createPrivateKey({
          key: unseal(masterKey, binding, sealedPrivateKey),
          format: 'der',
          type: 'pkcs8',
        });
        return Promise.resolve(new Uint8Array(sign(null, data, key)));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
  };
}

const CHECK_NAME = 'master_key_check';
const CHECK_BINDING = 'installation:master-key-check';
const CHECK_TEXT = 'Laurel master key check';

/**
 * Fails loudly at start when the master key is not the one this database's keys were sealed
 * with, instead of failing at the first signature. The first start records the check value.
 */
export async function assertMasterKeyMatches(db: Db, masterKey: Buffer): Promise<void> {
  const stored = await writeInstallationValueOnce(
    db,
    CHECK_NAME,
    seal(masterKey, CHECK_BINDING, Buffer.from(CHECK_TEXT)),
  );
  let opened: string;
  try {
    opened = unseal(masterKey, CHECK_BINDING, stored).toString('utf8');
  } catch {
    opened = '';
  }
  if (opened !== CHECK_TEXT) {
    throw new MasterKeyError(
      'The master key does not match this database: set LAUREL_MASTER_KEY (or restore data/master.key) to the key it was created with.',
    );
  }
}
