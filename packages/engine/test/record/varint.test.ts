// SQLite varints: exact bytes for known values, round trips at every length boundary, and the
// number fast path agreeing with the bigint path.

import { describe, expect, it } from 'vitest';
import { getVarint, getVarint32, getVarintBig, putVarint, putVarintBig, varintLength, varintLengthBig } from '../../src/record/varint.js';

const boundaries: bigint[] = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n)];
for (let bits = 7n; bits <= 63n; bits += 7n) boundaries.push(2n ** bits - 1n, 2n ** bits, -(2n ** bits));
boundaries.push(2n ** 56n - 1n, 2n ** 56n, 2n ** 53n - 1n, 240n, 2287n, 67823n);
const inRange = boundaries.filter((v) => v === BigInt.asIntN(64, v));

describe('varint', () => {
  it('encodes known values to the bytes SQLite uses', () => {
    const bytes = (v: bigint): number[] => {
      const buf = new Uint8Array(9);
      return [...buf.subarray(0, putVarintBig(buf, 0, v))];
    };
    expect(bytes(0n)).toEqual([0]);
    expect(bytes(127n)).toEqual([0x7f]);
    expect(bytes(128n)).toEqual([0x81, 0x00]);
    expect(bytes(240n)).toEqual([0x81, 0x70]);
    expect(bytes(16384n)).toEqual([0x81, 0x80, 0x00]);
    expect(bytes(-1n)).toEqual(new Array(9).fill(0xff));
    expect(bytes(2n ** 56n)).toEqual([0x80, 0xc0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
  });

  it('round-trips 64-bit values at every length boundary', () => {
    const buf = new Uint8Array(9);
    for (const v of inRange) {
      const length = putVarintBig(buf, 0, v);
      expect(length, String(v)).toBe(varintLengthBig(v));
      expect(getVarintBig(buf, 0), String(v)).toEqual([v, length]);
    }
  });

  it('number variants agree with the bigint ones in the safe range', () => {
    const a = new Uint8Array(9);
    const b = new Uint8Array(9);
    const out = { value: 0, length: 0 };
    for (const big of boundaries) {
      if (big < 0n || big > BigInt(Number.MAX_SAFE_INTEGER)) continue;
      const v = Number(big);
      const length = putVarint(a, 0, v);
      putVarintBig(b, 0, big);
      expect(a).toEqual(b);
      expect(varintLength(v)).toBe(length);
      getVarint(a, 0, out);
      expect(out).toEqual({ value: v, length });
      if (v < 2 ** 31) {
        getVarint32(a, 0, out);
        expect(out).toEqual({ value: v, length });
      }
    }
  });
});
