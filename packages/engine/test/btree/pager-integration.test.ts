// The b-tree over the real Pager (WAL, copy-on-write write transactions, savepoints): trees
// written through it survive commit and checkpoint and pass SQLite's integrity_check.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTree, formatEmptyDatabase, freelistCount, invalidateCursors, openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { checkIntegrity } from '../../src/btree/integrity.js';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { encodeRecord } from '../../src/record/record.js';
import { fromDriver, scanIndex, scanTable, tagRow } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-pager-btree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('b-tree over the real pager', () => {
  it('commits, rolls back to savepoints and checkpoints into a file SQLite accepts', () => {
    const path = join(dir, 'pager.db');
    const pager = Pager.open(nodeVfs(), path);
    let read = pager.beginRead();
    let write = pager.tryBeginWrite(read)!;
    formatEmptyDatabase(write);
    const tableRoot = createTree(write, 'table');
    const indexRoot = createTree(write, 'index');
    const schema = openTableCursor(write, 1);
    schema.insert(1n, encodeRecord(['table', 't', 't', BigInt(tableRoot), 'CREATE TABLE t(a,b)']));
    schema.insert(2n, encodeRecord(['index', 'i', 't', BigInt(indexRoot), 'CREATE INDEX i ON t(a)']));
    const table = openTableCursor(write, tableRoot);
    const index = openIndexCursor(write, indexRoot);
    for (let id = 1n; id <= 3000n; id++) {
      const a = `name ${id % 500n}`;
      table.insert(id, encodeRecord([a, 'p'.repeat(Number(id % 300n))]));
      index.insertIndex(encodeRecord([a, id]));
    }
    write.commit();
    read.end();

    read = pager.beginRead();
    write = pager.tryBeginWrite(read)!;
    const before = scanTable(openTableCursor(write, tableRoot));
    const beforeIndex = scanIndex(openIndexCursor(write, indexRoot));
    const depth = write.savepoint();
    const t2 = openTableCursor(write, tableRoot);
    for (let id = 1n; id <= 3000n; id += 2n) {
      t2.seekRowid(id);
      t2.delete();
    }
    for (let id = 5000n; id < 6000n; id++) t2.insert(id, encodeRecord(['new', 'q'.repeat(1000)]));
    write.rollbackTo(depth);
    invalidateCursors(write);
    expect(t2.eof).toBe(true);
    expect(scanTable(openTableCursor(write, tableRoot))).toEqual(before);
    expect(scanIndex(openIndexCursor(write, indexRoot))).toEqual(beforeIndex);
    write.release(depth);
    // A real change this time: delete a third of the rows (and their index entries).
    const t3 = openTableCursor(write, tableRoot);
    const i3 = openIndexCursor(write, indexRoot);
    for (let id = 3n; id <= 3000n; id += 3n) {
      t3.seekRowid(id);
      t3.delete();
      expect(i3.seekPacked(encodeRecord([`name ${id % 500n}`, id]))).toBe(0);
      i3.delete();
    }
    const roots = [
      { name: 't', root: tableRoot, isIndex: false },
      { name: 'i', root: indexRoot, isIndex: true },
    ];
    expect(checkIntegrity(write, roots)).toEqual([]);
    const expected = scanTable(openTableCursor(write, tableRoot));
    const free = freelistCount(write);
    write.commit();
    read.end();
    pager.close({ checkpoint: true });

    const db = new Database(path);
    try {
      db.defaultSafeIntegers(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(Number(db.pragma('freelist_count', { simple: true }))).toBe(free);
      const rows = (db.prepare('SELECT rowid, a, b FROM t ORDER BY rowid').raw().all() as unknown[][]).map((r) => tagRow(r.map(fromDriver)));
      expect(rows).toEqual(expected);
      expect(rows.length).toBe(2000);
    } finally {
      db.close();
    }
  });
});
