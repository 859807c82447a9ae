// A small RGBA raster encoded as PNG (zlib deflate, no filter), for plots with one coloured cell per grid
// point: the phase diagram embeds one image instead of n^2 SVG rectangles (200 x 200: 9 MB -> tens of kB).
import { crc32, deflateSync } from 'node:zlib';

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row 0 at the top */
  rgba: Uint8Array;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, rgba: new Uint8Array(width * height * 4) };
}

export function setPixel(r: Raster, x: number, y: number, rgb: readonly [number, number, number], alpha = 255): void {
  const k = (y * r.width + x) * 4;
  r.rgba[k] = rgb[0];
  r.rgba[k + 1] = rgb[1];
  r.rgba[k + 2] = rgb[2];
  r.rgba[k + 3] = alpha;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG bytes of the raster (8-bit RGBA). */
export function encodePng(r: Raster): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(r.width, 0);
  ihdr.writeUInt32BE(r.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc((r.width * 4 + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    rows[y * (r.width * 4 + 1)] = 0; // filter: none
    Buffer.from(r.rgba.buffer, r.rgba.byteOffset + y * r.width * 4, r.width * 4).copy(rows, y * (r.width * 4 + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

/** `data:image/png;base64,...` */
export function pngDataUri(r: Raster): string {
  return `data:image/png;base64,${encodePng(r).toString('base64')}`;
}

/** 'rgb(68, 1, 84)' or '#44015e' -> [68, 1, 84]. */
export function parseColor(c: string): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (h) return [parseInt(h[1], 16), parseInt(h[2], 16), parseInt(h[3], 16)];
  throw new Error(`parseColor: '${c}' is not rgb(...) or #rrggbb`);
}
