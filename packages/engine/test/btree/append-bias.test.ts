// The insert fast paths: appends after the last entry skip the descent and split by starting a
// new right-most leaf (SQLite's balance_quick), cursors stay on the entry they inserted, and
// other cursors on the tree survive each write. Checked against a model, our integrity check,
// and SQLite's integrity_check on the written file.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTree, formatEmptyDatabase, openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { checkIntegrity } from '../../src/btree/integrity.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { fromDriver, rng, scanIndex, scanTable, tagRow } from './helpers.js';
import { MemoryPages, newDatabase } from './memory-pages.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-append-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkWithSqlite(memory: MemoryPages, tableRoot: number, expectedRows: string[], name: string): void {
  const schema = openTableCursor(memory, 1);
  schema.insert(1n, encodeRecord(['table', 't', 't', BigInt(tableRoot), 'CREATE TABLE t(a,b)']));
  const path = join(dir, name);
  memory.save(path);
  const db = new Database(path, { readonly: true });
  try {
    db.defaultSafeIntegers(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (db.prepare('SELECT rowid, a, b FROM t ORDER BY rowid').raw().all() as unknown[][]).map((r) => tagRow(r.map(fromDriver)));
    expect(rows).toEqual(expectedRows);
  } finally {
    db.close();
  }
}

describe('append bias', () => {
  for (const pageSize of [512, 4096]) {
    it(`ascending inserts with interleaved deletes, replaces and a second cursor (page size ${pageSize})`, () => {
      const random = rng(pageSize);
      const memory = newDatabase(pageSize);
      formatEmptyDatabase(memory);
      const root = createTree(memory, 'table');
      const writer = openTableCursor(memory, root);
      const reader = openTableCursor(memory, root);
      const model = new Map<bigint, [string, bigint | Uint8Array]>();
      let next: bigint;
      for (let op = 0; op < 6000; op++) {
        const r = random();
        if (r < 0.7) {
          // The VM's INSERT: NewRowid (last()) then insert(max + 1).
          const max = writer.last() ? writer.rowid() : 0n;
          expect(max).toBe([...model.keys()].reduce((a, b) => (a > b ? a : b), 0n));
          next = max + 1n;
          const big = random() < 0.03 ? new Uint8Array(pageSize * 2).fill(op & 0xff) : BigInt(op);
          const row: [string, bigint | Uint8Array] = [`row ${op}`.repeat(1 + Math.floor(random() * 4)), big];
          writer.insert(next, encodeRecord(row));
          expect(writer.rowid()).toBe(next); // left on the new entry
          model.set(next, row);
        } else if (r < 0.8 && model.size > 0) {
          // Replace the last row with a record of another size (exact hit on the append path).
          expect(writer.last()).toBe(true);
          const id = writer.rowid();
          const row: [string, bigint | Uint8Array] = ['replaced'.repeat(Math.floor(random() * 5)), BigInt(op)];
          writer.insert(id, encodeRecord(row));
          model.set(id, row);
        } else if (model.size > 0) {
          // Delete a random row, sometimes the last one (next ascending rowid then reuses max+1).
          const ids = [...model.keys()];
          const id = random() < 0.3 ? ids[ids.length - 1]! : ids[Math.floor(random() * ids.length)]!;
          expect(writer.seekRowid(id)).toBe(0);
          writer.delete();
          model.delete(id);
        }
        // The reader walks forward through the writes; its saved position must stay in order.
        if (reader.eof) reader.first();
        else {
          const before = reader.rowid();
          if (reader.next()) expect(reader.rowid() > before).toBe(true);
        }
      }
      const expected = [...model.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([id, row]) => tagRow([id, ...row]));
      expect(scanTable(openTableCursor(memory, root))).toEqual(expected);
      expect(checkIntegrity(memory, [{ name: 't', root, isIndex: false }])).toEqual([]);
      checkWithSqlite(memory, root, expected, `append-${pageSize}.db`);
    });
  }

  it('fills leaves: pure ascending inserts use about as many pages as the data needs', () => {
    const memory = newDatabase(1024);
    formatEmptyDatabase(memory);
    const root = createTree(memory, 'table');
    const cursor = openTableCursor(memory, root);
    let bytes = 0;
    for (let id = 1n; id <= 5000n; id++) {
      const record = encodeRecord([`value ${id}`, id * 3n]);
      bytes += record.length + 4 + 2; // cell (payload + two short varints) + pointer
      cursor.insert(id, record);
    }
    const leafCapacity = 1024 - 8;
    // Redistributing splits leave leaves ~2/3 full; append bias leaves them full.
    expect(memory.pageCount()).toBeLessThan(Math.ceil(bytes / leafCapacity) * 1.15 + 3);
    expect(checkIntegrity(memory, [{ name: 't', root, isIndex: false }])).toEqual([]);
    const expected = [];
    for (let id = 1n; id <= 5000n; id++) expected.push(tagRow([id, `value ${id}`, id * 3n]));
    checkWithSqlite(memory, root, expected, 'append-fill.db');
  });
});

