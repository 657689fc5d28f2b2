#!/usr/bin/env node
/**
 * Writes the add-in's icons (assets/icon-<size>.png) with nothing but Node's built-in zlib.
 *
 *   node scripts/make-icons.js
 *
 * The PNGs are committed; run this only to change the design. The pixels are deterministic, and
 * with the same Node (hence the same zlib) a re-run writes byte-identical files.
 *
 * Design, on a 16-unit grid so every size that is a multiple of 16 stays crisp: a blue rounded
 * square (Fluent brand blue) with three white rising bars, i.e. "scores". Edges are anti-aliased
 * by 4×4 supersampling (only the rounded corners actually need it).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(__dirname, '..', 'assets');

const BACKGROUND = [0x0f, 0x6c, 0xbd]; // #0F6CBD
const FOREGROUND = [0xff, 0xff, 0xff];
const GRID = 16;
const CORNER_RADIUS = 3; // grid units
/** Bars as [x0, x1, yTop, yBottom] in grid units (y grows downwards). */
const BARS = [
  [3, 5, 9, 12],
  [7, 9, 7, 12],
  [11, 13, 4, 12],
];
const SUBSAMPLES = 4;

function insideRoundedSquare(x, y) {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(x, r), GRID - r);
  const cy = Math.min(Math.max(y, r), GRID - r);
  const dx = x - cx;
  const dy = y - cy;
  return x >= 0 && x <= GRID && y >= 0 && y <= GRID && dx * dx + dy * dy <= r * r;
}

function insideBar(x, y) {
  return BARS.some(([x0, x1, y0, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1);
}

/** RGBA pixels, row-major, straight (not premultiplied) alpha. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const unit = GRID / size;
  const n = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let bar = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) * unit;
          const y = (py + (sy + 0.5) / SUBSAMPLES) * unit;
          if (!insideRoundedSquare(x, y)) continue;
          covered++;
          if (insideBar(x, y)) bar++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered === 0) continue; // transparent black
      const t = bar / covered;
      for (let c = 0; c < 3; c++) {
        pixels[o + c] = Math.round(BACKGROUND[c] * (1 - t) + FOREGROUND[c] * t);
      }
      pixels[o + 3] = Math.round((255 * covered) / n);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); // width
  ihdr.writeUInt32BE(size, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    const png = encodePng(size, render(size));
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${size}×${size}  ${png.length} bytes`);
  }
}

if (require.main === module) main();

module.exports = { SIZES, render, encodePng, crc32 };
