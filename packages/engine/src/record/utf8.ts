// UTF-8 text <-> bytes for records. Short ASCII strings (the common case for keys and names) take
// a loop without allocating an encoder result; everything else goes through TextEncoder/Decoder.

const encoder = new TextEncoder();
// fatal: false: invalid UTF-8 in a damaged or foreign file decodes with U+FFFD, as SQLite would
// hand back the raw bytes; it never throws.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const SHORT_ASCII_LIMIT = 64;
const SHORT_DECODE_LIMIT = 16;

/** Decodes bytes [start, end) of buf as UTF-8. */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  // Short ASCII strings: a plain loop beats TextDecoder's fixed call cost; longer ones do not.
  if (end - start <= SHORT_DECODE_LIMIT) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return decoder.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(buf.subarray(start, end));
}

/** true when every UTF-16 unit of s is ASCII (then its UTF-8 length is s.length). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Encodes s as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does). */
export function encodeUtf8(s: string): Uint8Array {
  if (s.length <= SHORT_ASCII_LIMIT && isAscii(s)) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return encoder.encode(s);
}
