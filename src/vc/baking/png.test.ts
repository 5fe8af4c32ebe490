import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../fixtures/load.ts';
import {
  BakingError,
  OB3_PNG_KEYWORD,
  bakePng,
  crc32,
  decodeITxt,
  encodeITxt,
  extractFromPng,
  parsePngChunks,
  type BakingErrorCode,
} from './png.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** One chunk written by hand (length, type, data, CRC), independent of encodePng. */
function rawChunk(type: string, data: Uint8Array, crc?: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc ?? crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** A valid 1x1 RGBA PNG, optionally with extra chunks before IEND. */
function tinyPng(extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, adaptive filter, no interlace
  const idat = deflateSync(Uint8Array.of(0, 0x1e, 0x90, 0xff, 0xff)); // filter byte + one pixel
  return Buffer.concat([
    Buffer.from(SIGNATURE),
    rawChunk('IHDR', ihdr),
    rawChunk('IDAT', idat),
    ...extra,
    rawChunk('IEND', new Uint8Array(0)),
  ]);
}

/** An iTXt as another issuer might write it: compressed, with language tag and translated keyword. */
function compressedITxt(keyword: string, text: string): Buffer {
  return rawChunk(
    'iTXt',
    Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Uint8Array.of(0, 1, 0),
      Buffer.from('en\0Open Badge\0', 'utf8'),
      deflateSync(Buffer.from(text, 'utf8')),
    ]),
  );
}

function credentialChunks(png: Uint8Array) {
  return parsePngChunks(png).filter(
    (c) => c.type === 'iTXt' && decodeITxt(c.data).keyword === OB3_PNG_KEYWORD,
  );
}

function codeOf(fn: () => unknown): BakingErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BakingError) return e.code;
    throw e;
  }
  return undefined;
}

const credential = fixtureJson('./1edtech-ob3/signed-credential.json');
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl';

describe('crc32', () => {
  it('matches the published check values', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082); // every PNG ends with this CRC
    expect(crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('continues across pieces', () => {
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926);
  });
});

