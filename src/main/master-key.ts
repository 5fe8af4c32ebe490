import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * The 256-bit key that encrypts signing keys at rest. LAUREL_MASTER_KEY (base64 or hex of 32
 * bytes) wins; otherwise the embedded default keeps one in `<dataDir>/master.key`, created on
 * first start and readable by the owner only. A database dump without it holds no usable key.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decode(configured.trim(), 'LAUREL_MASTER_KEY');
  const file = path.join(dataDir, 'master.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together never overwrite each other's key.
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  return decode(fs.readFileSync(file, 'utf8').trim(), file);
}

function decode(value: string, source: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (bytes.length !== 32)
    throw new MasterKeyError(
      `${source} must hold 32 bytes as base64 or hex (got ${bytes.length}).`,
    );
  return bytes;
}
