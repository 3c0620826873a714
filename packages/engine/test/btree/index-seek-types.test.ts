// Index seeks compare keys read in place from the page (packed record vs unpacked key). Over keys
// of every storage class (boundary integers, reals beside integers, ASCII and non-ASCII text,
// BLOBs, NULL, keys long enough to overflow) and under each built-in collation, ASC and DESC,
// SeekGE / SeekGT and compareKey must agree with a model sorted by values/compare.ts.

import { describe, expect, it } from 'vitest';
import { createTree, formatEmptyDatabase, openIndexCursor } from '../../src/btree/btree.js';
import type { KeyInfo } from '../../src/btree/types.js';
import type { SqlValue } from '../../src/common/values.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { binaryCollation, nocaseCollation, rtrimCollation, type Collation } from '../../src/values/collation.js';
import { compareValues } from '../../src/values/compare.js';
import { rng, tagRow } from './helpers.js';
import { newDatabase } from './memory-pages.js';

const base: SqlValue[] = [
  null, 0n, 1n, -1n, 300n, -70000n, 2n ** 40n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n,
  0.5, -0.5, 1.0, 2 ** 53, 9.3e18, -1e300,
  '', 'a', 'A', 'ab', 'ab ', 'Ab', 'b', 'é', 'Éa', 'x\ud83d\ude00', 'x\uE000', 'long '.repeat(120),
  new Uint8Array(0), new Uint8Array([0]), new Uint8Array([1, 2]), new Uint8Array(700).fill(9),
];
const sign = (x: number): number => (x < 0 ? -1 : x > 0 ? 1 : 0);

const orders: [string, Collation][] = [
  ['BINARY', binaryCollation],
  ['NOCASE', nocaseCollation],
  ['RTRIM', rtrimCollation],
];

describe('index seeks over keys of every type', () => {
  for (const [name, collation] of orders) {
    for (const descending of [false, true]) {
      it(`${name} ${descending ? 'DESC' : 'ASC'}`, () => {
        const random = rng(name.length * 7 + (descending ? 1 : 0));
        const keyInfo: KeyInfo = { collations: [collation], descending: [descending] };
        const cmp = (a: SqlValue, b: SqlValue): number => (descending ? -1 : 1) * sign(compareValues(a, b, collation)) || 0;
        const memory = newDatabase(512);
        formatEmptyDatabase(memory);
        const index = openIndexCursor(memory, createTree(memory, 'index'), keyInfo);
        const entries: [SqlValue, bigint][] = [];
        for (let id = 1n; id <= 700n; id++) {
          const value = base[Math.floor(random() * base.length)]!;
          entries.push([value, id]);
          index.insertIndex(encodeRecord([value, id]));
        }
        entries.sort((p, q) => cmp(p[0], q[0]) || (p[1] < q[1] ? -1 : 1));
        const tags = entries.map((e) => tagRow(e));
        for (const probe of base) {
          // SeekGE: bias -1, then step forward from the entry before.
          let r = index.seekIndex([probe], -1);
          // The result describes the entry landed on: 0 equal, <0 before the key, >0 after it.
          if (!index.eof) expect(sign(r), `GE result ${tagRow([probe])}`).toBe(cmp(decodeRecord(index.payload())[0]!, probe));
          if (r < 0) index.next();
          const ge = entries.findIndex((e) => cmp(e[0], probe) >= 0);
          expect(index.eof ? null : tagRow(decodeRecord(index.payload())), `GE ${tagRow([probe])}`).toBe(ge < 0 ? null : tags[ge]);
          if (!index.eof) {
            expect(sign(index.compareKey([probe]))).toBe(cmp(entries[ge]![0], probe));
          }
          // SeekGT: bias +1.
          r = index.seekIndex([probe], 1);
          if (r <= 0) index.next();
          const gt = entries.findIndex((e) => cmp(e[0], probe) > 0);
          expect(index.eof ? null : tagRow(decodeRecord(index.payload())), `GT ${tagRow([probe])}`).toBe(gt < 0 ? null : tags[gt]);
          // Full-key lookups (value, rowid) land exactly.
          const hit = entries[Math.floor(random() * entries.length)]!;
          expect(index.seekPacked(encodeRecord(hit))).toBe(0);
          expect(tagRow(decodeRecord(index.payload()))).toBe(tagRow(hit));
          expect(index.compareKey(hit)).toBe(0);
        }
      });
    }
  }
});
