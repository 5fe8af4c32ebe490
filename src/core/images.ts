/** Raster image types Laurel stores and serves, recognised by their first bytes. */
export type RasterImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** No side longer than this: a few header bytes could otherwise claim billions of pixels. */
export const MAX_IMAGE_SIDE = 16_384;

export function detectRasterImage(bytes: Uint8Array): RasterImageType | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

export const IMAGE_EXTENSIONS: Record<RasterImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};
