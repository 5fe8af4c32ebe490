import sharp from 'sharp';
import { detectBakedImageType } from '../../vc/baking/index.ts';

/**
 * Baking needs a PNG or an SVG: a JPEG or WebP badge image is converted to PNG first, so
 * every credential can be downloaded as a baked image whatever its badge was uploaded as.
 */
export async function bakeableImage(bytes: Buffer): Promise<Buffer> {
  if (detectBakedImageType(bytes) !== undefined) return bytes;
  return sharp(bytes, { limitInputPixels: 64 * 1024 * 1024 })
    .png()
    .toBuffer();
}
