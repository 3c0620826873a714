// Index key ordering: packed record vs unpacked key and packed vs packed agree with
// values/compare.ts field by field, honour collations and DESC, and treat short keys as prefixes.

import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { compareRecords, compareRecordToKey } from '../../src/record/compare.js';
import { encodeRecord } from '../../src/record/record.js';
import { nocaseCollation } from '../../src/values/collation.js';
import { compareValues } from '../../src/values/compare.js';
import { rng } from '../btree/helpers.js';

const pool: SqlValue[] = [null, 0n, 1n, -5n, 2.5, -0.5, 1.0, 'a', 'A', 'b', 'B', 'abc', '', new Uint8Array([1]), new Uint8Array(0), 2n ** 62n, 4.6e18];
const sign = (x: number): number => (x < 0 ? -1 : x > 0 ? 1 : 0);

describe('index key comparison', () => {
  it('matches compareValues field by field, with collations and DESC', () => {
    const random = rng(3);
    const keyInfo = { collations: [nocaseCollation, undefined], descending: [false, true] };
    for (let i = 0; i < 3000; i++) {
      const a = [pool[Math.floor(random() * pool.length)]!, pool[Math.floor(random() * pool.length)]!];
      const b = [pool[Math.floor(random() * pool.length)]!, pool[Math.floor(random() * pool.length)]!];
      const first = compareValues(a[0]!, b[0]!, nocaseCollation);
      const expected = first !== 0 ? sign(first) : 0 - sign(compareValues(a[1]!, b[1]!));
      expect(sign(compareRecordToKey(encodeRecord(a), b, keyInfo))).toBe(expected);
      expect(sign(compareRecords(encodeRecord(a), encodeRecord(b), keyInfo))).toBe(expected);
    }
  });

  it('treats a shorter key as a prefix, and orders shorter packed records first', () => {
    const keyInfo = { collations: [], descending: [] };
    const record = encodeRecord(['k', 10n]);
    expect(compareRecordToKey(record, ['k'], keyInfo)).toBe(0);
    expect(compareRecordToKey(record, [], keyInfo)).toBe(0);
    expect(sign(compareRecordToKey(record, ['l'], keyInfo))).toBe(-1);
    expect(sign(compareRecords(encodeRecord(['k']), record, keyInfo))).toBe(-1);
    expect(compareRecords(record, encodeRecord(['k', 10n]), keyInfo)).toBe(0);
  });
});
