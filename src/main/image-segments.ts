import type { RasterImageType } from '../core/images.ts';

/**
 * Whether an image file holds nothing but what drawing it needs. An upload that passes is
 * published byte for byte; anything else is drawn again without its extras.
 *
 * This reads the file's own structure rather than asking libvips what metadata it found:
 * libvips reports EXIF, XMP and IPTC but not, for example, a JPEG comment segment, and a
 * photo's comment can hold a name or an address as well as its EXIF can. So the rule is an
 * allow-list: segments known to carry only pixels and how to show them pass; comments, EXIF,
 * XMP, colour profiles, thumbnails, unknown segments and bytes after the image's end do not.
 */
export function holdsOnlyPixels(bytes: Buffer, type: RasterImageType): boolean {
  switch (type) {
    case 'image/png':
      return pngHoldsOnlyPixels(bytes);
    case 'image/jpeg':
      return jpegHoldsOnlyPixels(bytes);
    case 'image/webp':
      return webpHoldsOnlyPixels(bytes);
  }
}

/** Critical chunks and the ancillary ones that only say how to show the pixels. */
const PNG_DRAWING_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'pHYs',
]);

function pngHoldsOnlyPixels(bytes: Buffer): boolean {
  let at = 8; // the signature
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!PNG_DRAWING_CHUNKS.has(type)) return false;
    at += 12 + length; // length, type, data, CRC
    if (type === 'IEND') return at === bytes.length;
  }
  return false;
}

/**
 * JPEG markers that carry no metadata: SOF/DHT/DAC/JPG (C0–CF), DQT, DRI, DNL, SOS. APP0 is
 * allowed only at the 16 bytes of a JFIF header without a thumbnail.
 */
function jpegMarkerDrawsOnly(marker: number, length: number): boolean {
  if (marker >= 0xc0 && marker <= 0xcf) return true;
  if (marker === 0xdb || marker === 0xdd || marker === 0xdc || marker === 0xda) return true;
  return marker === 0xe0 && length === 16;
}

function jpegHoldsOnlyPixels(bytes: Buffer): boolean {
  let at = 2; // SOI
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) return at + 2 === bytes.length; // EOI, and nothing after it
    const length = bytes.readUInt16BE(at + 2);
    if (!jpegMarkerDrawsOnly(marker, length)) return false;
    at += 2 + length;
    if (marker === 0xda) at = afterEntropyCodedData(bytes, at);
  }
  return false;
}

/** Skips a scan's data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker there. */
function afterEntropyCodedData(bytes: Buffer, from: number): number {
  let at = from;
  while (at + 1 < bytes.length) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1]!;
      if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return at;
      at += 2;
    } else {
      at += 1;
    }
  }
  return bytes.length;
}

/** RIFF chunks of a still or animated WebP image; EXIF, XMP and ICCP are metadata. */
const WEBP_DRAWING_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);

function webpHoldsOnlyPixels(bytes: Buffer): boolean {
  if (bytes.length < 12 || bytes.readUInt32LE(4) + 8 !== bytes.length) return false;
  let at = 12; // 'RIFF', size, 'WEBP'
  while (at + 8 <= bytes.length) {
    const type = bytes.toString('latin1', at, at + 4);
    if (!WEBP_DRAWING_CHUNKS.has(type)) return false;
    const size = bytes.readUInt32LE(at + 4);
    at += 8 + size + (size % 2); // chunks are padded to an even size
  }
  return at === bytes.length;
}
