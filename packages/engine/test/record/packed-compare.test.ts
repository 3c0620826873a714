// Packed-record comparison read straight from the bytes (numeric and ASCII fast paths) must order
// exactly as values/compare.ts does on the decoded values, for every storage class, boundary
// integers, reals next to integers, non-ASCII and surrogate text, every built-in collation, DESC,
// prefix keys, and records embedded at an offset in a larger buffer (as on a b-tree page).

import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { compareRecordBytesToKey, compareRecords, compareRecordToKey, type KeyOrder } from '../../src/record/compare.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { binaryCollation, nocaseCollation, rtrimCollation, type Collation } from '../../src/values/collation.js';
import { compareValues } from '../../src/values/compare.js';
import { rng } from '../btree/helpers.js';

const pool: SqlValue[] = [
  null,
  0n, 1n, -1n, 127n, -128n, 128n, 32767n, -32769n, 8388608n, -2147483649n, 2n ** 47n - 1n, -(2n ** 47n),
  2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n),
  0.0, -0.0, 0.5, -0.5, 1.0, 1.5, 2 ** 53, 2 ** 53 + 2, 9007199254740993, 9.2e18, -9.3e18, 2 ** 63, 1e300, -Infinity, Infinity,
  '', 'a', 'A', 'ab', 'abc', 'abd', 'ab ', 'AB  ', 'b', 'z', '~', 'é', 'e\u0301', 'ée', 'a\u00ff', '\u00ff',
  '\ud83d\ude00', '\uE000', '\uFFFF', 'x\ud83d\ude00', 'x\uE000', 'long ascii text that is longer than sixteen bytes',
  new Uint8Array(0), new Uint8Array([0]), new Uint8Array([1]), new Uint8Array([1, 2]), new Uint8Array([255]), new Uint8Array([0x61]),
];

const reverse: Collation = (a, b) => -binaryCollation(a, b);
const collations: (Collation | undefined)[] = [undefined, binaryCollation, nocaseCollation, rtrimCollation, reverse];
const sign = (x: number): number => (x < 0 ? -1 : x > 0 ? 1 : 0);

/** The reference: decode and compare field by field with compareValues. */
function expected(record: readonly SqlValue[], key: readonly SqlValue[], order: KeyOrder, byLength: boolean): number {
  for (let i = 0; i < key.length; i++) {
    if (i >= record.length) return -1;
    const c = sign(compareValues(record[i]!, key[i]!, order.collations[i]));
    if (c !== 0) return order.descending[i] ? -c : c;
  }
  return byLength && record.length > key.length ? 1 : 0;
}

describe('packed record vs unpacked key', () => {
  it('orders every pair of single values as compareValues does, under every collation', () => {
    for (const collation of collations) {
      const order: KeyOrder = { collations: [collation], descending: [false] };
      for (const a of pool) {
        const record = encodeRecord([a]);
        const stored = decodeRecord(record)[0]!; // NaN-free, as written
        for (const b of pool) {
          const want = sign(compareValues(stored, b, collation));
          expect([a, b, sign(compareRecordToKey(record, [b], order))]).toEqual([a, b, want]);
        }
      }
    }
  });

  it('matches the field-by-field reference on random multi-field keys (DESC, prefixes, offsets)', () => {
    const random = rng(17);
    const pick = (): SqlValue => pool[Math.floor(random() * pool.length)]!;
    for (let n = 0; n < 4000; n++) {
      const width = 1 + Math.floor(random() * 3);
      const order: KeyOrder = {
        collations: [0, 1, 2].map(() => collations[Math.floor(random() * collations.length)]),
        descending: [0, 1, 2].map(() => random() < 0.3),
      };
      // Many near-equal pairs: the key often copies the record's leading fields.
      const values = Array.from({ length: width }, pick);
      const keyLength = Math.floor(random() * (width + 2));
      const key = Array.from({ length: keyLength }, (_, i) => (i < width && random() < 0.6 ? values[i]! : pick()));
      const record = encodeRecord(values);
      const stored = decodeRecord(record);
      expect(sign(compareRecordToKey(record, key, order))).toBe(expected(stored, key, order, false));
      // The same record in the middle of a page-like buffer.
      const page = new Uint8Array(record.length + 20).fill(0xee);
      page.set(record, 7);
      expect(sign(compareRecordBytesToKey(page, 7, 7 + record.length, key, order, true))).toBe(expected(stored, key, order, true));
      // Packed vs packed: common fields, then the shorter record first.
      const packedKey = encodeRecord(key);
      const both = expected(stored, decodeRecord(packedKey), order, false);
      const lengthOrder = sign(stored.length - key.length);
      expect(sign(compareRecords(record, packedKey, order))).toBe(both !== 0 ? both : lengthOrder);
    }
  });

  it('reports a corrupt header instead of reading past the record', () => {
    const record = encodeRecord(['abc', 5n]);
    const truncated = record.subarray(0, record.length - 2);
    expect(() => compareRecordToKey(truncated, ['abc', 5n], { collations: [], descending: [] })).toThrow(/malformed|corrupt/i);
  });
});
