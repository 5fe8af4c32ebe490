import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { CoreDeps } from '../../src/core/deps.ts';
import { createLocalFileStorage } from '../../src/main/file-storage.ts';
import { crc32 } from '../../src/vc/baking/index.ts';
import { seedIssuer } from './index.ts';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** A valid 2x2 RGBA PNG (a badge image small enough to inline in tests). */
export function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const row = [0, 0x2e, 0x6b, 0x4f, 0xff, 0xd9, 0xa4, 0x41, 0xff];
  const idat = deflateSync(Uint8Array.from([...row, ...row]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export const TINY_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#2e6b4f"/></svg>';

/**
 * Stores a badge image where the app's file storage finds it (so /badge-images and the baked
 * credential have a picture) and returns its key, for seedBadge's imagePath.
 */
export async function storeBadgeImage(dataDir: string, bytes: Buffer = tinyPng()): Promise<string> {
  const imagePath = `badges/${randomUUID()}.png`;
  await createLocalFileStorage(dataDir).put(imagePath, bytes, 'image/png');
  return imagePath;
}

/** An issuer (seedIssuer) whose badge has a stored image, for what shows or bakes the picture. */
export async function seedIssuerWithImage(
  deps: CoreDeps,
  dataDir: string,
  opts: Parameters<typeof seedIssuer>[1] = {},
) {
  const imagePath = await storeBadgeImage(dataDir);
  return seedIssuer(deps, { ...opts, badge: { ...opts.badge, imagePath } });
}
