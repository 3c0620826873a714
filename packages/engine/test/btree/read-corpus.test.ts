// Reads every table and index tree of the real databases in the shared corpus with the b-tree
// cursors and compares them with what SQLite (better-sqlite3) returns: values and types, including
// overflowing BLOBs and 1024-byte pages; index entries in SQLite's ORDER BY order.

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import type { SqlValue } from '../../src/common/values.js';
import { decodeRecord } from '../../src/record/record.js';
import { affinityOfType } from '../../src/values/affinity.js';
import { fromDriver, scanIndex, tagRow } from './helpers.js';
import { copyCorpusDbs } from './corpus.js';
import { MemoryPages } from './memory-pages.js';

const dbs = copyCorpusDbs();
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

describe.skipIf(dbs.length === 0)('reading real SQLite files', () => {
  for (const { name, path } of dbs) {
    it(`every tree of ${name} equals SQLite's view of it`, () => {
      const pages = MemoryPages.load(path);
      const db = new Database(path);
      try {
        const schema = db.prepare('SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema').all() as SchemaRow[];
        db.defaultSafeIntegers(true);
        let checkedTables = 0;
        let checkedIndexes = 0;
        for (const entry of schema) {
          if (!entry.rootpage) continue;
          if (entry.type === 'table') {
            if (/WITHOUT\s+ROWID/i.test(entry.sql ?? '')) continue; // none in the corpus today
            const columns = db.pragma(`table_info(${quote(entry.name)})`) as { name: string; type: string; pk: bigint }[];
            const pks = columns.filter((c) => Number(c.pk) > 0);
            const alias = pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER' ? columns.indexOf(pks[0]!) : -1;
            const expected = (db.prepare(`SELECT rowid, * FROM ${quote(entry.name)} ORDER BY rowid`).raw().all() as unknown[][]).map(
              (r) => tagRow(r.map(fromDriver)),
            );
            // REAL columns store integral values as integers; reading converts back (VM's job).
            const realColumns = columns.map((c) => (affinityOfType(c.type) as string) === 'REAL');
            const cursor = openTableCursor(pages, entry.rootpage);
            const actual: string[] = [];
            for (let ok = cursor.first(); ok; ok = cursor.next()) {
              const rowid = cursor.rowid();
              const values: SqlValue[] = decodeRecord(cursor.payload());
              // The rowid alias column is stored as NULL; SELECT shows the rowid there.
              if (alias >= 0) values[alias] = rowid;
              values.forEach((v, i) => {
                if (realColumns[i] && typeof v === 'bigint') values[i] = Number(v);
              });
              actual.push(tagRow([rowid, ...values]));
            }
            expect(actual, `${name}: table ${entry.name}`).toEqual(expected);
            checkedTables++;
          } else if (entry.type === 'index') {
            if (/\sWHERE\s/i.test(entry.sql ?? '')) continue;
            const info = db.pragma(`index_xinfo(${quote(entry.name)})`) as { cid: bigint; name: string | null; desc: bigint; coll: string; key: bigint }[];
            const keys = info.filter((c) => Number(c.key) === 1);
            if (keys.some((c) => Number(c.cid) < 0)) continue; // expression index
            const select = keys.map((c) => quote(c.name!)).join(', ');
            const order = keys.map((c) => `${quote(c.name!)} COLLATE ${c.coll}${Number(c.desc) ? ' DESC' : ''}`).join(', ');
            const expected = (
              db.prepare(`SELECT ${select}, rowid FROM ${quote(entry.tbl_name)} ORDER BY ${order}, rowid`).raw().all() as unknown[][]
            ).map((r) => tagRow(r.map(fromDriver)));
            const actual = scanIndex(openIndexCursor(pages, entry.rootpage));
            expect(actual, `${name}: index ${entry.name}`).toEqual(expected);
            checkedIndexes++;
          }
        }
        expect(checkedTables).toBeGreaterThan(0);
        console.log(`${name}: ${checkedTables} tables, ${checkedIndexes} indexes match`);
      } finally {
        db.close();
      }
    });
  }
});

describe('reading WITHOUT ROWID tables', () => {
  it('walks a WITHOUT ROWID table (an index tree with overflowing keys) in primary-key order', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tandem-norowid-')), 'w.db');
    const db = new Database(path);
    db.pragma('page_size = 1024');
    db.exec('CREATE TABLE w(k TEXT, n INT, v, PRIMARY KEY (k, n DESC)) WITHOUT ROWID');
    const insert = db.prepare('INSERT INTO w VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`key-${i % 700}`, i, i % 9 === 0 ? Buffer.alloc(900 + i, i & 0xff) : `value ${i}`);
    })();
    db.defaultSafeIntegers(true);
    const root = Number(db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'w'").pluck().get() as bigint);
    const expected = (db.prepare('SELECT k, n, v FROM w ORDER BY k, n DESC').raw().all() as unknown[][]).map((r) => tagRow(r.map(fromDriver)));
    db.close();
    const keyInfo = { collations: [], descending: [false, true] };
    expect(scanIndex(openIndexCursor(MemoryPages.load(path), root, keyInfo))).toEqual(expected);
  });
});
