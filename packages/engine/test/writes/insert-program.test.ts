// The short INSERT program (compiler/insert.ts, rows.ts): parameters loaded by one Variable per
// run, the rowid given or made (NotNull / NewRowid / MustBeInt), NOT NULL checks folded into
// HaltIfNull, and column affinities applied by the MakeRecord when nothing reads them earlier.
// Every case is compared with SQLite: values, storage classes, errors and RETURNING rows.

import BetterSqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameInMemory } from '../sql/differential.js';

describe('INSERT programs', () => {
  it('bind parameters in any order, numbering and column list', () => {
    expectSameInMemory([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b REAL, c TEXT, d)',
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?)', [1n, 2n, 3.5, 'x', new Uint8Array([1, 2])]],
      ['INSERT INTO t(c, b, a) VALUES (?, ?, ?)', ['p', 1.25, '42']],
      ['INSERT INTO t VALUES (NULL, ?, ? + 1, ?, ?)', [1n, 2n, 3n, 4n]],
      ['INSERT INTO t(a, id, b) VALUES (?, 40, ?)', [5n, 6n]],
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)', [30n, 1n, 1n, 1n, 1n, 31n, '2', '2.5', 2n, 2n]],
      'SELECT id, a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d) FROM t ORDER BY id',
    ]);
  });

  it('bind numbered and named parameters as better-sqlite3 does', () => {
    const dumps = [new Database(':memory:'), new BetterSqlite(':memory:')].map((db) => {
      const d = db as unknown as BetterSqlite.Database;
      d.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b REAL, c TEXT, d)');
      d.prepare('INSERT INTO t VALUES (?2, ?1, ?3, ?5, ?4)').run({ 1: 10, 2: 2, 3: 7, 4: null, 5: 'y' });
      d.prepare('INSERT INTO t(a, b, c, d) VALUES (?1, ?1, ?2, ?2)').run({ 1: '7', 2: 'z' });
      d.prepare('INSERT INTO t(d, id, a) VALUES (:d, :id, :a)').run({ d: 5, id: 20, a: '6' });
      d.prepare('INSERT INTO t VALUES (@id, @a, $b, :c, :d)').run({ id: 21, a: 1.0, b: '2', c: 3, d: 4.5 });
      const rows = d.prepare('SELECT id, a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d) FROM t ORDER BY id').raw().all();
      d.close();
      return rows;
    });
    expect(dumps[0]).toEqual(dumps[1]);
  });

  it('take a given rowid as SQLite does, and make one for NULL', () => {
    expectSameInMemory([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, v)',
      ['INSERT INTO t VALUES (?, ?)', [null, 'a']],
      ['INSERT INTO t VALUES (?, ?)', ['5', 'b']],
      ['INSERT INTO t VALUES (?, ?)', [6.0, 'c']],
      ['INSERT INTO t VALUES (?, ?)', [' 7 ', 'd']],
      ['INSERT INTO t VALUES (?, ?)', [7.5, 'e']],
      ['INSERT INTO t VALUES (?, ?)', ['x', 'f']],
      ['INSERT INTO t VALUES (?, ?)', [new Uint8Array([1]), 'g']],
      ['INSERT INTO t VALUES (?, ?)', [5n, 'duplicate']],
      ['INSERT OR IGNORE INTO t VALUES (?, ?)', [5n, 'ignored']],
      ['INSERT OR REPLACE INTO t VALUES (?, ?)', [6n, 'replaced']],
      ['INSERT INTO t(rowid, v) VALUES (?, ?)', [null, 'h']],
      'SELECT id, v FROM t ORDER BY id',
      'SELECT last_insert_rowid(), changes()',
    ]);
  });

  it('report the first NOT NULL column that fails, whatever each column does on conflict', () => {
    expectSameInMemory([
      "CREATE TABLE t(id INTEGER PRIMARY KEY, a NOT NULL, b NOT NULL ON CONFLICT IGNORE, c NOT NULL, d NOT NULL ON CONFLICT REPLACE DEFAULT 'dflt', e NOT NULL ON CONFLICT FAIL)",
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [1n, null, null, null, null, null]],
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [1n, 1n, null, null, null, null]],
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [1n, 1n, 1n, null, null, null]],
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [1n, 1n, 1n, 1n, null, null]],
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [1n, 1n, 1n, 1n, null, 1n]],
      ['INSERT OR ABORT INTO t VALUES (?, ?, ?, ?, ?, ?)', [2n, 1n, null, 1n, 1n, 1n]],
      ['INSERT OR IGNORE INTO t VALUES (?, ?, ?, ?, ?, ?)', [3n, null, 1n, 1n, 1n, 1n]],
      ['INSERT OR FAIL INTO t VALUES (?, ?, ?, ?, ?, ?)', [4n, 1n, 1n, null, 1n, 1n]],
      'BEGIN',
      ['INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [5n, 1n, 1n, 1n, 1n, 1n]],
      ['INSERT OR ROLLBACK INTO t VALUES (?, ?, ?, ?, ?, ?)', [6n, 1n, 1n, 1n, 1n, null]],
      'COMMIT',
      'SELECT * FROM t ORDER BY id',
    ]);
  });

  it('convert values by column affinity before RETURNING, triggers and checks see them', () => {
    expectSameInMemory([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE plain(id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, n NUMERIC, b BLOB)',
      ["INSERT INTO plain VALUES (NULL, ?, ?, ?, ?, ?) RETURNING i, typeof(i), r, typeof(r), t, typeof(t), n, typeof(n), b, typeof(b)", ['12', '3', 4n, '5.0', '6']],
      ["INSERT INTO plain(i, r, t, n) VALUES (?, ?, ?, ?) RETURNING *", [2.0, 7n, 8.5, '1e3']],
      "INSERT INTO plain(i, r) SELECT '9', '10' UNION ALL SELECT 11.0, 12 RETURNING id, i, typeof(i), r, typeof(r)",
      'CREATE TABLE checked(i INTEGER CHECK (typeof(i) = \'integer\'), t TEXT)',
      ["INSERT INTO checked VALUES (?, ?)", ['13', 14n]],
      'CREATE TABLE parent(k INTEGER PRIMARY KEY)',
      'INSERT INTO parent VALUES (15)',
      'CREATE TABLE child(p INTEGER REFERENCES parent(k))',
      ["INSERT INTO child VALUES (?)", ['15']],
      ["INSERT INTO child VALUES (?)", ['16']],
      'CREATE TABLE logged(i INTEGER)',
      'CREATE TABLE log(v, ty)',
      'CREATE TRIGGER after_logged AFTER INSERT ON logged BEGIN INSERT INTO log VALUES (new.i, typeof(new.i)); END',
      ["INSERT INTO logged VALUES (?)", ['17']],
      'SELECT i, typeof(i), r, typeof(r), t, typeof(t), n, typeof(n) FROM plain ORDER BY id',
      'SELECT i, typeof(i), t, typeof(t) FROM checked',
      'SELECT p, typeof(p) FROM child',
      'SELECT * FROM log',
    ]);
  });
});
