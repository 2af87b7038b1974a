import { crc32, inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  pixels: Buffer;
}

interface PngChunks {
  width: number;
  height: number;
  /** The concatenated IDAT data (zlib stream). */
  data: Buffer;
}

/** Walks a PNG's chunks, checking the signature, every chunk's CRC and the IHDR (8-bit RGBA, not interlaced). */
function readChunks(png: Buffer): PngChunks {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  let at = 8;
  let header: { width: number; height: number } | undefined;
  const data: Buffer[] = [];
  for (;;) {
    if (at + 12 > png.length) throw new Error('truncated PNG');
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) throw new Error(`bad CRC in ${type} chunk`);
    at += 12 + length;
    if (type === 'IHDR') {
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || colour !== 6 || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4) };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG without IHDR');
  return { ...header, data: Buffer.concat(data) };
}

/** Size of a PNG after checking its structure (signature, chunk CRCs, header), without decompressing it. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const { width, height } = readChunks(png);
  return { width, height };
}

/**
 * A minimal PNG decoder for what resvg writes: 8-bit RGBA, not interlaced.
 * Checks the signature and every chunk's CRC; throws on anything else.
 */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height, data } = readChunks(png);
  const raw = inflateSync(data);
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG data has the wrong length');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const out = y * stride;
    const up = out - stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= 4 ? pixels[out + i - 4]! : 0;
      const b = y > 0 ? pixels[up + i]! : 0;
      switch (filter) {
        case 0:
          pixels[out + i] = x;
          break;
        case 1:
          pixels[out + i] = x + a;
          break;
        case 2:
          pixels[out + i] = x + b;
          break;
        case 3:
          pixels[out + i] = x + ((a + b) >> 1);
          break;
        case 4: {
          const c = i >= 4 && y > 0 ? pixels[up + i - 4]! : 0;
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          pixels[out + i] = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`bad filter type ${filter}`);
      }
    }
  }
  return { width, height, pixels };
}

/** Pixels whose largest channel difference exceeds `threshold`. */
export function countDifferentPixels(a: DecodedPng, b: DecodedPng, threshold: number): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    for (let ch = 0; ch < 4; ch++) {
      if (Math.abs(a.pixels[i + ch]! - b.pixels[i + ch]!) > threshold) {
        count++;
        break;
      }
    }
  }
  return count;
}
