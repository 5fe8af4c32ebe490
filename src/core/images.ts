import type { ImageRefusal } from './ports/image-processor.ts';

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

/**
 * What an uploaded image is for. All get the same checks and lose their metadata; only a
 * badge image may be an SVG (reference: creating-a-badge.md), rasterised to a PNG.
 */
export type ImageUse = 'badge' | 'logo' | 'avatar';

export const ACCEPTS_SVG: Record<ImageUse, boolean> = { badge: true, logo: false, avatar: false };

/** The form field that carries each kind of image, named in `details.fields` of a refusal. */
export const IMAGE_FIELD: Record<ImageUse, string> = {
  badge: 'image',
  logo: 'logo',
  avatar: 'avatar',
};

const IMAGE_NAME: Record<ImageUse, string> = {
  badge: 'badge image',
  logo: 'logo',
  avatar: 'avatar',
};

/** Why an image was refused, in the words of the form it was uploaded with. */
export function imageRefusalMessage(use: ImageUse, refusal: ImageRefusal): string {
  const types = ACCEPTS_SVG[use] ? 'PNG, JPEG, WebP or SVG' : 'PNG, JPEG or WebP';
  switch (refusal) {
    case 'NOT_AN_IMAGE':
      return `Upload a ${types} image of at most 5 MB.`;
    case 'TOO_LARGE':
      return `The ${IMAGE_NAME[use]} must be at most 5 MB.`;
    case 'UNREADABLE':
      return `That image could not be read. Upload a ${types} image of at most 5 MB.`;
    case 'TOO_MANY_PIXELS':
      return `The ${IMAGE_NAME[use]} must be at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels.`;
    case 'SVG_ENTITIES':
      return 'This SVG declares XML entities, which are not accepted. Export it again without them, or upload a PNG.';
  }
}
