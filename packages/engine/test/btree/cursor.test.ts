// Cursor semantics the VM relies on: seeks with bias on prefix keys under collations and DESC,
// seekRowid neighbours, scanning while another cursor (or the same one) changes the tree.

import { describe, expect, it } from 'vitest';
import { createTree, formatEmptyDatabase, openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { checkIntegrity } from '../../src/btree/integrity.js';
import type { KeyInfo } from '../../src/btree/types.js';
import type { SqlValue } from '../../src/common/values.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { nocaseCollation } from '../../src/values/collation.js';
import { compareValues } from '../../src/values/compare.js';
import { rng, tagRow } from './helpers.js';
import { newDatabase } from './memory-pages.js';

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

function freshDb(pageSize: number) {
  const memory = newDatabase(pageSize);
  formatEmptyDatabase(memory);
  return memory;
}

describe('index seeks', () => {
  const keyInfo: KeyInfo = { collations: [nocaseCollation], descending: [true] };
  const memory = freshDb(512);
  const root = createTree(memory, 'index');
  const index = openIndexCursor(memory, root, keyInfo);
  const random = rng(5);
  const words = ['apple', 'Apple', 'APPLE', 'banana', 'Cherry', 'cherry', 'date', 'Elder', 'fig', 'grape'];
  const entries: [SqlValue, bigint][] = [];
  for (let id = 1n; id <= 1500n; id++) {
    const r = random();
    const a: SqlValue = r < 0.8 ? words[Math.floor(random() * words.length)]! + (r < 0.4 ? '' : 'x'.repeat(Math.floor(random() * 60))) : r < 0.9 ? BigInt(Math.floor(random() * 10)) : null;
    entries.push([a, id]);
    index.insertIndex(encodeRecord([a, id]));
  }
  const cmpKey = (a: SqlValue, x: SqlValue): number => -compareValues(a, x, nocaseCollation);
  entries.sort((p, q) => cmpKey(p[0], q[0]) || (p[1] < q[1] ? -1 : 1));
  const tags = entries.map((e) => tagRow(e));
  const current = (): string | null => (index.eof ? null : tagRow(decodeRecord(index.payload())));

  it('index traversal follows the KeyInfo order (NOCASE, DESC)', () => {
    const seen: string[] = [];
    for (let ok = index.first(); ok; ok = index.next()) seen.push(tagRow(decodeRecord(index.payload())));
    expect(seen).toEqual(tags);
    expect(checkIntegrity(memory, [{ name: 'i', root, isIndex: true, keyInfo }])).toEqual([]);
    // The same tree checked under the opposite direction must be reported out of order.
    const ascending = { collations: [nocaseCollation], descending: [false] };
    expect(checkIntegrity(memory, [{ name: 'i', root, isIndex: true, keyInfo: ascending }]).join('\n')).toMatch(/out of order/);
  });

  const probes: SqlValue[] = [...words, 'b', 'zzz', 'a', 3n, 100n, null, 'APPLEx'];
  for (const op of ['GE', 'GT', 'LE', 'LT'] as const) {
    it(`seekIndex with bias emulates Seek${op} on prefix keys`, () => {
      for (const x of probes) {
        let r: number;
        if (op === 'GE' || op === 'LT') r = index.seekIndex([x], -1);
        else r = index.seekIndex([x], 1);
        if (op === 'GE' && r < 0) index.next();
        if (op === 'GT' && r <= 0) index.next();
        if (op === 'LE' && r > 0) index.prev();
        if (op === 'LT' && r >= 0) index.prev();
        let expected: number;
        if (op === 'GE') expected = entries.findIndex((e) => cmpKey(e[0], x) >= 0);
        else if (op === 'GT') expected = entries.findIndex((e) => cmpKey(e[0], x) > 0);
        else if (op === 'LE') expected = lastIndexWhere(entries, (e) => cmpKey(e[0], x) <= 0);
        else expected = lastIndexWhere(entries, (e) => cmpKey(e[0], x) < 0);
        expect(current(), `Seek${op} ${String(x)}`).toBe(expected < 0 ? null : tags[expected]);
      }
    });
  }
});

describe('index writes under a collation and DESC', () => {
  it('random inserts and deletes keep the KeyInfo order (NOCASE DESC, then rowid)', () => {
    const keyInfo: KeyInfo = { collations: [nocaseCollation], descending: [true] };
    const memory = freshDb(512);
    const root = createTree(memory, 'index');
    const index = openIndexCursor(memory, root, keyInfo);
    const random = rng(17);
    const live = new Map<bigint, string>();
    for (let op = 0; op < 4000; op++) {
      const id = BigInt(Math.floor(random() * 1500));
      const existing = live.get(id);
      if (existing !== undefined) {
        expect(index.seekPacked(encodeRecord([existing, id]))).toBe(0);
        index.delete();
        live.delete(id);
      } else {
        const text = (random() < 0.5 ? 'Key' : 'kEY') + String.fromCharCode(65 + Math.floor(random() * 6)) + 'z'.repeat(Math.floor(random() * 150));
        index.insertIndex(encodeRecord([text, id]));
        live.set(id, text);
      }
    }
    const expected = [...live.entries()]
      .sort((p, q) => -nocaseCollation(p[1], q[1]) || (p[0] < q[0] ? -1 : 1))
      .map(([id, text]) => tagRow([text, id]));
    const seen: string[] = [];
    for (let ok = index.first(); ok; ok = index.next()) seen.push(tagRow(decodeRecord(index.payload())));
    expect(seen).toEqual(expected);
    expect(checkIntegrity(memory, [{ name: 'i', root, isIndex: true, keyInfo }])).toEqual([]);
  });
});

describe('table seeks and scans under modification', () => {
  it('seekRowid lands on the entry or a neighbour and reports the side', () => {
    const memory = freshDb(1024);
    const table = openTableCursor(memory, createTree(memory, 'table'));
    const ids: bigint[] = [];
    for (let i = 0n; i < 3000n; i++) ids.push(i * 3n - 4000n);
    ids.push(-(2n ** 63n), 2n ** 63n - 1n);
    ids.sort((a, b) => (a < b ? -1 : 1));
    for (const id of ids) table.insert(id, encodeRecord([id]));
    for (const probe of [-(2n ** 63n), -4001n, -4000n, -3999n, 0n, 1n, 2n, 4996n, 4997n, 2n ** 62n, 2n ** 63n - 1n]) {
      const r = table.seekRowid(probe);
      const at = table.rowid();
      if (r === 0) expect(at).toBe(probe);
      else if (r < 0) {
        expect(at < probe).toBe(true);
        expect(ids[ids.indexOf(at) + 1]! > probe).toBe(true);
      } else {
        expect(at > probe).toBe(true);
        const before = ids[ids.indexOf(at) - 1];
        expect(before === undefined || before < probe).toBe(true);
      }
    }
  });

  it('nearby seekRowid calls (searched within the current leaf) land where a fresh descent does', () => {
    const memory = freshDb(512);
    const root = createTree(memory, 'table');
    const table = openTableCursor(memory, root);
    for (let i = 0n; i < 2000n; i++) table.insert(i * 3n, encodeRecord([i]));
    const moving = openTableCursor(memory, root);
    const probes: bigint[] = [];
    for (let p = -5n; p < 6010n; p += 1n) probes.push(p); // ascending neighbours, hits and misses, leaf edges
    for (let p = 6010n; p > -5n; p -= 7n) probes.push(p); // descending jumps
    for (const probe of probes) {
      const fresh = openTableCursor(memory, root);
      const expected = fresh.seekRowid(probe);
      const expectedAt = fresh.eof ? null : fresh.rowid();
      fresh.close();
      expect(moving.seekRowid(probe)).toBe(expected);
      expect(moving.eof ? null : moving.rowid()).toBe(expectedAt);
    }
  });

  it('a scan continues correctly while another cursor rewrites and deletes rows', () => {
    const memory = freshDb(512);
    const root = createTree(memory, 'table');
    const writer = openTableCursor(memory, root);
    for (let id = 1n; id <= 2000n; id++) writer.insert(id, encodeRecord([id, 'small']));
    const scanner = openTableCursor(memory, root);
    const visited: bigint[] = [];
    for (let ok = scanner.first(); ok; ok = scanner.next()) {
      const id = scanner.rowid();
      visited.push(id);
      // UPDATE: grow the row (splits pages under the scanner) ...
      writer.insert(id, encodeRecord([id, 'x'.repeat(Number(id % 97n) * 3)]));
      // ... and delete a row ahead of the scan, which it must then not visit.
      if (id % 5n === 0n && writer.seekRowid(id + 1n) === 0) writer.delete();
    }
    const expected: bigint[] = [];
    for (let id = 1n; id <= 2000n; id++) if (!((id - 1n) % 5n === 0n && id - 1n > 0n)) expected.push(id);
    expect(visited).toEqual(expected);
    expect(checkIntegrity(memory, [{ name: 't', root, isIndex: false }])).toEqual([]);
  });

  it('delete() then next() continues with the following entry (tables and indexes)', () => {
    const memory = freshDb(512);
    const tableRoot = createTree(memory, 'table');
    const indexRoot = createTree(memory, 'index');
    const table = openTableCursor(memory, tableRoot);
    const index = openIndexCursor(memory, indexRoot);
    for (let id = 1n; id <= 3000n; id++) {
      table.insert(id, encodeRecord(['v'.repeat(Number(id % 50n))]));
      index.insertIndex(encodeRecord([`key ${id % 300n} ${'p'.repeat(Number(id % 40n))}`, id]));
    }
    const kept: bigint[] = [];
    for (let ok = table.first(); ok; ) {
      const id = table.rowid();
      if (id % 3n !== 0n) {
        table.delete();
        ok = table.next();
      } else {
        kept.push(id);
        ok = table.next();
      }
    }
    expect(kept.length).toBe(1000);
    const remaining: bigint[] = [];
    for (let ok = table.first(); ok; ok = table.next()) remaining.push(table.rowid());
    expect(remaining).toEqual(kept);

    let seen = 0;
    for (let ok = index.first(); ok; ) {
      seen++;
      index.delete();
      ok = index.next();
    }
    expect(seen).toBe(3000);
    expect(index.first()).toBe(false);
    const roots = [
      { name: 't', root: tableRoot, isIndex: false },
      { name: 'i', root: indexRoot, isIndex: true },
    ];
    expect(checkIntegrity(memory, roots)).toEqual([]);
  });

  it('a record read during a write transaction stays intact while the page is rewritten', () => {
    const memory = freshDb(1024);
    const root = createTree(memory, 'table');
    const cursor = openTableCursor(memory, root);
    for (let id = 1n; id <= 20n; id++) cursor.insert(id, encodeRecord([id, `row ${id}`]));
    cursor.seekRowid(10n);
    const record = cursor.payload();
    const before = tagRow(decodeRecord(record));
    const other = openTableCursor(memory, root);
    for (let id = 1n; id <= 20n; id++) other.insert(id, encodeRecord([-id, 'rewritten '.repeat(5)]));
    expect(tagRow(decodeRecord(record))).toBe(before);
    // The first cursor re-seeks to its row and sees the new content.
    expect(tagRow(decodeRecord(cursor.payload()))).toBe(tagRow([-10n, 'rewritten '.repeat(5)]));
  });
});
