import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageRefusalMessage } from '../core/image-uses.ts';
import { MAX_IMAGE_BYTES } from '../core/images.ts';
import type { PreparedImage } from '../core/ports/image-processor.ts';
import { tinyPng, TINY_SVG } from '../../test/factories/images.ts';
import { SVG_RENDER_SIZE, sharpImageProcessor } from './image-processor.ts';

const ACCEPTED = 'Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.';
const UNREADABLE =
  'That image could not be read. Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.';

type PreparedBadgeImage = ({ ok: true } & PreparedImage) | { ok: false; message: string };

/** The processor with a badge image's rules, its refusals worded as the badge forms word them. */
async function prepareBadgeImage(bytes: Buffer): Promise<PreparedBadgeImage> {
  const r = await sharpImageProcessor.prepare(bytes, { svg: true });
  return r.ok
    ? { ok: true, ...r.image }
    : { ok: false, message: imageRefusalMessage('badge', r.refusal) };
}

function accepted(r: PreparedBadgeImage) {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    data,
    info,
    at: (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4),
    ],
  };
}

const solid = (format: 'jpeg' | 'webp' | 'png') =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: '#2e6b4f' } })
    .toFormat(format)
    .toBuffer();

describe('prepareBadgeImage', () => {
  it('accepts PNG, JPEG and WebP byte for byte', async () => {
    const png = tinyPng();
    expect(await prepareBadgeImage(png)).toEqual({
      ok: true,
      bytes: png,
      contentType: 'image/png',
      extension: 'png',
    });
    const jpeg = await solid('jpeg');
    expect(await prepareBadgeImage(jpeg)).toEqual({
      ok: true,
      bytes: jpeg,
      contentType: 'image/jpeg',
      extension: 'jpg',
    });
    const webp = await solid('webp');
    expect(await prepareBadgeImage(webp)).toEqual({
      ok: true,
      bytes: webp,
      contentType: 'image/webp',
      extension: 'webp',
    });
  });

  it('rasterises an SVG to a PNG, rendered at 512 px rather than scaled up', async () => {
    const r = accepted(await prepareBadgeImage(Buffer.from(TINY_SVG)));
    expect(r.contentType).toBe('image/png');
    expect(r.extension).toBe('png');
    expect(r.bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const { info, at } = await pixels(r.bytes);
    expect([info.width, info.height]).toEqual([SVG_RENDER_SIZE, SVG_RENDER_SIZE]);
    expect(at(0, 0)).toEqual([0x2e, 0x6b, 0x4f, 255]);
    expect(at(511, 511)).toEqual([0x2e, 0x6b, 0x4f, 255]);
    // A diagonal edge stays sharp: rendered at full size, not a 10 px bitmap enlarged.
    const circle =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5" fill="#000"/></svg>';
    const c = await pixels(accepted(await prepareBadgeImage(Buffer.from(circle))).bytes);
    expect(c.at(256, 256)[3]).toBe(255);
    expect(c.at(2, 2)[3]).toBe(0);
  });

  it('keeps the aspect ratio, the longer side 512 px', async () => {
    const wide =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100"/></svg>';
    expect(
      (await pixels(accepted(await prepareBadgeImage(Buffer.from(wide))).bytes)).info,
    ).toMatchObject({ width: 512, height: 256 });
    const tall =
      '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="4000"><rect width="1000" height="4000"/></svg>';
    expect(
      (await pixels(accepted(await prepareBadgeImage(Buffer.from(tall))).bytes)).info,
    ).toMatchObject({ width: 128, height: 512 });
  });

  it('recognises an SVG after a BOM, an XML declaration, comments and a DOCTYPE', async () => {
    const svg =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Some Editor -->\n' +
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' +
      '<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="red"/></svg>';
    expect(accepted(await prepareBadgeImage(Buffer.from(svg))).contentType).toBe('image/png');
  });

  describe('an SVG with active or external content', () => {
    let server: http.Server;
    let origin: string;
    const requests: string[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-badge-image-'));
    const redPng = path.join(dir, 'red.png');
    const secret = path.join(dir, 'secret.txt');

    beforeAll(async () => {
      fs.writeFileSync(
        redPng,
        await sharp({ create: { width: 10, height: 10, channels: 4, background: '#ff0000' } })
          .png()
          .toBuffer(),
      );
      fs.writeFileSync(secret, 'TOP SECRET TOP SECRET');
      server = http.createServer((req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'image/png' }).end(fs.readFileSync(redPng));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const wrap = (inner: string, extra = '') =>
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xi="http://www.w3.org/2001/XInclude" width="100" height="100"${extra}><rect width="50" height="50" fill="#2e6b4f"/>${inner}</svg>`;
    const clean = wrap('');

    /** The rendering of `svg` equals that of the same drawing without the extra content. */
    async function rendersLikeClean(svg: string) {
      const r = accepted(await prepareBadgeImage(Buffer.from(svg)));
      expect(r.contentType).toBe('image/png');
      const expected = accepted(await prepareBadgeImage(Buffer.from(clean)));
      expect((await pixels(r.bytes)).data.equals((await pixels(expected.bytes)).data)).toBe(true);
      return r;
    }

    it('drops scripts and event handlers: the result is a plain PNG', async () => {
      const r = await rendersLikeClean(
        wrap(
          `<script>fetch('${origin}/script')</script><script href="${origin}/ext.js"/>`,
          ` onload="fetch('${origin}/onload')"`,
        ),
      );
      expect(r.bytes.includes('script')).toBe(false);
      expect(r.bytes.includes('fetch')).toBe(false);
    });

    it('fetches nothing over the network: <image>, <use>, feImage, CSS, XInclude, DTD', async () => {
      await rendersLikeClean(
        wrap(`<image href="${origin}/a.png" x="50" y="50" width="50" height="50"/>`),
      );
      await rendersLikeClean(
        wrap(`<image xlink:href="${origin}/b.png" x="50" y="50" width="50" height="50"/>`),
      );
      await rendersLikeClean(wrap(`<use href="${origin}/c.svg#shape"/>`));
      await rendersLikeClean(
        wrap(
          `<filter id="f"><feImage href="${origin}/d.png"/></filter><rect x="50" y="50" width="50" height="50" filter="url(#f)"/>`,
        ),
      );
      await rendersLikeClean(wrap(`<style>@import url("${origin}/e.css");</style>`));
      await rendersLikeClean(
        wrap(`<text x="50" y="90"><xi:include href="${origin}/f.txt" parse="text"/></text>`),
      );
      const dtd = `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "${origin}/svg11.dtd">${clean}`;
      await rendersLikeClean(dtd);
      expect(requests).toEqual([]);
    });

    it('reads no local files either', async () => {
      await rendersLikeClean(
        wrap(`<image href="file://${redPng}" x="50" y="50" width="50" height="50"/>`),
      );
      await rendersLikeClean(
        wrap(`<image href="${redPng}" x="50" y="50" width="50" height="50"/>`),
      );
      await rendersLikeClean(
        wrap(`<text x="50" y="90"><xi:include href="file://${secret}" parse="text"/></text>`),
      );
      expect(requests).toEqual([]);
    });

    it('refuses entity declarations outright', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://${secret}">]>${wrap('<text y="90">&x;</text>')}`;
      const r = await prepareBadgeImage(Buffer.from(xxe));
      expect(r).toEqual({
        ok: false,
        message: expect.stringContaining('declares XML entities') as unknown,
      });
      const laughs = `<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${wrap('<text>&b;</text>')}`;
      expect((await prepareBadgeImage(Buffer.from(laughs))).ok).toBe(false);
      expect(requests).toEqual([]);
    });
  });

  it.each([
    ['plain text', Buffer.from('hello, this is not an image')],
    ['HTML', Buffer.from('<!doctype html><html><body><svg></svg></body></html>')],
    [
      'XML that is not SVG',
      Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'),
    ],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a PDF', Buffer.from('%PDF-1.7\n')],
    ['random bytes', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256))],
    ['nothing', Buffer.alloc(0)],
    ['UTF-16 text', Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf16le')],
  ])('refuses %s', async (_, bytes) => {
    expect(await prepareBadgeImage(bytes)).toEqual({ ok: false, message: ACCEPTED });
  });

  it('refuses files that only start like an image', async () => {
    const fakePng = Buffer.concat([tinyPng().subarray(0, 8), Buffer.from('not really a png')]);
    expect(await prepareBadgeImage(fakePng)).toEqual({ ok: false, message: UNREADABLE });
    expect(await prepareBadgeImage(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]))).toEqual({
      ok: false,
      message: UNREADABLE,
    });
    expect(
      await prepareBadgeImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect</svg>')),
    ).toEqual({ ok: false, message: UNREADABLE });
  });

  it('refuses more than 5 MB, whatever it is', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(MAX_IMAGE_BYTES + 1 - tinyPng().length)]);
    expect(big.length).toBe(MAX_IMAGE_BYTES + 1);
    expect(await prepareBadgeImage(big)).toEqual({
      ok: false,
      message: 'The badge image must be at most 5 MB.',
    });
    const bigSvg = Buffer.from(
      TINY_SVG.replace('</svg>', `<!--${'x'.repeat(MAX_IMAGE_BYTES)}--></svg>`),
    );
    expect(await prepareBadgeImage(bigSvg)).toEqual({
      ok: false,
      message: 'The badge image must be at most 5 MB.',
    });
  });

  it('refuses claims of enormous dimensions', async () => {
    const png = tinyPng();
    // Rewrite the IHDR width and height (and its CRC) to 100000 × 100000.
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    const { crc32 } = await import('../vc/baking/index.ts');
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect(await prepareBadgeImage(bomb)).toEqual({ ok: false, message: UNREADABLE });
    const wide = await sharp({
      create: { width: 16_385, height: 1, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    expect(await prepareBadgeImage(wide)).toEqual({
      ok: false,
      message: 'The badge image must be at most 16384×16384 pixels.',
    });
  });

  it('checks a near-5 MB SVG prolog quickly (no catastrophic backtracking)', async () => {
    const started = performance.now();
    expect(await prepareBadgeImage(Buffer.from('<!--a-->'.repeat(600_000)))).toEqual({
      ok: false,
      message: ACCEPTED,
    });
    expect(
      await prepareBadgeImage(Buffer.from(`<!DOCTYPE x [${'<!-- -->'.repeat(600_000)}`)),
    ).toEqual({ ok: false, message: ACCEPTED });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('metadata', () => {
  const exif = { IFD0: { Artist: 'Phone serial 12345', Copyright: 'Home at 51.5007 N' } };
  const photo = (format: 'jpeg' | 'webp' | 'png') =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0ffee' } })
      .toFormat(format)
      .withExifMerge(exif)
      .toBuffer();

  it.each(['jpeg', 'webp', 'png'] as const)(
    'draws a %s with EXIF again without it, in its own format and size',
    async (format) => {
      const bytes = await photo(format);
      expect((await sharp(bytes).metadata()).exif).toBeDefined();
      const r = await sharpImageProcessor.prepare(bytes, { svg: false });
      if (!r.ok) throw new Error(r.refusal);
      const meta = await sharp(r.image.bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual([
        format,
        40,
        30,
        undefined,
      ]);
      expect(r.image.bytes.includes(Buffer.from('Phone serial'))).toBe(false);
    },
  );

  it('drops PNG text chunks', async () => {
    const bytes = await sharp(tinyPng())
      .png()
      .withMetadata()
      .keepXmp()
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>Secret place</rdf:Description></rdf:RDF></x:xmpmeta>',
      )
      .toBuffer();
    expect(bytes.includes(Buffer.from('Secret place'))).toBe(true);
    const r = await sharpImageProcessor.prepare(bytes, { svg: false });
    if (!r.ok) throw new Error(r.refusal);
    expect(r.image.bytes.includes(Buffer.from('Secret place'))).toBe(false);
  });

  // libvips does not report these, so the file's own segments decide (image-segments.ts).
  it('drops what libvips does not call metadata: a JPEG comment, a PNG tail, a WebP chunk', async () => {
    const secret = Buffer.from('Secret Street 1');
    const segment = (marker: number, body: Buffer) => {
      const head = Buffer.from([0xff, marker, 0, 0]);
      head.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([head, body]);
    };
    const jpeg = await solid('jpeg');
    const withComment = Buffer.concat([
      jpeg.subarray(0, 2),
      segment(0xfe, secret),
      jpeg.subarray(2),
    ]);
    const pngWithTail = Buffer.concat([await solid('png'), secret]);
    const webp = await solid('webp');
    const chunk = Buffer.alloc(8 + secret.length + (secret.length % 2));
    chunk.write('XMP ', 0, 'latin1');
    chunk.writeUInt32LE(secret.length, 4);
    secret.copy(chunk, 8);
    const webpWithChunk = Buffer.concat([webp, chunk]);
    webpWithChunk.writeUInt32LE(webpWithChunk.length - 8, 4);

    for (const [bytes, format] of [
      [withComment, 'jpeg'],
      [pngWithTail, 'png'],
      [webpWithChunk, 'webp'],
    ] as const) {
      expect(bytes.includes(secret)).toBe(true);
      const r = await sharpImageProcessor.prepare(bytes, { svg: false });
      if (!r.ok) throw new Error(`${format}: ${r.refusal}`);
      expect(r.image.bytes.includes(secret)).toBe(false);
      expect((await sharp(r.image.bytes).metadata()).format).toBe(format);
    }
  });

  it('applies the EXIF orientation before dropping it, so the picture stands upright', async () => {
    const sideways = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#c0ffee' },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await sharpImageProcessor.prepare(sideways, { svg: false });
    if (!r.ok) throw new Error(r.refusal);
    const meta = await sharp(r.image.bytes).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([30, 40, undefined]);
  });
});

describe('the rules for logos, avatars and imported pictures', () => {
  it('refuses an SVG where none is accepted', async () => {
    expect(await sharpImageProcessor.prepare(Buffer.from(TINY_SVG), { svg: false })).toEqual({
      ok: false,
      refusal: 'NOT_AN_IMAGE',
    });
  });

  it('gives a PNG for every image when asked to', async () => {
    const jpeg = await solid('jpeg');
    const r = await sharpImageProcessor.prepare(jpeg, { svg: true, png: true });
    if (!r.ok) throw new Error(r.refusal);
    expect([r.image.contentType, r.image.extension]).toEqual(['image/png', 'png']);
    expect((await sharp(r.image.bytes).metadata()).format).toBe('png');
  });
});
