// UPSERT (ON CONFLICT DO NOTHING / DO UPDATE, several clauses, excluded.) and RETURNING on INSERT,
// UPDATE and DELETE, proven against SQLite: rows, storage classes, column names, changes(),
// last_insert_rowid() and errors (code and message) must all match.

import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const COUNTERS = 'SELECT changes(), last_insert_rowid(), total_changes()';

describe('upsert', () => {
  it('DO NOTHING and DO UPDATE on the INTEGER PRIMARY KEY, with excluded. and the ORM spelling', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER DEFAULT 0)',
      "INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2)",
      "INSERT INTO t VALUES (1, 'x', 9) ON CONFLICT DO NOTHING",
      COUNTERS,
      `INSERT INTO t ("id", "name") VALUES (2, 'bb') ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name"`,
      COUNTERS,
      "INSERT INTO t VALUES (3, 'c', 3), (1, 'aa', 10) ON CONFLICT (id) DO UPDATE SET n = n + excluded.n, name = excluded.name || t.name",
      COUNTERS,
      "INSERT INTO t VALUES (3, 'zz', 0) ON CONFLICT (id) DO UPDATE SET name = 'never' WHERE excluded.n > 5",
      COUNTERS,
      "INSERT INTO t AS old VALUES (3, 'zz', 7) ON CONFLICT (rowid) DO UPDATE SET name = old.name || '!' WHERE excluded.n > 5",
      'SELECT * FROM t ORDER BY id',
    ]);
  });

  it('conflicts on UNIQUE indexes, several clauses in order, a target-less last clause', async () => {
    await expectSameResults([
      'CREATE TABLE v(a UNIQUE, b UNIQUE, c)',
      "INSERT INTO v VALUES (1, 1, 'x'), (2, 2, 'y')",
      "INSERT INTO v VALUES (1, 2, 'z') ON CONFLICT (b) DO UPDATE SET c = 'by b' ON CONFLICT (a) DO UPDATE SET c = 'by a'",
      "INSERT INTO v VALUES (1, 3, 'z') ON CONFLICT (b) DO UPDATE SET c = 'by b' ON CONFLICT (a) DO UPDATE SET c = 'by a'",
      "INSERT INTO v VALUES (5, 2, 'w') ON CONFLICT (a) DO NOTHING ON CONFLICT DO UPDATE SET c = 'catch-all'",
      "INSERT INTO v VALUES (1, 5, 'q') ON CONFLICT (b) DO UPDATE SET a = 10",
      "INSERT INTO v VALUES (1, 5, 'q') ON CONFLICT (c) DO NOTHING",
      "INSERT INTO v VALUES (1, 5, 'q') ON CONFLICT (a, b) DO NOTHING",
      "INSERT INTO v VALUES (7, 7, 'n'), (8, 7, 'm') ON CONFLICT (b) DO UPDATE SET c = c || excluded.c",
      COUNTERS,
      'SELECT * FROM v ORDER BY a',
      'CREATE TABLE w(a, b, c, UNIQUE (a, b))',
      "INSERT INTO w VALUES (1, 2, 'first')",
      "INSERT INTO w VALUES (1, 2, 'second') ON CONFLICT (b, a) DO UPDATE SET c = excluded.c",
      "INSERT INTO w VALUES (1, 2, 'third') ON CONFLICT (a COLLATE NOCASE, b) DO NOTHING",
      'SELECT * FROM w',
    ]);
  });

  it('NOT NULL and CHECK still fail; partial-index targets need the same WHERE; text primary keys', async () => {
    await expectSameResults([
      'CREATE TABLE t(a NOT NULL, b UNIQUE, c CHECK (c > 0))',
      'INSERT INTO t VALUES (NULL, 1, 1) ON CONFLICT DO NOTHING',
      'INSERT INTO t VALUES (1, 1, 1)',
      'INSERT INTO t VALUES (1, 1, -1) ON CONFLICT DO NOTHING',
      'INSERT INTO t VALUES (2, 1, 5) ON CONFLICT (b) DO UPDATE SET c = -excluded.c',
      'CREATE TABLE p(a, b)',
      'CREATE UNIQUE INDEX pa ON p(a) WHERE b > 0',
      'INSERT INTO p VALUES (1, 1)',
      'INSERT INTO p VALUES (1, 2) ON CONFLICT (a) DO NOTHING',
      'INSERT INTO p VALUES (1, 2) ON CONFLICT (a) WHERE b > 0 DO UPDATE SET b = 9',
      'INSERT INTO p VALUES (1, -2) ON CONFLICT (a) WHERE b > 0 DO UPDATE SET b = 10',
      'SELECT * FROM p ORDER BY rowid',
      'CREATE TABLE k(code TEXT PRIMARY KEY, qty INTEGER)',
      "INSERT INTO k VALUES ('x', 1) ON CONFLICT (code) DO UPDATE SET qty = qty + excluded.qty",
      "INSERT INTO k VALUES ('x', 5) ON CONFLICT (code) DO UPDATE SET qty = qty + excluded.qty",
      "INSERT INTO k SELECT 'x', 10 WHERE true ON CONFLICT (code) DO UPDATE SET qty = qty + excluded.qty",
      COUNTERS,
      'SELECT * FROM k',
    ]);
  });
});

