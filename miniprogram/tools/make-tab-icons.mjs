// Draws the two tabBar icons (tabBar icons must be PNG/JPG, ≤ 40 KB, 81×81 px recommended) into
// src/images/tab/. Run once by hand when the icons change: `node tools/make-tab-icons.mjs`.
// A tiny rasteriser (4×4 supersampling) + PNG encoder, so no image tool is needed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'images', 'tab');
const SIZE = 81;
const SS = 4;

const inPolygon = (pts, x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inRoundRect = (x0, y0, x1, y1, r, x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (cx, cy, r, x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const shapes = {
  home: (x, y) =>
    (inPolygon(
      [
        [0.5, 0.1],
        [0.92, 0.47],
        [0.08, 0.47],
      ],
      x,
      y,
    ) ||
      inRoundRect(0.2, 0.4, 0.8, 0.88, 0.06, x, y)) &&
    !inRoundRect(0.41, 0.6, 0.59, 0.9, 0.04, x, y),
  mine: (x, y) => inCircle(0.5, 0.3, 0.18, x, y) || (y <= 0.88 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.9) / 0.38) ** 2 <= 1),
};

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0;
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
const GREY = [0x8a, 0x8f, 0x99];
const BRAND = [0x6d, 0x4b, 0xd8]; // #6d4bd8, the brand violet shared with the web apps
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(join(OUT, `${name}.png`), png(shape, GREY));
  writeFileSync(join(OUT, `${name}-active.png`), png(shape, BRAND));
}
console.log(`tab icons written to ${OUT}`);
