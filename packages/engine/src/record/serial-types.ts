// SQLite record serial types: which type code stores a value, how many body bytes it takes, and
// the encode/decode of one value's body. Schema format 4 is assumed (types 8 and 9 store 0 and 1).
//
//   0 NULL | 1..6 big-endian ints of 1,2,3,4,6,8 bytes | 7 float64 | 8 integer 0 | 9 integer 1
//   10,11 reserved (corrupt) | N>=12 even: BLOB of (N-12)/2 bytes | N>=13 odd: TEXT of (N-13)/2 bytes

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { decodeUtf8 } from './utf8.js';

const INT_SIZES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0] as const;

/** Body size in bytes of serial type t. */
export function serialTypeSize(t: number): number {
  if (t < 12) return INT_SIZES[t]!;
  return t < 0x80000000 ? (t - 12) >> 1 : Math.floor((t - 12) / 2);
}

/** The smallest integer serial type holding v (1..6, or 8/9 for 0/1). */
export function integerSerialType(v: bigint): number {
  return integerSerialTypeOfNumber(Number(v));
}

/** integerSerialType of the bigint whose Number() is `n` (callers that need that number anyway). */
export function integerSerialTypeOfNumber(n: number): number {
  // Within +-2^53 the number comparisons are exact and far cheaper than bigint ones; rounding
  // keeps every bigint beyond +-(2^53 - 1) beyond it as a number, so the range test is exact too.
  if (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) return 6;
  if (n === 0) return 8;
  if (n === 1) return 9;
  if (n >= -128 && n <= 127) return 1;
  if (n >= -32768 && n <= 32767) return 2;
  if (n >= -8388608 && n <= 8388607) return 3;
  if (n >= -2147483648 && n <= 2147483647) return 4;
  if (n >= -140737488355328 && n <= 140737488355327) return 5;
  return 6;
}

/**
 * Serial type of a value whose TEXT/BLOB byte length is `byteLength` (ignored for others).
 * REAL is type 7: storing integral reals as integers is an affinity decision the VM makes
 * (OP_MakeRecord for REAL columns), not this layer. A NaN REAL is stored as NULL, as SQLite
 * does: this function is the one place that rule is enforced for everything written to disk.
 */
export function serialTypeOf(value: SqlValue, byteLength: number): number {
  switch (typeof value) {
    case 'bigint':
      return integerSerialType(value);
    case 'number':
      return value !== value ? 0 : 7;
    case 'string':
      return byteLength * 2 + 13;
    default:
      return value === null ? 0 : byteLength * 2 + 12;
  }
}

// A float64's bytes, read through a byte view (cheaper than DataView calls per byte); records
// store them big-endian, so on a little-endian host they are copied in reverse.
const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes the body of an integer/real serial type at offset (types 1..7 only). */
export function putNumericBody(buf: Uint8Array, offset: number, t: number, value: bigint | number): void {
  if (t === 7) {
    float[0] = value as number;
    if (littleEndian) for (let i = 0; i < 8; i++) buf[offset + i] = floatBytes[7 - i]!;
    else for (let i = 0; i < 8; i++) buf[offset + i] = floatBytes[i]!;
    return;
  }
  putIntegerBody(buf, offset, t, value as bigint, Number(value));
}

/** Writes the body of integer serial type t (1..6) of `v`, whose Number() is `n`. */
export function putIntegerBody(buf: Uint8Array, offset: number, t: number, v: bigint, n: number): void {
  const size = INT_SIZES[t]!;
  if (size === 6) {
    // 48-bit two's complement from a safe integer: high 16 bits, then low 32.
    const low = n % 4294967296;
    const high = (n - low) / 4294967296;
    const lowBits = low < 0 ? low + 4294967296 : low;
    const highBits = low < 0 ? high - 1 : high;
    buf[offset] = (highBits >> 8) & 0xff;
    buf[offset + 1] = highBits & 0xff;
    buf[offset + 2] = (lowBits >>> 24) & 0xff;
    buf[offset + 3] = (lowBits >>> 16) & 0xff;
    buf[offset + 4] = (lowBits >>> 8) & 0xff;
    buf[offset + 5] = lowBits & 0xff;
    return;
  }
  if (size <= 4) {
    let bits = n;
    for (let i = size - 1; i >= 0; i--) {
      buf[offset + i] = bits & 0xff;
      bits >>= 8;
    }
    return;
  }
  let u = BigInt.asUintN(64, v);
  for (let i = size - 1; i >= 0; i--) {
    buf[offset + i] = Number(u & 0xffn);
    u >>= 8n;
  }
}

/**
 * One shared bigint per 1- and 2-byte integer value, made on first use: decoding a column is then
 * allocation-free for small integers, which rows held by a sorter or hash would otherwise keep
 * alive by the hundred thousand (bigints are immutable values, so sharing them is invisible).
 */
const smallBigints: (bigint | undefined)[] = new Array(65536).fill(undefined);

function smallBigint(v: number): bigint {
  return (smallBigints[v + 32768] ??= BigInt(v));
}

/** Decodes the value of serial type t whose body starts at offset. Throws SQLITE_CORRUPT for 10/11. */
export function decodeSerialValue(buf: Uint8Array, offset: number, t: number): SqlValue {
  switch (t) {
    case 0:
      return null;
    case 1:
      return smallBigint((buf[offset]! << 24) >> 24);
    case 2:
      return smallBigint(((buf[offset]! << 24) | (buf[offset + 1]! << 16)) >> 16);
    case 3:
      return BigInt(((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8)) >> 8);
    case 4:
      return BigInt(
        (buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!,
      );
    case 5: {
      const high = ((buf[offset]! << 24) >> 16) | buf[offset + 1]!; // signed 16 bits
      const low = ((buf[offset + 2]! << 24) | (buf[offset + 3]! << 16) | (buf[offset + 4]! << 8) | buf[offset + 5]!) >>> 0;
      return BigInt(high * 4294967296 + low);
    }
    case 6: {
      const high = (buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!;
      const low = ((buf[offset + 4]! << 24) | (buf[offset + 5]! << 16) | (buf[offset + 6]! << 8) | buf[offset + 7]!) >>> 0;
      return (BigInt(high) << 32n) | BigInt(low);
    }
    case 7: {
      if (littleEndian) for (let i = 0; i < 8; i++) floatBytes[i] = buf[offset + 7 - i]!;
      else for (let i = 0; i < 8; i++) floatBytes[i] = buf[offset + i]!;
      const r = float[0]!;
      // SQLite reads a stored NaN back as NULL (it never writes one).
      return r !== r ? null : r;
    }
    case 8:
      return 0n;
    case 9:
      return 1n;
    case 10:
    case 11:
      throw corruptError('reserved serial type');
    default: {
      const size = (t - 12) >> 1;
      if (t & 1) return decodeUtf8(buf, offset, offset + size);
      return buf.slice(offset, offset + size);
    }
  }
}