describe('returning', () => {
  it('INSERT RETURNING: *, expressions, aliases, defaults, rowid, affinity', async () => {
    await expectSameResults([
      "CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT DEFAULT 'dflt', c INTEGER, r REAL)",
      "INSERT INTO t(c, r) VALUES ('5', 1) RETURNING *",
      "INSERT INTO t(a, c) VALUES ('x', 2), ('y', 3) RETURNING id, a AS label, c * 2, typeof(c), rowid, typeof(r)",
      'INSERT INTO t DEFAULT VALUES RETURNING id, a',
      COUNTERS,
      'INSERT INTO t(id) VALUES (1) RETURNING id',
      'INSERT INTO t(c) VALUES (1) RETURNING t.*',
      'INSERT INTO t(c) VALUES (1) RETURNING nosuch',
      'INSERT INTO t(c) SELECT c + 100 FROM t RETURNING id, c',
      "INSERT INTO t VALUES (1, 'up', 0, 0) ON CONFLICT (id) DO UPDATE SET a = excluded.a RETURNING *",
      "INSERT INTO t VALUES (1, 'up', 0, 0) ON CONFLICT DO NOTHING RETURNING *",
      'SELECT * FROM t ORDER BY id',
    ]);
  });

  it('UPDATE and DELETE RETURNING report the new and the old rows', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, n INT)',
      "INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)",
      "UPDATE t SET n = n * 10, a = upper(a) WHERE id >= 2 RETURNING id, a, n, n + 1 AS next",
      COUNTERS,
      'UPDATE t SET id = id + 10 WHERE id = 1 RETURNING *',
      'DELETE FROM t WHERE n > 20 RETURNING *, length(a)',
      COUNTERS,
      'DELETE FROM t WHERE 0 RETURNING id',
      'SELECT * FROM t ORDER BY id',
    ]);
  });

  it('subqueries in RETURNING run per row and see the changes so far; the alias is not visible', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, val INTEGER)',
      'INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)',
      'UPDATE t SET val = val + 1 WHERE id < 3 RETURNING id, (SELECT count(*) FROM t WHERE val >= 21)',
      'INSERT INTO t(val) VALUES (1), (2) RETURNING id, (SELECT count(*) FROM t), (SELECT max(id) FROM t)',
      'DELETE FROM t WHERE id < 3 RETURNING id, (SELECT count(*) FROM t), EXISTS (SELECT 1 FROM t WHERE id = 1)',
      'UPDATE t AS x SET val = 0 RETURNING x.id',
      'UPDATE t AS x SET val = 0 RETURNING t.id, val',
      'DELETE FROM t AS x WHERE x.id = 3 RETURNING t.val',
    ]);
  });
});

describe('RETURNING through the better-sqlite3 API', () => {
  it('run() completes every change; get() returns the first row after all rows are written', () => {
    const run = (Driver: new (path: string) => any) => {
      const db = new Driver(':memory:');
      db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v)');
      const ran = db.prepare('INSERT INTO t(v) VALUES (1), (2), (3) RETURNING id').run();
      const first = db.prepare('UPDATE t SET v = v * 10 RETURNING id, v').get();
      const all = db.prepare('SELECT * FROM t ORDER BY id').raw().all();
      const upsert = db.prepare('INSERT INTO t VALUES (2, 0) ON CONFLICT (id) DO UPDATE SET v = -1 RETURNING *').run();
      db.close();
      return { ran: { changes: ran.changes, lastInsertRowid: Number(ran.lastInsertRowid) }, first, all, upsert: { changes: upsert.changes, lastInsertRowid: Number(upsert.lastInsertRowid) } };
    };
    expect(run(Database)).toEqual(run(Sqlite));
  });
});