describe('ascending index inserts', () => {
  it('append after the last key, mixed with out-of-order keys and deletes, keep the index ordered', () => {
    const random = rng(99);
    const memory = newDatabase(512);
    formatEmptyDatabase(memory);
    const root = createTree(memory, 'index');
    const index = openIndexCursor(memory, root);
    const reader = openIndexCursor(memory, root);
    const keys = new Map<string, [bigint, string]>();
    for (let i = 0n; i < 4000n; i++) {
      const r = random();
      // Mostly ascending (the append path), sometimes a key that lands mid-tree, sometimes equal
      // leading fields with a smaller rowid (ordered by the second field).
      const lead = r < 0.8 ? i : r < 0.9 ? BigInt(Math.floor(random() * Number(i + 1n))) : i - 1n;
      const key: [bigint, string] = [lead, `v${4000n - i}`.repeat(1 + Math.floor(random() * 3))];
      index.insertIndex(encodeRecord(key));
      expect(decodeRecord(index.payload())).toEqual(key); // left on the new entry
      keys.set(tagRow(key), key);
      if (random() < 0.15 && keys.size > 0) {
        const all = [...keys.values()];
        const victim = all[Math.floor(random() * all.length)]!;
        expect(index.seekPacked(encodeRecord(victim))).toBe(0);
        index.delete();
        keys.delete(tagRow(victim));
      }
      if (reader.eof) reader.first();
      else reader.next();
    }
    const expected = [...keys.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map((k) => tagRow(k));
    expect(scanIndex(index)).toEqual(expected);
    const keyInfo = { collations: [], descending: [] };
    expect(checkIntegrity(memory, [{ name: 'i', root, isIndex: true, keyInfo }])).toEqual([]);
  });
});

describe('positions across writes', () => {
  it('a cursor stays on the entry it inserted (tables and indexes), in the middle of the tree', () => {
    const memory = newDatabase(512);
    formatEmptyDatabase(memory);
    const table = openTableCursor(memory, createTree(memory, 'table'));
    const index = openIndexCursor(memory, createTree(memory, 'index'));
    for (let id = 0n; id < 600n; id += 2n) {
      table.insert(id, encodeRecord([`t${id}`]));
      index.insertIndex(encodeRecord([`k${String(id).padStart(4, '0')}`, id]));
    }
    for (let id = 1n; id < 600n; id += 6n) {
      table.insert(id, encodeRecord([`t${id}`]));
      expect(table.rowid()).toBe(id);
      expect(table.next()).toBe(true);
      expect(table.rowid()).toBe(id + 1n);
      const key = `k${String(id).padStart(4, '0')}`;
      index.insertIndex(encodeRecord([key, id]));
      expect(decodeRecord(index.payload())).toEqual([key, id]);
      expect(index.next()).toBe(true);
      expect(decodeRecord(index.payload())).toEqual([`k${String(id + 1n).padStart(4, '0')}`, id + 1n]);
    }
    expect(scanIndex(index).length).toBe(300 + 100);
  });

  it('cursors on other trees are untouched, cursors on the same tree re-seek', () => {
    const memory = newDatabase(512);
    formatEmptyDatabase(memory);
    const rootA = createTree(memory, 'table');
    const rootB = createTree(memory, 'table');
    const a = openTableCursor(memory, rootA);
    for (let id = 1n; id <= 400n; id++) a.insert(id, encodeRecord([id]));
    const b = openTableCursor(memory, rootB);
    for (let id = 1n; id <= 400n; id++) b.insert(id, encodeRecord([id]));
    const readers = [openTableCursor(memory, rootA), openTableCursor(memory, rootA), openTableCursor(memory, rootB)];
    readers.forEach((r, k) => expect(r.seekRowid(BigInt(100 + k * 50))).toBe(0));
    // Deleting every odd row of A (through a) shifts cells under the A readers.
    for (let id = 1n; id <= 400n; id += 2n) {
      expect(a.seekRowid(id)).toBe(0);
      a.delete();
    }
    for (let id = 1000n; id < 1200n; id++) b.insert(id, encodeRecord(['x'.repeat(50)]));
    expect(readers[0]!.rowid()).toBe(100n);
    expect(readers[1]!.rowid()).toBe(150n);
    expect(readers[2]!.rowid()).toBe(200n);
    expect(readers[0]!.next() && readers[0]!.rowid()).toBe(102n);
    expect(readers[2]!.next() && readers[2]!.rowid()).toBe(201n);
    readers.forEach((r) => r.close());
  });
});
