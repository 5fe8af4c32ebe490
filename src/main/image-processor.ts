import sharp from 'sharp';
import {
  IMAGE_EXTENSIONS,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_SIDE,
  detectRasterImage,
  type RasterImageType,
} from '../core/images.ts';
import type {
  ImageOptions,
  ImageProcessor,
  PreparedImage,
  PreparedUpload,
} from '../core/ports/image-processor.ts';
import { holdsOnlyPixels } from './image-segments.ts';

/**
 * Uploaded images (reference: creating-a-badge.md): PNG, JPEG, WebP or, where accepted, SVG,
 * at most 5 MB.
 *
 * A raster image is accepted once libvips agrees with its magic bytes. It is kept byte for
 * byte when its file holds nothing but its pixels (image-segments.ts); anything more (an
 * uploaded photo's EXIF holds places, cameras, serial numbers; a comment can hold a name) and
 * it is drawn again in its own format without it.
 *
 * An SVG is never stored or served: it is rasterised to a PNG whose longer side is
 * SVG_RENDER_SIZE pixels (aspect kept), so scripts, event handlers and links in it are
 * gone. librsvg (inside sharp) loads nothing from outside a buffer: <image>, <use>,
 * feImage, CSS @import, XInclude and external DTDs or entities are not fetched, neither
 * over the network nor from local files (image-processor.test.ts watches a local server and
 * a local file to prove it). Entity declarations are refused up front anyway.
 */

export const SVG_RENDER_SIZE = 512;

const SHARP_FORMAT = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' } as const;

const refused = (refusal: Extract<PreparedUpload, { ok: false }>['refusal']): PreparedUpload => ({
  ok: false,
  refusal,
});

const prepared = (bytes: Buffer, contentType: RasterImageType): PreparedUpload => ({
  ok: true,
  image: { bytes, contentType, extension: IMAGE_EXTENSIONS[contentType] },
});

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

async function rasteriseSvg(bytes: Buffer): Promise<PreparedUpload> {
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== 'svg' || !meta.width || !meta.height) return refused('UNREADABLE');
    // Render at a density that gives SVG_RENDER_SIZE pixels natively, rather than scaling up
    // a small bitmap: the metadata's size is at the default 72 DPI.
    const scale = SVG_RENDER_SIZE / Math.max(meta.width, meta.height);
    const density = Math.min(100_000, Math.max(1, 72 * scale));
    const png = await sharp(bytes, { density })
      .resize({ width: SVG_RENDER_SIZE, height: SVG_RENDER_SIZE, fit: 'inside' })
      .png()
      .toBuffer();
    return prepared(png, 'image/png');
  } catch {
    return refused('UNREADABLE');
  }
}

async function prepareRaster(
  bytes: Buffer,
  type: RasterImageType,
  options: ImageOptions,
): Promise<PreparedUpload> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return refused('UNREADABLE');
  }
  if (meta.format !== SHARP_FORMAT[type] || !meta.width || !meta.height)
    return refused('UNREADABLE');
  if (meta.width > MAX_IMAGE_SIDE || meta.height > MAX_IMAGE_SIDE)
    return refused('TOO_MANY_PIXELS');
  if (options.png) return withoutMetadata(bytes, 'image/png');
  if (!holdsOnlyPixels(bytes, type) || (meta.orientation ?? 1) !== 1)
    return withoutMetadata(bytes, type);
  return prepared(bytes, type);
}

/**
 * The image drawn again without its metadata (libvips writes none unless told to). EXIF
 * orientation is applied first, so the picture still stands the right way up.
 */
async function withoutMetadata(bytes: Buffer, type: RasterImageType): Promise<PreparedUpload> {
  try {
    return prepared(await sharp(bytes).rotate().toFormat(SHARP_FORMAT[type]).toBuffer(), type);
  } catch {
    // Its header was readable, its pixels are not.
    return refused('UNREADABLE');
  }
}

async function prepare(bytes: Buffer, options: ImageOptions): Promise<PreparedUpload> {
  if (bytes.length === 0) return refused('NOT_AN_IMAGE');
  if (bytes.length > MAX_IMAGE_BYTES) return refused('TOO_LARGE');
  const raster = detectRasterImage(bytes);
  if (raster) return prepareRaster(bytes, raster, options);
  if (!options.svg) return refused('NOT_AN_IMAGE');
  const svg = svgText(bytes);
  if (svg === undefined) return refused('NOT_AN_IMAGE');
  if (/<!ENTITY/i.test(svg)) return refused('SVG_ENTITIES');
  // The rendering is a PNG already, without metadata.
  return rasteriseSvg(bytes);
}

/** The one image processor, on sharp (libvips and librsvg). */
export const sharpImageProcessor: ImageProcessor = {
  prepare,
  thumbnail(image: PreparedImage, side: number) {
    return sharp(image.bytes)
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
  },
  toPng(bytes: Buffer) {
    return sharp(bytes, { limitInputPixels: 64 * 1024 * 1024 })
      .png()
      .toBuffer();
  },
};
