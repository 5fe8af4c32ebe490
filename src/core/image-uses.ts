import { MAX_IMAGE_SIDE } from './images.ts';
import type { ImageRefusal } from './ports/image-processor.ts';

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
