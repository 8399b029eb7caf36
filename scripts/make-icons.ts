/**
 * Draws the add-in icons (assets/icon-16/32/64/80.png) without any image library: a tiny PNG
 * encoder (zlib from Node) and a vector-free drawing of three bars on a rounded teal square.
 * Run with `npm run icons`; the PNGs are committed so that a build needs nothing else.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA pixels (row-major) → PNG bytes. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of pixel (x, y) by a shape, supersampled 4×4 for smooth edges at 16 px. */
function coverage(inside: (x: number, y: number) => boolean, x: number, y: number): number {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}

export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const s = size;
  const r = s * 0.18; // corner radius
  const square = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, r), s - r);
    const cy = Math.min(Math.max(y, r), s - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  // three rising bars: the programmation by axis
  const bars = [
    [0.2, 0.55],
    [0.42, 0.38],
    [0.64, 0.22],
  ].map(([left, top]) => ({ x0: s * left, x1: s * (left + 0.16), y0: s * top, y1: s * 0.8 }));
  const bar = (x: number, y: number) => bars.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);
  for (let y = 0; y < s; y++)
    for (let x = 0; x < s; x++) {
      const a = coverage(square, x, y);
      const w = coverage(bar, x, y);
      const o = (y * s + x) * 4;
      // teal #0F7B6C mixed with white bars
      px[o] = Math.round(0x0f + (255 - 0x0f) * w);
      px[o + 1] = Math.round(0x7b + (255 - 0x7b) * w);
      px[o + 2] = Math.round(0x6c + (255 - 0x6c) * w);
      px[o + 3] = Math.round(255 * a);
    }
  return px;
}

if (require.main === module) {
  const dir = path.join(__dirname, '..', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 64, 80]) {
    const file = path.join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, drawIcon(size)));
    console.log(`${file} (${size}×${size})`);
  }
}
