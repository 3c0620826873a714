// Whole-tree operations (create, clear, drop) and their freelist accounting as SQLite sees it,
// and auto-vacuum databases: readable, but writes refused with a clear error.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearTree, createTree, dropTree, formatEmptyDatabase, freelistCount, openTableCursor } from '../../src/btree/btree.js';
import { checkIntegrity } from '../../src/btree/integrity.js';
import { SqliteError } from '../../src/common/errors.js';
import { decodeRecord, encodeRecord } from '../../src/record/record.js';
import { fromDriver, scanTable, tagRow } from './helpers.js';
import { MemoryPages, newDatabase } from './memory-pages.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-trees-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fill(memory: MemoryPages, root: number, rows: number): void {
  const cursor = openTableCursor(memory, root);
  for (let id = 1n; id <= BigInt(rows); id++) cursor.insert(id, encodeRecord([id, 'z'.repeat(Number(id % 13n) * 40)]));
}

describe('tree lifecycle', () => {
  it('clearTree and dropTree return every page to the freelist SQLite then reuses', () => {
    const memory = newDatabase(1024);
    formatEmptyDatabase(memory);
    const a = createTree(memory, 'table');
    const b = createTree(memory, 'table');
    fill(memory, a, 800);
    fill(memory, b, 800);
    const schema = openTableCursor(memory, 1);
    schema.insert(1n, encodeRecord(['table', 'a', 'a', BigInt(a), 'CREATE TABLE a(x,y)']));
    const pagesBefore = memory.pageCount();
    clearTree(memory, a);
    expect(scanTable(openTableCursor(memory, a))).toEqual([]);
    dropTree(memory, b);
    // Every page but page 1 and a's root is now free.
    expect(freelistCount(memory)).toBe(pagesBefore - 2);
    expect(checkIntegrity(memory, [{ name: 'a', root: a, isIndex: false }])).toEqual([]);
    fill(memory, a, 300); // reuses free pages first
    expect(memory.pageCount()).toBe(pagesBefore);
    const path = join(dir, 'lifecycle.db');
    memory.save(path);
    const db = new Database(path);
    db.defaultSafeIntegers(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(Number(db.pragma('freelist_count', { simple: true }))).toBe(freelistCount(memory));
    expect((db.prepare('SELECT rowid, * FROM a').raw().all() as unknown[][]).map((r) => tagRow(r.map(fromDriver)))).toEqual(
      scanTable(openTableCursor(memory, a)),
    );
    db.close();
  });

  it('reads auto-vacuum databases and refuses to write them', () => {
    const path = join(dir, 'autovacuum.db');
    const db = new Database(path);
    db.pragma('auto_vacuum = FULL');
    db.exec(
      'CREATE TABLE t(a, b); WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 500) INSERT INTO t SELECT v, randomblob(v % 900) FROM s;',
    );
    db.exec('DELETE FROM t WHERE a % 4 = 0');
    db.defaultSafeIntegers(true);
    const root = Number(db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 't'").pluck().get() as bigint);
    const expected = (db.prepare('SELECT rowid, a, b FROM t').raw().all() as unknown[][]).map((r) => tagRow(r.map(fromDriver)));
    db.close();
    const memory = MemoryPages.load(path);
    const cursor = openTableCursor(memory, root);
    expect(scanTable(cursor)).toEqual(expected);
    expect(checkIntegrity(memory, [{ name: 't', root, isIndex: false }])).toEqual([]);
    let error: unknown;
    try {
      cursor.insert(100000n, encodeRecord([1n]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqliteError);
    expect((error as SqliteError).code).toBe('SQLITE_ERROR');
    expect((error as SqliteError).message).toBe('not supported by Tandem yet: writing auto_vacuum databases');
    expect(() => createTree(memory, 'table')).toThrow(/auto_vacuum/);
    const schema = openTableCursor(memory, 1);
    expect(schema.first() && decodeRecord(schema.payload())[1]).toBe('t');
  });

  it('a cursor over a read-only PageSource refuses writes with SQLITE_READONLY', () => {
    const memory = newDatabase(4096);
    formatEmptyDatabase(memory);
    const root = createTree(memory, 'table');
    const readOnly = { pageSize: 4096, usableSize: 4096, pageCount: () => memory.pageCount(), getPage: (n: number) => memory.getPage(n) };
    const cursor = openTableCursor(readOnly, root);
    expect(() => cursor.insert(1n, encodeRecord([1n]))).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
  });
});
