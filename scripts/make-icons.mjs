#!/usr/bin/env node
// Draws Spanmark's app icons (icons/icon.svg and the PNGs the manifest declares) from one simple
// geometry: three "text lines" on the accent colour, part of the middle one highlighted like a span.
// Uses only node's zlib, so it runs anywhere node does. Run it after changing the design:
//   node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../icons/', import.meta.url));
const BG = [0x2f, 0x5f, 0xd0];
const INK = [0xff, 0xff, 0xff];
const MARK = [0xe0, 0xa0, 0x00];

// Geometry on a 0..1 square: [x, y, w, h, colour]. Everything sits inside the maskable safe zone
// (the central 80 %), so the same drawing serves "any" and "maskable".
const SHAPES = [
  [0.25, 0.30, 0.50, 0.08, INK],
  [0.25, 0.46, 0.16, 0.08, INK],
  [0.43, 0.43, 0.32, 0.14, MARK],
  [0.25, 0.62, 0.38, 0.08, INK],
];
const RADIUS = 0.18; // corner radius of the rounded square ("any" icons)

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function pixel(x, y, fullBleed) {
  if (!fullBleed && !inRoundedSquare(x, y, RADIUS)) return [0, 0, 0, 0];
  for (let i = SHAPES.length - 1; i >= 0; i--) {
    const [sx, sy, w, h, c] = SHAPES[i];
    if (x >= sx && x < sx + w && y >= sy && y < sy + h) return [...c, 255];
  }
  return [...BG, 255];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG of `size`², 4×4 supersampled so the rounded corners are smooth. */
function png(size, fullBleed) {
  const SS = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const p = pixel((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, fullBleed);
          for (let i = 0; i < 3; i++) acc[i] += p[i] * p[3];
          acc[3] += p[3];
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3] / (SS * SS);
      for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      raw[o + 3] = Math.round(a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  const n = (v) => +(v * 512).toFixed(2);
  const rects = SHAPES.map(([x, y, w, h, c]) =>
    `  <rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${hex(c)}"/>`);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
    `  <rect width="512" height="512" rx="${n(RADIUS)}" fill="${hex(BG)}"/>`,
    ...rects,
    '</svg>',
    '',
  ].join('\n');
}

mkdirSync(OUT, { recursive: true });
writeFileSync(OUT + 'icon.svg', svg());
writeFileSync(OUT + 'icon-192.png', png(192, false));
writeFileSync(OUT + 'icon-512.png', png(512, false));
writeFileSync(OUT + 'icon-maskable-512.png', png(512, true));
console.log('wrote icons/icon.svg, icon-192.png, icon-512.png, icon-maskable-512.png');
