// Draws the two Teams icons (a speech bubble; "FB" on the colour icon) and writes them as PNGs:
//   node manifests/teams/make-icons.mjs
// color.png: 192x192, full colour. outline.png: 32x32, white on a transparent background.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './lib/png.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ACCENT = [0x3b, 0x5b, 0xdb];
const WHITE = [255, 255, 255];
const SAMPLES = 8;

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - (x1 - x0) / 2 + r;
  const qy = Math.abs(y - (y0 + y1) / 2) - (y1 - y0) / 2 + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const fill = (sdf) => (x, y) => sdf(x, y) <= 0;
const ring = (sdf, width) => (x, y) => { const d = sdf(x, y); return d <= 0 && d >= -width; };
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const triangle = ([ax, ay], [bx, by], [cx, cy]) => (x, y) => {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
};
const union = (...shapes) => (x, y) => shapes.some((inside) => inside(x, y));

/** Fraction of the pixel's area inside the shape, from SAMPLES x SAMPLES points. */
function coverage(inside, px, py) {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      if (inside(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function colorIcon() {
  const size = 192;
  const bubble = union(fill(roundedRect(30, 36, 162, 136, 24)), triangle([52, 126], [90, 126], [42, 166]));
  const letters = union(
    rect(54, 58, 64, 114), rect(54, 58, 90, 68), rect(54, 81, 84, 91),
    rect(100, 58, 110, 114), ring(roundedRect(100, 58, 132, 87, 14), 10), ring(roundedRect(100, 77, 136, 114, 17), 10),
  );
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const white = coverage(bubble, x, y);
      const ink = coverage(letters, x, y);
      for (let c = 0; c < 3; c++) {
        const onBubble = ACCENT[c] * (1 - white) + WHITE[c] * white;
        pixels[(y * size + x) * 3 + c] = Math.round(onBubble * (1 - ink) + ACCENT[c] * ink);
      }
    }
  }
  return encodePng({ width: size, height: size, colorType: 2, pixels });
}

function outlineIcon() {
  const size = 32;
  const shape = union(
    ring(roundedRect(3, 4, 29, 22, 6), 2),
    triangle([8, 20.5], [14, 20.5], [7, 28]),
    rect(9, 10, 23, 12), rect(9, 14, 19, 16),
  );
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      pixels.fill(255, i, i + 3);
      pixels[i + 3] = Math.round(coverage(shape, x, y) * 255);
    }
  }
  return encodePng({ width: size, height: size, colorType: 6, pixels });
}

writeFileSync(join(here, 'color.png'), colorIcon());
writeFileSync(join(here, 'outline.png'), outlineIcon());
console.log(`Wrote ${join(here, 'color.png')} and ${join(here, 'outline.png')}`);
