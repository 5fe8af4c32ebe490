// Open Badges 3.0 baking for PNG (OB 3.0 §5.3.1): the credential travels in one iTXt chunk
// with keyword `openbadgecredential`, compression flag 0, empty language tag and translated
// keyword, and as text either the JSON of the credential (embedded proof) or the compact JWS
// (VC-JWT). Only one such chunk may exist, so baking replaces any earlier one.
//
// The parser is strict: signature, chunk lengths, chunk types, CRCs, IHDR first, IEND last and
// nothing after it. Anything else is a BakingError, never a partial result. This file also
// holds what png.ts and svg.ts share (the error type, limits, credential text handling).
import { inflateSync } from 'node:zlib';

/** Why an image could not be baked or read. `code` is stable; `message` is for people. */
export type BakingErrorCode =
  | 'not_png'
  | 'truncated'
  | 'bad_chunk'
  | 'bad_crc'
  | 'bad_structure'
  | 'bad_itxt'
  | 'too_large'
  | 'invalid_credential'
  | 'not_svg'
  | 'bad_svg'
  | 'namespace_conflict'
  | 'unsupported_encoding'
  | 'unsupported_image';

export class BakingError extends Error {
  readonly code: BakingErrorCode;
  constructor(code: BakingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BakingError';
    this.code = code;
  }
}

/** Size limits. Defaults: no chunk, inflated text or credential over 16 MiB; no image over 32 MiB. */
export interface BakingLimits {
  /** Largest whole image (PNG bytes, or SVG UTF-16 code units). */
  maxImageBytes?: number;
  /** Largest single PNG chunk, inflated iTXt text, or credential text. */
  maxChunkBytes?: number;
}

const DEFAULT_MAX_IMAGE_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_CHUNK_BYTES = 16 * 1024 * 1024;

export function resolveLimits(limits: BakingLimits = {}): Required<BakingLimits> {
  return {
    maxImageBytes: limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
    maxChunkBytes: limits.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES,
  };
}

/** The credential to bake: the signed document itself, or its text (JSON or a compact JWS). */
export type BakeableCredential = object | string;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** Whether a credential text is a compact JWS (VC-JWT) rather than JSON. */
export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

