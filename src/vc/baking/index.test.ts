import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../fixtures/load.ts';
import {
  BakingError,
  bakeImage,
  bakePng,
  bakeSvg,
  detectBakedImageType,
  encodePng,
  extractCredential,
  parseCredentialText,
  type BakingErrorCode,
} from './index.ts';

function codeOf(fn: () => unknown): BakingErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BakingError) return e.code;
    throw e;
  }
  return undefined;
}

function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return encodePng([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: deflateSync(Uint8Array.of(0, 0x80)) },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}

const SVG =
  '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<!-- art -->\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n';
const credential = fixtureJson('./1edtech-ob3/signed-credential.json');
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('detectBakedImageType', () => {
  it('recognises PNG and SVG and nothing else', () => {
    expect(detectBakedImageType(tinyPng())).toBe('png');
    expect(detectBakedImageType(utf8(SVG))).toBe('svg');
    expect(detectBakedImageType(utf8('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'))).toBe(
      'svg',
    );
    expect(detectBakedImageType(utf8('<!DOCTYPE html><html><svg/></html>'))).toBeUndefined();
    expect(detectBakedImageType(utf8('{"@context":[]}'))).toBeUndefined();
    expect(detectBakedImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined(); // JPEG
    expect(detectBakedImageType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('extractCredential / bakeImage', () => {
  it('dispatches to the PNG and SVG extractors', () => {
    expect(extractCredential(bakePng(tinyPng(), credential))).toBe(JSON.stringify(credential));
    expect(extractCredential(utf8(bakeSvg(SVG, JWT)))).toBe(JWT);
    expect(extractCredential(tinyPng())).toBeUndefined();
    expect(extractCredential(utf8(SVG))).toBeUndefined();
  });

  it('bakes either type from bytes, and the signed credential comes back whole', () => {
    for (const [image, type] of [
      [tinyPng(), 'png'],
      [utf8(SVG), 'svg'],
    ] as const) {
      const baked = bakeImage(image, credential);
      expect(baked.type).toBe(type);
      expect(detectBakedImageType(baked.bytes)).toBe(type);
      const parsed = parseCredentialText(extractCredential(baked.bytes)!);
      expect(parsed).toEqual({ format: 'json', credential });
    }
  });

  it('refuses unsupported, oversized and wrongly encoded images', () => {
    expect(codeOf(() => extractCredential(utf8('GIF89a')))).toBe('unsupported_image');
    expect(codeOf(() => bakeImage(utf8('plain text'), credential))).toBe('unsupported_image');
    expect(codeOf(() => extractCredential(tinyPng(), { maxImageBytes: 20 }))).toBe('too_large');
    expect(
      codeOf(() =>
        extractCredential(
          Buffer.concat([utf8('<svg>'), Buffer.from([0xc3, 0x28]), utf8('</svg>')]),
        ),
      ),
    ).toBe('unsupported_encoding');
    const latin1 =
      '<?xml version="1.0" encoding="ISO-8859-1"?><svg><openbadges:credential verify="' +
      JWT +
      '"/></svg>';
    expect(extractCredential(Buffer.from(latin1, 'latin1'))).toBe(JWT); // pure ASCII: the encodings agree
    expect(
      codeOf(() => extractCredential(Buffer.from(latin1.replace('<svg>', '<svg>é'), 'latin1'))),
    ).toBe('unsupported_encoding');
    expect(codeOf(() => bakeImage(Buffer.from(latin1, 'latin1'), credential))).toBe(
      'unsupported_encoding',
    );
  });
});

describe('parseCredentialText', () => {
  it('tells JSON from a compact JWS and rejects anything else', () => {
    expect(parseCredentialText(` ${JWT}\n`)).toEqual({ format: 'jwt', jwt: JWT });
    expect(parseCredentialText('{"type":["VerifiableCredential"]}')).toEqual({
      format: 'json',
      credential: { type: ['VerifiableCredential'] },
    });
    expect(codeOf(() => parseCredentialText('[]'))).toBe('invalid_credential');
    expect(codeOf(() => parseCredentialText('hello'))).toBe('invalid_credential');
  });
});
