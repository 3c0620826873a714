// The record format: random round trips, column-at-a-time reads, and byte-for-byte equality with
// records SQLite itself wrote (read raw from a better-sqlite3 database file).

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTableCursor } from '../../src/btree/btree.js';
import type { SqlValue } from '../../src/common/values.js';
import { decodeRecord, encodeRecord, RecordReader } from '../../src/record/record.js';
import { fromDriver, rng, tag, tagRow } from '../btree/helpers.js';
import { MemoryPages } from '../btree/memory-pages.js';

const edgeIntegers = [0n, 1n, 2n, -1n, 127n, 128n, -128n, -129n, 32767n, 32768n, -32768n, -32769n, 8388607n, 8388608n, -8388608n, -8388609n,
  2147483647n, 2147483648n, -2147483648n, -2147483649n, 140737488355327n, 140737488355328n, -140737488355328n, -140737488355329n,
  2n ** 63n - 1n, -(2n ** 63n)];
const edgeValues: SqlValue[] = [
  ...edgeIntegers, null, 0.5, -0.0, 1.0, 1e308, -1e-308, Infinity, -Infinity, 3.141592653589793,
  '', 'a', 'héllo wörld', '日本語', '😀 emoji', 'x'.repeat(70), 'é'.repeat(100),
  new Uint8Array(0), new Uint8Array([0, 1, 2, 255]), new Uint8Array(5000).fill(7),
];

function randomValue(random: () => number): SqlValue {
  const r = random();
  if (r < 0.4) return edgeValues[Math.floor(random() * edgeValues.length)]!;
  if (r < 0.6) return BigInt.asIntN(64, BigInt(Math.floor(random() * 2 ** 32)) * BigInt(Math.floor(random() * 2 ** 32)));
  if (r < 0.75) return (random() - 0.5) * 10 ** Math.floor(random() * 40);
  if (r < 0.9) return String.fromCodePoint(...Array.from({ length: Math.floor(random() * 20) }, () => Math.floor(random() * 0x2ffff) % 0xd800));
  return Uint8Array.from({ length: Math.floor(random() * 20) }, () => Math.floor(random() * 256));
}

describe('record format', () => {
  it('round-trips random rows, values and types intact', () => {
    const random = rng(1);
    for (let i = 0; i < 2000; i++) {
      const row = Array.from({ length: Math.floor(random() * 12) }, () => randomValue(random));
      expect(tagRow(decodeRecord(encodeRecord(row)))).toBe(tagRow(row));
    }
  });

  it('reads single columns on demand and reports absent trailing columns as undefined', () => {
    const reader = new RecordReader();
    const row: SqlValue[] = [1n, 'two', null, new Uint8Array([3]), 4.5];
    reader.reset(encodeRecord(row));
    expect(reader.columnCount).toBe(5);
    expect(tag(reader.column(4) as SqlValue)).toBe(tag(4.5));
    expect(tag(reader.column(1) as SqlValue)).toBe(tag('two'));
    expect(reader.column(5)).toBeUndefined();
    expect(reader.serialType(2)).toBe(0);
    expect(reader.serialType(0)).toBe(9); // schema format 4: integer 1 has no body
  });

  it('stores NaN as NULL, as SQLite does', () => {
    expect(decodeRecord(encodeRecord([NaN]))).toEqual([null]);
  });

  it('rejects records whose header overruns the payload with SQLITE_CORRUPT', () => {
    const reader = new RecordReader();
    expect(() => reader.reset(new Uint8Array([5, 1, 1]))).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
    expect(() => reader.reset(new Uint8Array([3, 6, 1, 0]))).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
  });

  it('encodes exactly the bytes SQLite writes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tandem-record-')), 'bytes.db');
    const db = new Database(path);
    db.defaultSafeIntegers(true);
    db.exec('CREATE TABLE t(a, b, c, d)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    const toDriver = (v: SqlValue): unknown => (v instanceof Uint8Array ? Buffer.from(v) : v);
    const random = rng(2);
    db.transaction(() => {
      for (const v of edgeValues) insert.run(toDriver(v), null, toDriver(v), 1n);
      for (let i = 0; i < 500; i++) insert.run(...Array.from({ length: 4 }, () => toDriver(randomValue(random))));
    })();
    const root = Number((db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 't'").pluck().get() as bigint));
    const rows = (db.prepare('SELECT rowid, a, b, c, d FROM t ORDER BY rowid').raw().all() as unknown[][]).map((r) => r.map(fromDriver));
    db.close();
    const cursor = openTableCursor(MemoryPages.load(path), root);
    let n = 0;
    for (let ok = cursor.first(); ok; ok = cursor.next(), n++) {
      const [rowid, ...values] = rows[n]!;
      expect(cursor.rowid()).toBe(rowid);
      expect(Buffer.from(encodeRecord(values)).toString('hex'), tagRow(values)).toBe(Buffer.from(cursor.payload()).toString('hex'));
    }
    expect(n).toBe(rows.length);
  });
});
