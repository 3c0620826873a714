// INSERT/UPDATE conflict resolution (OR FAIL/ABORT/ROLLBACK/IGNORE/REPLACE), AUTOINCREMENT with
// sqlite_sequence, UPDATE/DELETE ... ORDER BY ... LIMIT, row-value SET and CURRENT_* literals,
// each proven against SQLite (values, changes(), last_insert_rowid(), errors).

import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const COUNTERS = 'SELECT changes(), last_insert_rowid(), total_changes()';

describe('conflict resolution', () => {
  it('OR FAIL keeps the rows before the failure; OR ABORT undoes the statement; OR ROLLBACK ends the transaction', async () => {
    await expectSameResults([
      'CREATE TABLE f(a UNIQUE, b NOT NULL)',
      "INSERT INTO f VALUES (1, 'x')",
      "INSERT OR FAIL INTO f VALUES (2, 'x'), (1, 'x'), (3, 'x')",
      COUNTERS,
      'SELECT * FROM f ORDER BY a',
      "INSERT OR FAIL INTO f VALUES (4, 'x'), (5, NULL)",
      "INSERT OR ABORT INTO f VALUES (6, 'x'), (1, 'x')",
      COUNTERS,
      'BEGIN',
      "INSERT INTO f VALUES (7, 'x')",
      "INSERT OR FAIL INTO f VALUES (8, 'x'), (1, 'x')",
      "INSERT OR ABORT INTO f VALUES (9, 'x'), (1, 'x')",
      'SELECT * FROM f ORDER BY a',
      'COMMIT',
      'BEGIN',
      "INSERT INTO f VALUES (10, 'x')",
      "INSERT OR ROLLBACK INTO f VALUES (11, 'x'), (1, 'x')",
      'COMMIT',
      'SELECT * FROM f ORDER BY a',
      "UPDATE OR FAIL f SET a = 1 WHERE a >= 4",
      'SELECT * FROM f ORDER BY rowid',
      'CREATE TABLE g(a UNIQUE ON CONFLICT FAIL)',
      'INSERT INTO g VALUES (1)',
      'INSERT INTO g VALUES (2), (1), (3)',
      'SELECT * FROM g ORDER BY a',
    ]);
  });

  it('REPLACE removes the rows conflicting on any unique index; UPDATE OR REPLACE / OR IGNORE', async () => {
    await expectSameResults([
      'CREATE TABLE r(id INTEGER PRIMARY KEY, a UNIQUE, b UNIQUE, c)',
      "INSERT INTO r VALUES (1, 1, 1, 'one'), (2, 2, 2, 'two'), (3, 3, 3, 'three')",
      "REPLACE INTO r VALUES (4, 1, 2, 'four')",
      COUNTERS,
      'SELECT * FROM r ORDER BY id',
      "INSERT OR REPLACE INTO r VALUES (3, 9, 9, 'nine')",
      'SELECT * FROM r ORDER BY id',
      'UPDATE OR REPLACE r SET a = 9 WHERE id = 4',
      COUNTERS,
      'SELECT * FROM r ORDER BY id',
      "INSERT INTO r VALUES (5, 5, 5, 'five'), (6, 6, 6, 'six')",
      'UPDATE OR IGNORE r SET b = 5 WHERE id >= 4',
      COUNTERS,
      'SELECT * FROM r ORDER BY id',
      'UPDATE r SET b = 5 WHERE id = 6',
      'CREATE TABLE d(x, y INTEGER PRIMARY KEY, z)',
      "INSERT INTO d(z, x, y, rowid) VALUES (1, 2, 3, 4)",
      "INSERT INTO d(z, x, rowid, y) VALUES (1, 2, 5, 6)",
      "INSERT INTO d(x, x, z) VALUES (7, 8, 9)",
      'SELECT rowid AS r, * FROM d',
      'INSERT INTO d(y) VALUES (-9223372036854775808.0)',
      'INSERT INTO d(y) VALUES (9223372036854775807.0)',
      'INSERT INTO d(y) VALUES (-9223372036854775808)',
      "INSERT INTO d(y) VALUES ('12.0'), (13.0) RETURNING y",
      'CREATE TABLE e(id INTEGER PRIMARY KEY ON CONFLICT REPLACE, b UNIQUE ON CONFLICT IGNORE, c UNIQUE)',
      "INSERT INTO e VALUES (1, 1, 1), (2, 2, 2)",
      "INSERT INTO e VALUES (1, 2, 9)",
      "INSERT INTO e VALUES (1, 9, 2)",
      "INSERT INTO e VALUES (1, 7, 7)",
      'SELECT * FROM e ORDER BY id',
      'CREATE TABLE h(a UNIQUE ON CONFLICT REPLACE, b UNIQUE ON CONFLICT IGNORE)',
      "INSERT INTO h VALUES (1, 1), (2, 2)",
      "INSERT INTO h VALUES (1, 2)",
      "INSERT INTO h VALUES (1, 3)",
      'SELECT rowid AS r, * FROM h ORDER BY r',
    ]);
  });
});

