// PNG text chunks (iTXt, UTF-8): the exported picture carries its title,
// date and query as metadata as well as drawn on it.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Latin-1 bytes (a chunk keyword's encoding); other characters become "?". */
function latin1(s: string): number[] {
  return Array.from(s, (ch) => (ch.codePointAt(0)! <= 255 ? ch.codePointAt(0)! : 63));
}

function chunk(type: string, data: number[]): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Inserts iTXt chunks (keyword → UTF-8 text) before the image's IEND chunk. */
export function addPngText(png: Uint8Array, text: Record<string, string>): Uint8Array<ArrayBuffer> {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error("not a PNG");
  const iend = png.length - 12;
  const utf8 = new TextEncoder();
  // keyword, NUL, no compression (0, 0), empty language tag and translated keyword (NUL, NUL), text
  const chunks = Object.entries(text).map(([k, v]) => chunk("iTXt", [...latin1(k.slice(0, 79)), 0, 0, 0, 0, 0, ...utf8.encode(v)]));
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, iend), 0);
  let o = iend;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  out.set(png.subarray(iend), o);
  return out;
}

/** The text chunks (tEXt, uncompressed iTXt) of a PNG; throws on a chunk whose CRC is wrong. */
export function readPngText(png: Uint8Array): Record<string, string> {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let o = 8; o + 12 <= png.length; ) {
    const len = dv.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    if (crc32(png.subarray(o + 4, o + 8 + len)) !== dv.getUint32(o + 8 + len)) throw new Error(`bad CRC in ${type} chunk`);
    const z = data.indexOf(0);
    const key = String.fromCharCode(...data.subarray(0, z));
    if (type === "tEXt") out[key] = Array.from(data.subarray(z + 1), (b) => String.fromCharCode(b)).join("");
    if (type === "iTXt" && data[z + 1] === 0) {
      const lang = data.indexOf(0, z + 3);
      const translated = data.indexOf(0, lang + 1);
      out[key] = new TextDecoder().decode(data.subarray(translated + 1));
    }
    if (type === "IEND") break;
    o += 12 + len;
  }
  return out;
}