describe('parsePngChunks', () => {
  it('reads a valid PNG', () => {
    expect(parsePngChunks(tinyPng()).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('rejects a wrong signature, truncation, bad CRCs and broken structure', () => {
    const png = tinyPng();
    expect(codeOf(() => parsePngChunks(Buffer.from('GIF89a............')))).toBe('not_png');
    expect(codeOf(() => parsePngChunks(png.subarray(0, png.length - 3)))).toBe('truncated');
    expect(codeOf(() => parsePngChunks(png.subarray(0, png.length - 12)))).toBe('truncated');

    const dataFlipped = Buffer.from(png);
    dataFlipped.writeUInt8(dataFlipped.readUInt8(41) ^ 0x01, 41); // first byte of IDAT data
    expect(codeOf(() => parsePngChunks(dataFlipped))).toBe('bad_crc');
    const crcFlipped = Buffer.from(png);
    crcFlipped.writeUInt8(crcFlipped.readUInt8(png.length - 1) ^ 0x80, png.length - 1); // last byte of IEND's CRC
    expect(codeOf(() => parsePngChunks(crcFlipped))).toBe('bad_crc');

    expect(codeOf(() => parsePngChunks(Buffer.concat([png, Buffer.from([0])])))).toBe(
      'bad_structure',
    );
    const noIdat = Buffer.concat([png.subarray(0, 33), rawChunk('IEND', new Uint8Array(0))]);
    expect(codeOf(() => parsePngChunks(noIdat))).toBe('bad_structure');
    const idatFirst = Buffer.concat([Buffer.from(SIGNATURE), png.subarray(33)]);
    expect(codeOf(() => parsePngChunks(idatFirst))).toBe('bad_structure');
    const badType = Buffer.from(png);
    badType.write('ID@T', 33 + 4, 'latin1');
    expect(codeOf(() => parsePngChunks(badType))).toBe('bad_chunk');
  });

  it('refuses chunks that claim more than 16 MiB without reading them', () => {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(16 * 1024 * 1024 + 1, 0);
    header.write('tEXt', 4, 'latin1');
    const png = Buffer.concat([tinyPng().subarray(0, 33), header, Buffer.alloc(8)]);
    expect(codeOf(() => parsePngChunks(png))).toBe('too_large');
    expect(codeOf(() => parsePngChunks(tinyPng(), { maxImageBytes: 10 }))).toBe('too_large');
  });
});

describe('bakePng / extractFromPng', () => {
  it('round trips a signed credential as its compact JSON in an uncompressed iTXt before IEND', () => {
    const baked = bakePng(tinyPng(), credential);
    expect(parsePngChunks(baked).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    const text = extractFromPng(baked);
    expect(text).toBe(JSON.stringify(credential));
    expect(JSON.parse(text!)).toEqual(credential);

    const [chunk] = credentialChunks(baked);
    expect(Buffer.from(chunk!.data.subarray(0, OB3_PNG_KEYWORD.length + 5))).toEqual(
      Buffer.concat([Buffer.from(OB3_PNG_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0])]),
    );
    expect(decodeITxt(chunk!.data)).toMatchObject({
      compressed: false,
      languageTag: '',
      translatedKeyword: '',
    });
  });

  it('keeps the original image chunks byte for byte', () => {
    const png = tinyPng();
    const baked = bakePng(png, credential);
    expect(baked.subarray(0, png.length - 12)).toEqual(png.subarray(0, png.length - 12));
    expect(baked.subarray(baked.length - 12)).toEqual(png.subarray(png.length - 12));
  });

  it('re-baking replaces the credential: exactly one chunk, every CRC valid', () => {
    const once = bakePng(tinyPng(), credential);
    const other = { ...credential, name: 'Another badge' };
    const twice = bakePng(once, other);
    expect(credentialChunks(twice)).toHaveLength(1);
    expect(JSON.parse(extractFromPng(twice)!)).toEqual(other);
    expect(() => parsePngChunks(twice)).not.toThrow();

    // An image that (wrongly) already holds two credential chunks ends up with one.
    const doubled = tinyPng([
      rawChunk('iTXt', encodeITxt(OB3_PNG_KEYWORD, '{"a":1}').data),
      compressedITxt(OB3_PNG_KEYWORD, '{"b":2}'),
    ]);
    expect(credentialChunks(doubled)).toHaveLength(2);
    expect(credentialChunks(bakePng(doubled, credential))).toHaveLength(1);
  });

  it('leaves other text chunks alone, including an OB 2.0 `openbadges` one', () => {
    const png = tinyPng([
      rawChunk('tEXt', Buffer.from('Software\0Inkscape', 'latin1')),
      rawChunk('iTXt', encodeITxt('openbadges', '{"old":true}').data),
    ]);
    expect(extractFromPng(png)).toBeUndefined();
    const baked = bakePng(png, credential);
    expect(parsePngChunks(baked).map((c) => c.type)).toEqual([
      'IHDR',
      'IDAT',
      'tEXt',
      'iTXt',
      'iTXt',
      'IEND',
    ]);
    expect(extractFromPng(baked)).toBe(JSON.stringify(credential));
  });

  it('bakes a VC-JWT string as is', () => {
    expect(extractFromPng(bakePng(tinyPng(), JWT))).toBe(JWT);
  });

  it('carries non-ASCII text as UTF-8 and escapes lone surrogates', () => {
    const named = { ...credential, name: 'Zoë’s badge 🏅', description: 'half \ud83c pair' };
    const text = extractFromPng(bakePng(tinyPng(), named))!;
    expect(text).toContain('Zoë’s badge 🏅');
    expect(text).toContain('half \\ud83c pair');
    expect(JSON.parse(text)).toEqual(named);
  });

  it('extracts a compressed iTXt written by another issuer', () => {
    const json = JSON.stringify(credential, null, 2);
    const png = tinyPng([compressedITxt(OB3_PNG_KEYWORD, json)]);
    expect(decodeITxt(credentialChunks(png)[0]!.data)).toMatchObject({
      compressed: true,
      languageTag: 'en',
      translatedKeyword: 'Open Badge',
    });
    expect(JSON.parse(extractFromPng(png)!)).toEqual(credential);
  });

  it('refuses a compressed iTXt that inflates past the limit', () => {
    const png = tinyPng([compressedITxt(OB3_PNG_KEYWORD, `"${'x'.repeat(100_000)}"`)]);
    expect(codeOf(() => extractFromPng(png, { maxChunkBytes: 10_000 }))).toBe('too_large');
  });

  it('rejects malformed credential chunks and credentials', () => {
    const garbled = rawChunk(
      'iTXt',
      Buffer.concat([Buffer.from(`${OB3_PNG_KEYWORD}\0`), Uint8Array.of(1, 0, 0, 0, 1, 2, 3)]),
    );
    expect(codeOf(() => extractFromPng(tinyPng([garbled])))).toBe('bad_itxt');
    const badFlag = rawChunk(
      'iTXt',
      Buffer.concat([Buffer.from(`${OB3_PNG_KEYWORD}\0`), Uint8Array.of(7, 0, 0, 0)]),
    );
    expect(codeOf(() => extractFromPng(tinyPng([badFlag])))).toBe('bad_itxt');
    const badUtf8 = rawChunk(
      'iTXt',
      Buffer.concat([Buffer.from(`${OB3_PNG_KEYWORD}\0`), Uint8Array.of(0, 0, 0, 0, 0xc3, 0x28)]),
    );
    expect(codeOf(() => extractFromPng(tinyPng([badUtf8])))).toBe('bad_itxt');
    const empty = rawChunk('iTXt', encodeITxt(OB3_PNG_KEYWORD, '  ').data);
    expect(codeOf(() => extractFromPng(tinyPng([empty])))).toBe('invalid_credential');

    expect(codeOf(() => bakePng(tinyPng(), 'not a credential'))).toBe('invalid_credential');
    expect(codeOf(() => bakePng(tinyPng(), '[1,2]'))).toBe('invalid_credential');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => bakePng(tinyPng(), cyclic))).toBe('invalid_credential');
    expect(codeOf(() => bakePng(tinyPng(), credential, { maxChunkBytes: 100 }))).toBe('too_large');
    expect(codeOf(() => bakePng(Buffer.from('<svg/>'), credential))).toBe('not_png');
  });

  it('returns undefined for a PNG without a credential', () => {
    expect(extractFromPng(tinyPng())).toBeUndefined();
  });
});