describe('AUTOINCREMENT', () => {
  it('creates sqlite_sequence, never reuses rowids, tracks explicit rowids, fails at the maximum', async () => {
    await expectSameResults([
      'CREATE TABLE s(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name',
      'SELECT * FROM sqlite_sequence',
      'INSERT INTO s(v) SELECT 1 WHERE 0',
      'SELECT * FROM sqlite_sequence',
      "INSERT INTO s(v) VALUES ('a'), ('b')",
      COUNTERS,
      'DELETE FROM s WHERE id = 2',
      "INSERT INTO s(v) VALUES ('c') RETURNING id",
      'INSERT INTO s VALUES (10, 1)',
      'INSERT INTO s VALUES (5, 1)',
      'SELECT * FROM sqlite_sequence',
      'DELETE FROM s',
      "INSERT INTO s(v) VALUES ('d') RETURNING id",
      'UPDATE s SET id = 100',
      'SELECT * FROM sqlite_sequence',
      'CREATE TABLE s2(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'INSERT INTO s2(v) VALUES (1)',
      'SELECT * FROM sqlite_sequence ORDER BY name',
      "UPDATE sqlite_sequence SET seq = 50 WHERE name = 's2'",
      'INSERT INTO s2(v) VALUES (2) RETURNING id',
      'DROP TABLE s',
      'SELECT * FROM sqlite_sequence ORDER BY name',
      'INSERT INTO s2 VALUES (9223372036854775807, 1)',
      'INSERT INTO s2(v) VALUES (1)',
      'SELECT * FROM sqlite_sequence ORDER BY name',
      'PRAGMA integrity_check',
      'CREATE INDEX seqidx ON sqlite_sequence(name)',
      "UPDATE sqlite_sequence SET seq = '20abc' WHERE name = 's2'",
      'INSERT INTO s2 VALUES (3, 3)',
      'SELECT name, seq, typeof(seq) FROM sqlite_sequence ORDER BY name',
      'DELETE FROM s2',
      'INSERT INTO s2(v) VALUES (4) RETURNING id',
      'SELECT name, seq, typeof(seq) FROM sqlite_sequence ORDER BY name',
    ]);
  });
});

