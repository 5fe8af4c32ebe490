// Baked Open Badges 3.0 images (OB 3.0 §5.3): the credential embedded in a PNG iTXt chunk or an
// SVG <openbadges:credential> element. Pure functions over bytes and text; the HTTP routes
// (GET …/baked, POST /api/credentials/verify-image) sit on top of these.
import {
  BakingError,
  bakePng,
  extractFromPng,
  isCompactJws,
  isPng,
  resolveLimits,
  type BakeableCredential,
  type BakingLimits,
} from './png.ts';
import { bakeSvg, extractFromSvg, looksLikeSvg } from './svg.ts';

export { BakingError, bakePng, crc32, encodePng } from './png.ts';
export type { BakeableCredential, BakingErrorCode, BakingLimits } from './png.ts';
export { bakeSvg } from './svg.ts';

export type BakedImageType = 'png' | 'svg';

const SNIFF_CHARS = 1024 * 1024;
const sniffDecoder = new TextDecoder('utf-8', { fatal: false });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** 'png' for the PNG signature, 'svg' for UTF-8 XML whose root is <svg>, else undefined. */
export function detectBakedImageType(bytes: Uint8Array): BakedImageType | undefined {
  if (isPng(bytes)) return 'png';
  return looksLikeSvg(sniffDecoder.decode(bytes.subarray(0, SNIFF_CHARS))) ? 'svg' : undefined;
}

/** The encoding named in an XML declaration, if any. */
function declaredEncoding(text: string): string | undefined {
  return /^\uFEFF?<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(
    text,
  )?.[1];
}

function isUtf8Name(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

/**
 * Decodes SVG bytes as UTF-8 (BOM allowed). A declaration of another encoding is accepted only
 * when `allowAsciiOnly` and every byte is ASCII, where the encodings agree.
 */
function decodeSvg(bytes: Uint8Array, allowAsciiOnly: boolean): string {
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch (cause) {
    throw new BakingError('unsupported_encoding', 'SVG is not UTF-8', { cause });
  }
  const encoding = declaredEncoding(text);
  if (
    encoding !== undefined &&
    !isUtf8Name(encoding) &&
    !(allowAsciiOnly && bytes.every((b) => b < 0x80))
  ) {
    throw new BakingError(
      'unsupported_encoding',
      `SVG declares encoding ${encoding}; only UTF-8 is supported`,
    );
  }
  return text;
}

/**
 * The credential text (JSON or a compact JWS) baked into a PNG or SVG from any OB 3.0 issuer,
 * or undefined when the image carries none. Throws BakingError for an unsupported or malformed
 * image or one over the size limits.
 */
export function extractCredential(bytes: Uint8Array, limits?: BakingLimits): string | undefined {
  const resolved = resolveLimits(limits);
  if (bytes.length > resolved.maxImageBytes)
    throw new BakingError('too_large', `image is larger than ${resolved.maxImageBytes} bytes`);
  switch (detectBakedImageType(bytes)) {
    case 'png':
      return extractFromPng(bytes, resolved);
    case 'svg':
      return extractFromSvg(decodeSvg(bytes, true), resolved);
    case undefined:
      throw new BakingError('unsupported_image', 'not a PNG or SVG image');
  }
}

/** Bakes a credential into PNG or SVG bytes (SVG must be UTF-8); the result has the same type. */
export function bakeImage(
  bytes: Uint8Array,
  credential: BakeableCredential,
  limits?: BakingLimits,
): { type: BakedImageType; bytes: Buffer } {
  const resolved = resolveLimits(limits);
  if (bytes.length > resolved.maxImageBytes)
    throw new BakingError('too_large', `image is larger than ${resolved.maxImageBytes} bytes`);
  switch (detectBakedImageType(bytes)) {
    case 'png':
      return { type: 'png', bytes: bakePng(bytes, credential, resolved) };
    case 'svg':
      return {
        type: 'svg',
        bytes: Buffer.from(bakeSvg(decodeSvg(bytes, false), credential, resolved), 'utf8'),
      };
    case undefined:
      throw new BakingError('unsupported_image', 'not a PNG or SVG image');
  }
}

export type ParsedCredentialText =
  { format: 'json'; credential: Record<string, unknown> } | { format: 'jwt'; jwt: string };

/** Tells an extracted text apart: a compact JWS (VC-JWT), or the JSON of a credential object. */
export function parseCredentialText(text: string): ParsedCredentialText {
  const trimmed = text.trim();
  if (isCompactJws(trimmed)) return { format: 'jwt', jwt: trimmed };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (cause) {
    throw new BakingError(
      'invalid_credential',
      'baked credential is neither JSON nor a compact JWS',
      { cause },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BakingError('invalid_credential', 'baked credential JSON is not an object');
  }
  return { format: 'json', credential: parsed as Record<string, unknown> };
}
