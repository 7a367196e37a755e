import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32.mjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, tail]);
}

/** Encodes 8-bit RGB (colorType 2) or RGBA (colorType 6) pixels, rows top to bottom, no padding. */
export function encodePng({ width, height, colorType, pixels }) {
  const channels = CHANNELS[colorType];
  if (colorType !== 2 && colorType !== 6) throw new Error(`colour type ${colorType} is not supported by the encoder`);
  const stride = width * channels;
  if (pixels.length !== stride * height) throw new Error('pixel buffer does not match the size');

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;

  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);

  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Reads a PNG: header facts always; RGBA pixels when the image is 8-bit and not interlaced
 * (every icon a tool exports for Teams), otherwise pixels is null.
 */
export function readPng(buffer) {
  if (buffer.length < 33 || !buffer.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');

  let offset = 8;
  let header = null;
  let palette = null;
  let transparency = null;
  const idat = [];
  while (offset + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > buffer.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (crc32(buffer.subarray(offset + 4, offset + 8), data) !== buffer.readUInt32BE(offset + 8 + length)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    if (type === 'IHDR') {
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8],
        colorType: data[9],
        interlaced: data[12] !== 0,
      };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset = end;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  if (!(header.colorType in CHANNELS)) throw new Error(`PNG colour type ${header.colorType} is invalid`);

  const info = {
    ...header,
    hasAlpha: header.colorType === 4 || header.colorType === 6 || transparency !== null,
    pixels: null,
  };
  if (header.bitDepth !== 8 || header.interlaced) return info;

  const channels = CHANNELS[header.colorType];
  const stride = header.width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * header.height) throw new Error('PNG image data is shorter than its size');

  const rows = Buffer.alloc(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`PNG row ${y} has unknown filter ${filter}`);
      rows[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }

  const pixels = Buffer.alloc(header.width * header.height * 4);
  for (let i = 0; i < header.width * header.height; i++) {
    const s = i * channels;
    let r, g, b, a = 255;
    switch (header.colorType) {
      case 0:
        r = g = b = rows[s];
        if (transparency?.length >= 2 && transparency.readUInt16BE(0) === rows[s]) a = 0;
        break;
      case 2:
        [r, g, b] = [rows[s], rows[s + 1], rows[s + 2]];
        if (transparency?.length >= 6 && transparency.readUInt16BE(0) === r
          && transparency.readUInt16BE(2) === g && transparency.readUInt16BE(4) === b) a = 0;
        break;
      case 3: {
        const index = rows[s];
        if (!palette || index * 3 + 2 >= palette.length) throw new Error('PNG palette index out of range');
        [r, g, b] = [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]];
        if (transparency && index < transparency.length) a = transparency[index];
        break;
      }
      case 4:
        r = g = b = rows[s];
        a = rows[s + 1];
        break;
      default:
        [r, g, b, a] = [rows[s], rows[s + 1], rows[s + 2], rows[s + 3]];
    }
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = a;
  }
  info.pixels = pixels;
  return info;
}
