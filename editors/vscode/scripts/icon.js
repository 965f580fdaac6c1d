// Draws icon.png (128x128): a white cache cylinder, in bands, on the red of AWS's database
// icons. No dependencies: pixels are computed here (4x4 samples each, for
// smooth edges) and written as a PNG with Node's zlib. `npm run icon` rewrites the same file.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SAMPLES = 4;
const RED = [0xc7, 0x13, 0x1f];
const WHITE = [0xff, 0xff, 0xff];

function inRoundedSquare(x, y) {
  const r = 24;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// The cylinder: an ellipse on top, straight sides, an elliptic bottom; two rims in red.
const CX = 64;
const RX = 34;
const RY = 11;
const TOP = 30;
const BOTTOM = 94;

function inEllipse(x, y, cy) {
  return ((x - CX) / RX) ** 2 + ((y - cy) / RY) ** 2 <= 1;
}

function colour(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  const inBody = Math.abs(x - CX) <= RX && y >= TOP && y <= BOTTOM;
  const cylinder = inBody || inEllipse(x, y, TOP) || inEllipse(x, y, BOTTOM);
  if (!cylinder) return RED;
  // The top face's rim and two bands round the body, each a thin ellipse arc in red.
  for (const cy of [TOP, 52, 73]) {
    const d = ((x - CX) / RX) ** 2 + ((y - cy) / RY) ** 2;
    const below = cy === TOP ? true : y >= cy;
    if (below && Math.abs(d - 1) < 0.12) return RED;
  }
  return WHITE;
}

function pixels() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let px = 0; px < SIZE; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colour(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const at = 1 + px * 4;
      if (a > 0) {
        row[at] = Math.round(r / a);
        row[at + 1] = Math.round(g / a);
        row[at + 2] = Math.round(b / a);
      }
      row[at + 3] = Math.round((a * 255) / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, '..', 'icon.png'), png);
