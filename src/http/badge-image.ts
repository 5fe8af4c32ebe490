import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { IMAGE_EXTENSIONS, MAX_IMAGE_BYTES, detectRasterImage } from '../core/images.ts';
import type { FileStorage } from '../core/ports/file-store.ts';

/**
 * Badge images (reference: creating-a-badge.md): PNG, JPEG, WebP or SVG, at most 5 MB.
 *
 * Raster images are kept byte for byte once libvips agrees with their magic bytes. An SVG
 * is never stored or served: it is rasterised to a PNG whose longer side is
 * SVG_RENDER_SIZE pixels (aspect kept), so scripts, event handlers and links in it are
 * gone. librsvg (inside sharp) loads nothing from outside a buffer: <image>, <use>,
 * feImage, CSS @import, XInclude and external DTDs or entities are not fetched, neither
 * over the network nor from local files (badge-image.test.ts watches a local server and a
 * local file to prove it). Entity declarations are refused up front anyway.
 */

export const SVG_RENDER_SIZE = 512;
/** No side longer than this: a few header bytes could otherwise claim billions of pixels. */
export const MAX_IMAGE_SIDE = 16_384;

export type PreparedBadgeImage =
  | { ok: true; bytes: Buffer; contentType: string; extension: string }
  | { ok: false; message: string };

const ACCEPTED = 'Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.';
/** The one message for a badge image over the size limit (web forms and the API). */
export const BADGE_IMAGE_TOO_LARGE = 'The badge image must be at most 5 MB.';
const UNREADABLE =
  'That image could not be read. Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.';

const SHARP_FORMAT = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' } as const;

/**
 * The SVG's text when the bytes are one: UTF-8 whose root element (after an optional XML
 * declaration, comments and a DOCTYPE without an internal subset) is <svg>.
 */
function svgText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Each part matches one way only (a comment cannot contain -->), so this cannot backtrack badly.
  const prolog =
    /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--(?:(?!-->)[\s\S])*-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\]\s*)?>)\s*)*<svg[\s>/]/;
  return prolog.test(text) ? text : undefined;
}

async function rasteriseSvg(bytes: Buffer): Promise<PreparedBadgeImage> {
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== 'svg' || !meta.width || !meta.height)
      return { ok: false, message: UNREADABLE };
    // Render at a density that gives SVG_RENDER_SIZE pixels natively, rather than scaling up
    // a small bitmap: the metadata's size is at the default 72 DPI.
    const scale = SVG_RENDER_SIZE / Math.max(meta.width, meta.height);
    const density = Math.min(100_000, Math.max(1, 72 * scale));
    const png = await sharp(bytes, { density })
      .resize({ width: SVG_RENDER_SIZE, height: SVG_RENDER_SIZE, fit: 'inside' })
      .png()
      .toBuffer();
    return { ok: true, bytes: png, contentType: 'image/png', extension: 'png' };
  } catch {
    return { ok: false, message: UNREADABLE };
  }
}

/** Checks (and for SVG, converts) an uploaded badge image; `message` is for the person uploading. */
export async function prepareBadgeImage(bytes: Buffer): Promise<PreparedBadgeImage> {
  if (bytes.length === 0) return { ok: false, message: ACCEPTED };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, message: BADGE_IMAGE_TOO_LARGE };
  const raster = detectRasterImage(bytes);
  if (raster) {
    try {
      const meta = await sharp(bytes).metadata();
      if (meta.format !== SHARP_FORMAT[raster] || !meta.width || !meta.height)
        return { ok: false, message: UNREADABLE };
      if (meta.width > MAX_IMAGE_SIDE || meta.height > MAX_IMAGE_SIDE) {
        return {
          ok: false,
          message: `The badge image must be at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels.`,
        };
      }
    } catch {
      return { ok: false, message: UNREADABLE };
    }
    return { ok: true, bytes, contentType: raster, extension: IMAGE_EXTENSIONS[raster] };
  }
  const svg = svgText(bytes);
  if (svg === undefined) return { ok: false, message: ACCEPTED };
  if (/<!ENTITY/i.test(svg)) {
    return {
      ok: false,
      message:
        'This SVG declares XML entities, which are not accepted. Export it again without them, or upload a PNG.',
    };
  }
  return rasteriseSvg(bytes);
}

/**
 * The raster image re-encoded in its own format without its metadata: an uploaded photo's
 * EXIF (place, camera, serial numbers) must not be published with it. EXIF orientation is
 * applied first, so the picture still stands the right way up.
 */
export function withoutMetadata(bytes: Buffer, type: keyof typeof SHARP_FORMAT): Promise<Buffer> {
  return sharp(bytes).rotate().toFormat(SHARP_FORMAT[type]).toBuffer();
}

const ORGANIZATION_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Prepares and stores a badge image under `badges/{organizationId}/{random}.{ext}`; the key
 * then goes to createBadge or updateBadge, and the caller deletes the file if they refuse.
 */
export async function storeBadgeImage(
  storage: FileStorage,
  organizationId: string,
  bytes: Buffer,
): Promise<{ ok: true; key: string } | { ok: false; message: string }> {
  // Callers authorize first, so this is a real organization's id; anything else is a bug.
  if (!ORGANIZATION_ID.test(organizationId))
    throw new Error(`storeBadgeImage: not an organization id: ${organizationId}`);
  const image = await prepareBadgeImage(bytes);
  if (!image.ok) return image;
  const key = `badges/${organizationId}/${randomBytes(16).toString('hex')}.${image.extension}`;
  await storage.put(key, image.bytes, image.contentType);
  return { ok: true, key };
}
