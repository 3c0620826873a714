// SQLite varints: 1-9 bytes, big-endian groups of 7 bits with the high bit meaning "more
// follows"; the 9th byte, when reached, contributes all 8 bits. Values are 64-bit two's complement.
//
// Two flavours: `number` (fast path for header sizes, serial types, cell sizes and rowids in the
// safe-integer range) and `bigint` (the full 64-bit range, for rowids of any magnitude).

/** Result slot of the number decoders, reused to avoid allocating: value and byte length. */
export interface VarintOut {
  value: number;
  length: number;
}

/**
 * Reads a varint as a number. Exact when the value is in [0, 2^53); larger or negative values are
 * approximated, so use getVarintBig where a 64-bit value (rowid) may be outside that range.
 */
export function getVarint(buf: Uint8Array, offset: number, out: VarintOut): void {
  let b = buf[offset]!;
  if (b < 0x80) {
    out.value = b;
    out.length = 1;
    return;
  }
  let value = b & 0x7f;
  for (let i = 1; i < 8; i++) {
    b = buf[offset + i]!;
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) {
      out.value = value;
      out.length = i + 1;
      return;
    }
  }
  b = buf[offset + 8]!;
  out.value = value * 256 + b;
  out.length = 9;
}

/** Reads a varint that must fit 32 bits (header size, serial type): the common 1-2 byte case inline. */
export function getVarint32(buf: Uint8Array, offset: number, out: VarintOut): void {
  const b0 = buf[offset]!;
  if (b0 < 0x80) {
    out.value = b0;
    out.length = 1;
    return;
  }
  const b1 = buf[offset + 1]!;
  if (b1 < 0x80) {
    out.value = ((b0 & 0x7f) << 7) | b1;
    out.length = 2;
    return;
  }
  getVarint(buf, offset, out);
}

/** Reads a full 64-bit signed varint. Returns [value, length]. */
export function getVarintBig(buf: Uint8Array, offset: number): [bigint, number] {
  let b = buf[offset]!;
  if (b < 0x80) return [BigInt(b), 1];
  // Accumulate in a number while it is exact (up to 7 groups = 49 bits), then switch to bigint.
  let value = b & 0x7f;
  for (let i = 1; i < 7; i++) {
    b = buf[offset + i]!;
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return [BigInt(value), i + 1];
  }
  let big = BigInt(value);
  b = buf[offset + 7]!;
  big = (big << 7n) | BigInt(b & 0x7f);
  if (b < 0x80) return [big, 8];
  b = buf[offset + 8]!;
  big = (big << 8n) | BigInt(b);
  return [BigInt.asIntN(64, big), 9];
}

/** Bytes needed to encode a non-negative safe integer. */
export function varintLength(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  if (value < 0 || value > Number.MAX_SAFE_INTEGER) return varintLengthBig(BigInt(value));
  let length = 4;
  let v = Math.floor(value / 0x10000000);
  while (v > 0 && length < 9) {
    length++;
    v = Math.floor(v / 128);
  }
  return length;
}

/** Bytes needed to encode any 64-bit value (negative values always take 9). */
export function varintLengthBig(value: bigint): number {
  let v = BigInt.asUintN(64, value);
  if (v >> 56n !== 0n) return 9;
  let length = 1;
  while ((v >>= 7n) !== 0n) length++;
  return length;
}

/** Writes a non-negative safe integer as a varint; returns the bytes written. */
export function putVarint(buf: Uint8Array, offset: number, value: number): number {
  if (value < 0x80 && value >= 0) {
    buf[offset] = value;
    return 1;
  }
  if (value < 0x4000 && value >= 0) {
    buf[offset] = 0x80 | (value >> 7);
    buf[offset + 1] = value & 0x7f;
    return 2;
  }
  if (value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
    // At most 8 bytes below 2^56: 7-bit groups, most significant first, no bigint needed.
    const length = varintLength(value);
    let v = value;
    buf[offset + length - 1] = v % 128;
    for (let i = length - 2; i >= 0; i--) {
      v = Math.floor(v / 128);
      buf[offset + i] = (v % 128) | 0x80;
    }
    return length;
  }
  return putVarintBig(buf, offset, BigInt(value));
}

/** Writes any 64-bit value as a varint; returns the bytes written. */
export function putVarintBig(buf: Uint8Array, offset: number, value: bigint): number {
  let v = BigInt.asUintN(64, value);
  if (v >> 56n !== 0n) {
    // 9-byte form: the last byte holds the low 8 bits, the first 8 bytes 7 bits each.
    buf[offset + 8] = Number(v & 0xffn);
    v >>= 8n;
    for (let i = 7; i >= 0; i--) {
      buf[offset + i] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    return 9;
  }
  const length = varintLengthBig(v);
  for (let i = length - 1; i >= 0; i--) {
    buf[offset + i] = Number(v & 0x7fn) | (i === length - 1 ? 0 : 0x80);
    v >>= 7n;
  }
  return length;
}