// In JSON text, non-ASCII characters occur only inside strings, where a \uXXXX escape means
// the same. Lone surrogates cannot be written as UTF-8 and U+FFFE/U+FFFF are not XML
// characters, so those are escaped; the credential's meaning is unchanged.
const UNPORTABLE =
  /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function portableJson(json: string): string {
  return json.replace(UNPORTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What a baked image carries, as text: the compact JSON of an object, or a given string that
 * must be a compact JWS or the JSON of an object. Throws `invalid_credential` otherwise.
 */
export function credentialText(credential: BakeableCredential, maxBytes: number): string {
  let text: string;
  if (typeof credential === 'string') {
    text = credential.trim();
    if (!isCompactJws(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (cause) {
        throw new BakingError(
          'invalid_credential',
          'credential text is neither JSON nor a compact JWS',
          { cause },
        );
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new BakingError('invalid_credential', 'credential JSON must be an object');
      }
    }
  } else {
    if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
      throw new BakingError('invalid_credential', 'credential must be an object or a string');
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(credential);
    } catch (cause) {
      throw new BakingError('invalid_credential', 'credential is not serialisable as JSON', {
        cause,
      });
    }
    if (typeof json !== 'string')
      throw new BakingError('invalid_credential', 'credential is not serialisable as JSON');
    text = json;
  }
  if (!isCompactJws(text)) text = portableJson(text);
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new BakingError('too_large', `credential is larger than ${maxBytes} bytes`);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (ISO-HDLC, the PNG/zlib one). Node 20 has no zlib.crc32 (added in 22.2).

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `data`; pass the previous result as `crc` to continue over several pieces. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) {
    c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Chunks

const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
export const OB3_PNG_KEYWORD = 'openbadgecredential';
const MAX_PNG_LENGTH = 0x7fffffff; // PNG: a chunk length is at most 2^31 - 1

export interface PngChunk {
  /** Four ASCII letters, e.g. 'IHDR'. */
  type: string;
  data: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/**
 * Splits a PNG into its chunks, checking everything a decoder must: the signature, each
 * length (within limits and the input), type letters and CRC, IHDR first (13 bytes), at least
 * one IDAT, IEND last (empty), and no bytes after IEND.
 */
export function parsePngChunks(bytes: Uint8Array, limits?: BakingLimits): PngChunk[] {
  const { maxImageBytes, maxChunkBytes } = resolveLimits(limits);
  if (bytes.length > maxImageBytes)
    throw new BakingError('too_large', `image is larger than ${maxImageBytes} bytes`);
  if (!isPng(bytes)) throw new BakingError('not_png', 'not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let pos = PNG_SIGNATURE.length;
  let sawIdat = false;
  for (;;) {
    if (pos === bytes.length) throw new BakingError('truncated', 'PNG ends without an IEND chunk');
    if (bytes.length - pos < 12)
      throw new BakingError('truncated', `PNG truncated in a chunk header at byte ${pos}`);
    const length = view.getUint32(pos);
    if (length > MAX_PNG_LENGTH)
      throw new BakingError('bad_chunk', `chunk length ${length} at byte ${pos} exceeds 2^31-1`);
    if (length > maxChunkBytes)
      throw new BakingError(
        'too_large',
        `chunk at byte ${pos} claims ${length} bytes (limit ${maxChunkBytes})`,
      );
    const typeBytes = bytes.subarray(pos + 4, pos + 8);
    if (!typeBytes.every(isChunkTypeByte))
      throw new BakingError('bad_chunk', `invalid chunk type at byte ${pos + 4}`);
    const type = String.fromCharCode(...typeBytes);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length)
      throw new BakingError(
        'truncated',
        `${type} chunk at byte ${pos} runs past the end of the file`,
      );
    const data = bytes.subarray(dataStart, dataEnd);
    const expected = crc32(data, crc32(typeBytes));
    if (view.getUint32(dataEnd) !== expected)
      throw new BakingError('bad_crc', `CRC mismatch in ${type} chunk at byte ${pos}`);

    if (chunks.length === 0) {
      if (type !== 'IHDR')
        throw new BakingError('bad_structure', `first chunk is ${type}, not IHDR`);
      if (length !== 13) throw new BakingError('bad_structure', 'IHDR must be 13 bytes');
    } else if (type === 'IHDR') {
      throw new BakingError('bad_structure', 'more than one IHDR chunk');
    }
    if (type === 'IDAT') sawIdat = true;
    chunks.push({ type, data });
    pos = dataEnd + 4;
    if (type === 'IEND') {
      if (length !== 0) throw new BakingError('bad_structure', 'IEND must be empty');
      if (!sawIdat) throw new BakingError('bad_structure', 'PNG has no IDAT chunk');
      if (pos !== bytes.length)
        throw new BakingError('bad_structure', `${bytes.length - pos} bytes after IEND`);
      return chunks;
    }
  }
}

/** Serialises chunks after the PNG signature, computing each length and CRC. */
export function encodePng(chunks: readonly PngChunk[]): Buffer {
  const size = chunks.reduce((n, c) => n + 12 + c.data.length, PNG_SIGNATURE.length);
  const out = Buffer.alloc(size);
  out.set(PNG_SIGNATURE, 0);
  let pos = PNG_SIGNATURE.length;
  for (const { type, data } of chunks) {
    const typeBytes = Buffer.from(type, 'latin1');
    if (typeBytes.length !== 4 || !typeBytes.every(isChunkTypeByte)) {
      throw new BakingError('bad_chunk', `invalid chunk type ${JSON.stringify(type)}`);
    }
    out.writeUInt32BE(data.length, pos);
    out.set(typeBytes, pos + 4);
    out.set(data, pos + 8);
    out.writeUInt32BE(crc32(data, crc32(typeBytes)), pos + 8 + data.length);
    pos += 12 + data.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// iTXt: keyword \0 compression-flag compression-method language-tag \0 translated-keyword \0 text

export interface ITxt {
  keyword: string;
  compressed: boolean;
  languageTag: string;
  translatedKeyword: string;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new BakingError('bad_itxt', `iTXt ${what} is not valid UTF-8`, { cause });
  }
}

/** The keyword of an iTXt chunk, or undefined when the chunk does not start with a valid one. */
function iTxtKeyword(data: Uint8Array): string | undefined {
  const nul = data.subarray(0, 80).indexOf(0);
  if (nul < 1) return undefined;
  return Buffer.from(data.subarray(0, nul)).toString('latin1');
}

/** Decodes an iTXt chunk's data, inflating compressed text (flag 1, method 0) within limits. */
export function decodeITxt(data: Uint8Array, limits?: BakingLimits): ITxt {
  const { maxChunkBytes } = resolveLimits(limits);
  const keyword = iTxtKeyword(data);
  if (keyword === undefined)
    throw new BakingError('bad_itxt', 'iTXt keyword missing or longer than 79 bytes');
  let pos = keyword.length + 1;
  if (data.length < pos + 2) throw new BakingError('bad_itxt', 'iTXt truncated after its keyword');
  const flag = data[pos] as number;
  const method = data[pos + 1] as number;
  if (flag > 1) throw new BakingError('bad_itxt', `iTXt compression flag ${flag} is not 0 or 1`);
  if (flag === 1 && method !== 0)
    throw new BakingError('bad_itxt', `iTXt compression method ${method} is unknown`);
  pos += 2;
  const langEnd = data.indexOf(0, pos);
  if (langEnd < 0) throw new BakingError('bad_itxt', 'iTXt language tag is not terminated');
  const languageTag = Buffer.from(data.subarray(pos, langEnd)).toString('latin1');
  const transEnd = data.indexOf(0, langEnd + 1);
  if (transEnd < 0) throw new BakingError('bad_itxt', 'iTXt translated keyword is not terminated');
  const translatedKeyword = decodeUtf8(data.subarray(langEnd + 1, transEnd), 'translated keyword');
  let textBytes: Uint8Array = data.subarray(transEnd + 1);
  if (flag === 1) {
    try {
      textBytes = inflateSync(textBytes, { maxOutputLength: maxChunkBytes });
    } catch (cause) {
      const tooLarge = (cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      throw tooLarge
        ? new BakingError('too_large', `compressed iTXt inflates past ${maxChunkBytes} bytes`, {
            cause,
          })
        : new BakingError('bad_itxt', 'compressed iTXt text does not inflate', { cause });
    }
  }
  return {
    keyword,
    compressed: flag === 1,
    languageTag,
    translatedKeyword,
    text: decodeUtf8(textBytes, 'text'),
  };
}

/** An uncompressed iTXt chunk with empty language tag and translated keyword. */
export function encodeITxt(keyword: string, text: string): PngChunk {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) {
    throw new BakingError('bad_itxt', `invalid iTXt keyword ${JSON.stringify(keyword)}`);
  }
  const data = Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Uint8Array.of(0, 0, 0), // keyword terminator, compression flag 0, compression method 0
    Uint8Array.of(0), // empty language tag
    Uint8Array.of(0), // empty translated keyword
    Buffer.from(text, 'utf8'),
  ]);
  return { type: 'iTXt', data };
}

function isCredentialChunk(chunk: PngChunk): boolean {
  return chunk.type === 'iTXt' && iTxtKeyword(chunk.data) === OB3_PNG_KEYWORD;
}

// ---------------------------------------------------------------------------------------------
// Bake and extract

/**
 * Bakes a credential into a PNG: every existing `openbadgecredential` iTXt chunk is removed
 * and one new, uncompressed chunk is inserted just before IEND. A credential object is baked
 * as its compact JSON; a string must be JSON or a compact JWS (VC-JWT) and is baked as is.
 */
export function bakePng(
  png: Uint8Array,
  credential: BakeableCredential,
  limits?: BakingLimits,
): Buffer {
  const resolved = resolveLimits(limits);
  const text = credentialText(credential, resolved.maxChunkBytes);
  const chunk = encodeITxt(OB3_PNG_KEYWORD, text);
  if (chunk.data.length > resolved.maxChunkBytes) {
    throw new BakingError(
      'too_large',
      `credential chunk is larger than ${resolved.maxChunkBytes} bytes`,
    );
  }
  const kept = parsePngChunks(png, resolved).filter((c) => !isCredentialChunk(c));
  const iend = kept.pop() as PngChunk; // parsePngChunks guarantees IEND is last
  return encodePng([...kept, chunk, iend]);
}

/**
 * The credential text baked into a PNG (JSON or a compact JWS), from the first iTXt chunk
 * with keyword `openbadgecredential`, or undefined when there is none. Compressed iTXt,
 * which the spec forbids but some issuers write, is inflated within the size limit.
 */
export function extractFromPng(png: Uint8Array, limits?: BakingLimits): string | undefined {
  const chunk = parsePngChunks(png, limits).find(isCredentialChunk);
  if (!chunk) return undefined;
  const text = decodeITxt(chunk.data, limits).text.trim();
  if (text === '')
    throw new BakingError('invalid_credential', 'the openbadgecredential chunk is empty');
  return text;
}
