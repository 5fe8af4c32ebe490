import type { RasterImageType } from '../images.ts';

/**
 * Why an upload is not accepted as an image. The processor only judges the bytes; the core
 * words the refusal for what the image is for (images.ts).
 */
export type ImageRefusal =
  /** Empty, or not a PNG, JPEG or WebP (nor an SVG, where one is accepted). */
  | 'NOT_AN_IMAGE'
  /** Over MAX_IMAGE_BYTES, whatever it is. */
  | 'TOO_LARGE'
  /** It starts like an image, but libvips cannot read it as one. */
  | 'UNREADABLE'
  /** A side longer than MAX_IMAGE_SIDE pixels. */
  | 'TOO_MANY_PIXELS'
  /** An SVG that declares XML entities. */
  | 'SVG_ENTITIES';

/** An image as it may be stored and published. */
export interface PreparedImage {
  bytes: Buffer;
  contentType: RasterImageType;
  /** The file name extension for its content type, without the dot. */
  extension: string;
}

export interface ImageOptions {
  /** Whether an SVG is accepted (it is rasterised to a PNG); otherwise it is NOT_AN_IMAGE. */
  svg: boolean;
  /** Re-encode every image as a PNG, not only an SVG. */
  png?: boolean;
}

export type PreparedUpload =
  { ok: true; image: PreparedImage } | { ok: false; refusal: ImageRefusal };

/**
 * Checks uploaded images and makes them safe to publish: a raster image must be what its
 * first bytes say, within MAX_IMAGE_SIDE; its metadata (EXIF, XMP, IPTC, text chunks) is
 * removed; an SVG is never kept, only the PNG it renders to.
 */
export interface ImageProcessor {
  prepare(bytes: Buffer, options: ImageOptions): Promise<PreparedUpload>;
  /** A prepared image as a PNG at most `side` pixels wide and high, for a preview. */
  thumbnail(image: PreparedImage, side: number): Promise<Buffer>;
  /** A stored JPEG or WebP drawn again as a PNG, which a credential can be baked into. */
  toPng(bytes: Buffer): Promise<Buffer>;
}