describe('UPDATE/DELETE ... ORDER BY ... LIMIT, row values, CURRENT_*', () => {
  it('limits the changed rows in the requested order', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a, b TEXT COLLATE NOCASE)',
      "INSERT INTO t VALUES (1, 5, 'b'), (2, 3, 'A'), (3, 5, 'c'), (4, 1, 'a'), (5, NULL, 'B')",
      'UPDATE t SET a = a * 100 ORDER BY a DESC, id LIMIT 2',
      COUNTERS,
      'SELECT * FROM t ORDER BY id',
      'UPDATE t SET a = -1 ORDER BY b, id LIMIT 2 OFFSET 1 RETURNING id',
      'DELETE FROM t ORDER BY a LIMIT 1',
      'SELECT * FROM t ORDER BY id',
      'DELETE FROM t WHERE id > 1 LIMIT 1',
      COUNTERS,
      'DELETE FROM t ORDER BY id',
      'UPDATE t SET a = 0 LIMIT -1',
      COUNTERS,
      "UPDATE t SET a = 0 LIMIT 'x'",
      'DELETE FROM t LIMIT 0',
      'SELECT * FROM t ORDER BY id',
    ]);
  });

  it('changes rows in rowid order whatever the scan order (RETURNING and OR FAIL show it)', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a UNIQUE, b)',
      'CREATE INDEX tb ON t(b)',
      "INSERT INTO t VALUES (1, 30, 'd'), (2, 20, 'c'), (3, 10, 'b'), (4, 40, 'a')",
      "UPDATE t SET b = b || '!' WHERE a > 15 RETURNING id",
      "UPDATE t SET b = b || '?' WHERE b > 'a' RETURNING id, b",
      'UPDATE OR FAIL t SET a = 10 ORDER BY id DESC LIMIT 2',
      'SELECT changes()',
      'UPDATE OR FAIL t SET a = 40 ORDER BY a LIMIT 3',
      'SELECT changes()',
      'SELECT * FROM t ORDER BY id',
      'DELETE FROM t WHERE a > 15 RETURNING id',
    ]);
  });

  it('row-value assignments', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a, b, c)',
      'INSERT INTO t VALUES (1, 1, 2, 3), (2, 4, 5, 6)',
      'UPDATE t SET (a, b) = (b, a), c = c + 1',
      'SELECT * FROM t ORDER BY id',
      'UPDATE t SET (a, b) = (1, 2, 3)',
      'UPDATE t SET (a, b) = (SELECT 1)',
      'UPDATE t SET (a, nosuch) = (1, 2)',
      'UPDATE t SET (id, c) = (id + 10, 0) WHERE id = 1',
      'SELECT * FROM t ORDER BY id',
      'CREATE TABLE src(k, x, y)',
      "INSERT INTO src VALUES (2, 'x2', 'y2'), (11, 'x11', 'y11')",
      'UPDATE t SET (a, b) = (SELECT x, y FROM src WHERE src.k = t.id), c = -1',
      'SELECT * FROM t ORDER BY id',
      "UPDATE t SET (b, a) = (SELECT 'p', 'q' UNION ALL SELECT 'r', 's') WHERE id = 2 RETURNING *",
      'UPDATE t SET (a, b) = (SELECT 1, 2, 3)',
      "UPDATE t SET (a, c) = (SELECT src.y, d.n FROM src WHERE src.k = 2) FROM (SELECT 5 AS n) AS d WHERE t.id = 2 RETURNING *",
    ]);
  });

  it('CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME and DEFAULT CURRENT_TIMESTAMP', async () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE log(id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP, d DEFAULT CURRENT_DATE, msg)");
    db.prepare("INSERT INTO log(msg) VALUES ('hi')").run();
    const row = db.prepare('SELECT at, d, CURRENT_TIME AS t, CURRENT_TIMESTAMP = datetime() AS same FROM log').get() as Record<string, unknown>;
    const now = new Date().toISOString();
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Math.abs(Date.parse(`${String(row.at).replace(' ', 'T')}Z`) - Date.parse(now))).toBeLessThan(5000);
    expect(row.d).toBe(String(row.at).slice(0, 10));
    expect(row.t).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(row.same).toBe(1);
    db.close();
    await expectSameResults(['SELECT typeof(CURRENT_DATE), length(CURRENT_TIMESTAMP), length(CURRENT_TIME)']);
  });
});

describe('UPDATE ... FROM', () => {
  it('updates target rows from joined tables, subqueries and CTE-free joins', async () => {
    await expectSameResults([
      'CREATE TABLE inv(id INTEGER PRIMARY KEY, sku TEXT, qty INT, note TEXT)',
      'CREATE TABLE delta(sku TEXT, add_qty INT)',
      'CREATE TABLE names(sku TEXT, label TEXT)',
      "INSERT INTO inv VALUES (1, 'a', 10, NULL), (2, 'b', 20, NULL), (3, 'c', 30, NULL)",
      "INSERT INTO delta VALUES ('a', 1), ('c', 3), ('z', 100)",
      "INSERT INTO names VALUES ('a', 'Apple'), ('c', 'Cherry')",
      'UPDATE inv SET qty = qty + delta.add_qty FROM delta WHERE delta.sku = inv.sku',
      COUNTERS,
      'SELECT * FROM inv ORDER BY id',
      'UPDATE inv AS i SET note = n.label || d.add_qty FROM delta AS d JOIN names AS n ON n.sku = d.sku WHERE d.sku = i.sku RETURNING id, note',
      "UPDATE inv SET qty = s.total FROM (SELECT sku, sum(add_qty) * 2 AS total FROM delta GROUP BY sku) AS s WHERE s.sku = inv.sku AND inv.id > 1",
      'SELECT * FROM inv ORDER BY id',
      'UPDATE inv SET qty = 0 FROM delta WHERE delta.sku = nosuch',
      'UPDATE inv SET qty = 0 FROM delta JOIN names ON names.sku = inv.sku WHERE delta.sku = inv.sku',
      "UPDATE inv SET note = coalesce(names.label, 'missing') FROM names RIGHT JOIN delta ON names.sku = delta.sku WHERE inv.sku = delta.sku RETURNING id, note",
      "UPDATE inv SET note = coalesce(d.add_qty, 'none') FROM names LEFT JOIN delta AS d ON d.sku = names.sku AND d.add_qty > 1 WHERE inv.sku = names.sku",
      'SELECT * FROM inv ORDER BY id',
    ]);
  });
});
