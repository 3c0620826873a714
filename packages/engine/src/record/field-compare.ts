// One stored record field (serial type + body bytes) against one unpacked value, without
// decoding the field when the answer is in the bytes: integers and reals compare as numbers,
// BINARY text compares UTF-8 bytes against the string's units while both are ASCII. Anything
// else decodes the field and asks values/compare.ts, so the ordering rule still lives there.
// Result: <0, 0 or >0 as compareValues(field, value, collation) would return (sign only).

import type { SqlValue } from '../common/values.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { compareIntegerReal, compareValues } from '../values/compare.js';
import { decodeSerialValue } from './serial-types.js';

const scratch = new DataView(new ArrayBuffer(8));

/** A stored REAL; NaN means the field reads as NULL (SQLite never stores NaN). */
function readReal(buf: Uint8Array, off: number): number {
  for (let i = 0; i < 8; i++) scratch.setUint8(i, buf[off + i]!);
  return scratch.getFloat64(0);
}

/**
 * Integer serial types 1..5, 8, 9 as an exact number; type 6 as a number when it is a safe
 * integer, else NaN (the caller then decodes the bigint).
 */
function readInteger(buf: Uint8Array, off: number, t: number): number {
  switch (t) {
    case 1:
      return (buf[off]! << 24) >> 24;
    case 2:
      return ((buf[off]! << 24) | (buf[off + 1]! << 16)) >> 16;
    case 3:
      return ((buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8)) >> 8;
    case 4:
      return (buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!;
    case 5: {
      const high = ((buf[off]! << 24) >> 16) | buf[off + 1]!;
      const low = ((buf[off + 2]! << 24) | (buf[off + 3]! << 16) | (buf[off + 4]! << 8) | buf[off + 5]!) >>> 0;
      return high * 4294967296 + low;
    }
    case 6: {
      const high = (buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!;
      if (high < -2097152 || high >= 2097152) return NaN; // beyond +-2^53
      const low = ((buf[off + 4]! << 24) | (buf[off + 5]! << 16) | (buf[off + 6]! << 8) | buf[off + 7]!) >>> 0;
      return high * 4294967296 + low;
    }
    case 8:
      return 0;
    default:
      return 1; // 9
  }
}

/** Decodes the field and compares it the slow, always-right way. */
function compareDecoded(buf: Uint8Array, off: number, t: number, value: SqlValue, collation: Collation | undefined): number {
  return compareValues(decodeSerialValue(buf, off, t), value, collation);
}

/**
 * BINARY order of UTF-8 bytes buf[off, off+len) against string s: byte = unit while both are
 * ASCII; at the first non-ASCII byte or unit the rest is decoded and compared by code point.
 */
function compareTextBinary(buf: Uint8Array, off: number, len: number, s: string, t: number): number {
  const n = len < s.length ? len : s.length;
  for (let i = 0; i < n; i++) {
    const b = buf[off + i]!;
    const c = s.charCodeAt(i);
    if (b >= 0x80 || c >= 0x80) return compareDecoded(buf, off, t, s, binaryCollation);
    if (b !== c) return b - c;
  }
  // All compared bytes were ASCII: a longer tail on either side (any bytes) orders after.
  return len - s.length;
}

/** Compares stored field (serial type t at buf[off]) with `value` under `collation`. */
export function compareFieldToValue(buf: Uint8Array, off: number, t: number, value: SqlValue, collation: Collation | undefined): number {
  switch (typeof value) {
    case 'bigint': {
      if (t === 0) return -1;
      if (t === 7) {
        const r = readReal(buf, off);
        return r !== r ? -1 : -compareIntegerReal(value, r);
      }
      if (t >= 12) return 1;
      if (t > 9) return compareDecoded(buf, off, t, value, collation); // reserved: throws corrupt
      const n = readInteger(buf, off, t);
      if (n !== n) return compareDecoded(buf, off, t, value, collation);
      // Mixed number/bigint relational operators compare exact mathematical values.
      return n < value ? -1 : n > value ? 1 : 0;
    }
    case 'number': {
      if (value !== value) return compareDecoded(buf, off, t, value, collation);
      if (t === 0) return -1;
      if (t === 7) {
        const r = readReal(buf, off);
        if (r !== r) return -1;
        return r < value ? -1 : r > value ? 1 : 0;
      }
      if (t >= 12) return 1;
      if (t > 9) return compareDecoded(buf, off, t, value, collation);
      const n = readInteger(buf, off, t);
      if (n !== n) return compareDecoded(buf, off, t, value, collation);
      return n < value ? -1 : n > value ? 1 : 0;
    }
    case 'string': {
      if (t < 12) {
        if (t === 10 || t === 11) return compareDecoded(buf, off, t, value, collation);
        return -1; // NULL and numbers order before TEXT
      }
      if ((t & 1) === 0) return 1; // BLOB orders after TEXT
      if (collation === undefined || collation === binaryCollation) return compareTextBinary(buf, off, (t - 13) >> 1, value, t);
      return compareDecoded(buf, off, t, value, collation);
    }
    default: {
      if (value === null) {
        if (t === 0) return 0;
        if (t === 7) {
          const r = readReal(buf, off);
          return r !== r ? 0 : 1;
        }
        if (t === 10 || t === 11) return compareDecoded(buf, off, t, value, collation);
        return 1;
      }
      // BLOB key: every other class orders before it.
      if (t < 12 || (t & 1) === 1) {
        if (t === 10 || t === 11) return compareDecoded(buf, off, t, value, collation);
        return -1;
      }
      const len = (t - 12) >> 1;
      const n = len < value.length ? len : value.length;
      for (let i = 0; i < n; i++) {
        const d = buf[off + i]! - value[i]!;
        if (d !== 0) return d;
      }
      return len - value.length;
    }
  }
}
