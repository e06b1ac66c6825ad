#!/usr/bin/env node
// Draws assets/icon.png (512x512): a reliability diagram in miniature, the
// diagonal and points in the outcome colours. Plain zlib PNG encoding, so it
// regenerates anywhere: node scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const size = 512;
const px = new Uint8Array(size * size * 4);
function blend(x, y, [r, g, b], a = 1) {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  const i = (y * size + x) * 4;
  px[i] = Math.round(px[i] * (1 - a) + r * a);
  px[i + 1] = Math.round(px[i + 1] * (1 - a) + g * a);
  px[i + 2] = Math.round(px[i + 2] * (1 - a) + b * a);
  px[i + 3] = Math.max(px[i + 3], Math.round(255 * a));
}
const radius = 96;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = Math.max(radius - x, 0, x - (size - 1 - radius));
    const dy = Math.max(radius - y, 0, y - (size - 1 - radius));
    const d = Math.hypot(dx, dy);
    if (d <= radius) blend(x, y, [28, 32, 40], Math.min(1, radius + 0.5 - d));
  }
}
const plot = (u) => Math.round(96 + u * 320);
// dashed diagonal
for (let t = 0; t <= 1; t += 0.0005) {
  if (Math.floor(t * 24) % 2 === 0) {
    for (let w = -3; w <= 3; w++) blend(plot(t) + w, plot(1 - t), [180, 186, 196], 0.9);
  }
}
function disc(cx, cy, r, colour) {
  for (let y = cy - r - 1; y <= cy + r + 1; y++) {
    for (let x = cx - r - 1; x <= cx + r + 1; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= r + 0.5) blend(x, y, colour, Math.min(1, r + 0.5 - d));
    }
  }
}
const points = [[0.12, 0.05], [0.3, 0.2], [0.5, 0.38], [0.7, 0.55], [0.88, 0.74]];
const colours = [[86, 180, 233], [213, 94, 0], [213, 94, 0], [0, 158, 115], [0, 158, 115]];
points.forEach(([u, v], i) => disc(plot(u), plot(1 - v), 26, colours[i]));

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8;
header[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
