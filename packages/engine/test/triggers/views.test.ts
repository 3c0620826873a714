// INSTEAD OF triggers make views writable, against SQLite: INSERT (VALUES, SELECT, column lists,
// RETURNING), UPDATE and DELETE with WHERE, ORDER BY/LIMIT and RETURNING on the view's rows, OLD/NEW as the view's columns, no
// rows counted by changes(), and SQLite's errors for views without such a trigger.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

describe('INSTEAD OF triggers on views', () => {
  it('carry out INSERT, UPDATE and DELETE on a view', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c)',
      'CREATE TABLE log(x)',
      "INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y')",
      'CREATE VIEW v AS SELECT a, b * 2 AS bb, c FROM t',
      'INSERT INTO v VALUES (3, 1, 2)',
      'UPDATE v SET c = 1',
      'DELETE FROM v',
      "CREATE TRIGGER iv INSTEAD OF INSERT ON v BEGIN INSERT INTO t VALUES (new.a, new.bb, coalesce(new.c, 'view')); INSERT INTO log VALUES (typeof(new.a) || ' ' || typeof(new.bb)); END",
      "INSERT INTO v VALUES (100, 7, 'seven'), ('101', '8', NULL)",
      'INSERT INTO v(bb, a) VALUES (9, 102)',
      'INSERT INTO v SELECT a + 200, bb, c FROM v WHERE a < 3',
      'INSERT INTO v VALUES (1, 2)',
      'INSERT INTO v(nope) VALUES (1)',
      "INSERT INTO v VALUES (300, 3, 'r') RETURNING *",
      'SELECT changes(), total_changes(), last_insert_rowid()',
      "CREATE TRIGGER uv INSTEAD OF UPDATE ON v BEGIN UPDATE t SET b = new.bb, c = old.c || '>' || new.c WHERE a = old.a; END",
      "UPDATE v SET bb = bb + 1000, c = 'u' WHERE a >= 100",
      'SELECT changes()',
      'UPDATE v SET nope = 1',
      'UPDATE v SET rowid = 1',
      'CREATE TRIGGER dv INSTEAD OF DELETE ON v WHEN old.a <> 1 BEGIN DELETE FROM t WHERE a = old.a; END',
      'DELETE FROM v WHERE a > 200',
      'SELECT changes()',
      'DELETE FROM v',
      'SELECT * FROM t ORDER BY a',
      'SELECT * FROM log ORDER BY rowid',
      'CREATE TRIGGER bad INSTEAD OF UPDATE ON v BEGIN SELECT old.rowid; END',
      'UPDATE v SET c = 0',
    ]);
  });

  it('RETURNING, ORDER BY/LIMIT and aliases on view writes', async () => {
    await expectSameResults([
      'CREATE TABLE t(a, b)',
      'CREATE VIEW v AS SELECT a, b FROM t',
      'CREATE TRIGGER iv INSTEAD OF INSERT ON v BEGIN INSERT INTO t VALUES (new.a, new.b); END',
      'CREATE TRIGGER uv INSTEAD OF UPDATE ON v BEGIN UPDATE t SET b = new.b WHERE a = old.a; END',
      'CREATE TRIGGER dv INSTEAD OF DELETE ON v BEGIN DELETE FROM t WHERE a = old.a; END',
      'INSERT INTO v DEFAULT VALUES',
      'INSERT INTO v VALUES (1, 2), (2, 3), (3, 4)',
      'UPDATE v SET b = 5 RETURNING *',
      'UPDATE v AS x SET b = x.b + 1 WHERE x.a > 1 ORDER BY a DESC LIMIT 1 RETURNING a, b',
      'UPDATE v SET b = 0 ORDER BY a',
      'DELETE FROM v WHERE a = 1 RETURNING *',
      'DELETE FROM v ORDER BY a DESC LIMIT 1 OFFSET 1',
      'SELECT * FROM t',
      'CREATE VIEW v2(x, y) AS SELECT a, b FROM t',
      'CREATE TRIGGER iv2 INSTEAD OF INSERT ON v2 BEGIN INSERT INTO t VALUES (new.x, new.y); END',
      'INSERT INTO v2 VALUES (7, 8)',
      'INSERT INTO v2(y) VALUES (9)',
      'INSERT INTO v2(a) VALUES (9)',
      'SELECT * FROM t',
    ]);
  });

  it('UPDATE OF on views, and views without the needed trigger', async () => {
    await expectSameResults([
      'CREATE TABLE t(a, b)',
      'INSERT INTO t VALUES (1, 2)',
      'CREATE VIEW v AS SELECT * FROM t',
      'CREATE TRIGGER v1 INSTEAD OF UPDATE OF a ON v BEGIN UPDATE t SET a = new.a; END',
      'UPDATE v SET b = 5',
      'UPDATE v SET a = 5',
      'SELECT * FROM t',
      'DELETE FROM v',
      'INSERT INTO v VALUES (1, 1)',
      'INSERT INTO v VALUES (1, 1) ON CONFLICT DO NOTHING',
    ]);
  });
});
