// Row triggers firing on INSERT, UPDATE (and UPDATE OF) and DELETE, against SQLite: order of
// firing (BEFORE, the change, AFTER; triggers in reverse creation order), WHEN, OLD/NEW values (the
// -1 rowid of BEFORE INSERT, affinities), BEFORE triggers that change or delete the row being
// written, nested triggers, RETURNING beside triggers, and the counters changes(),
// total_changes() and last_insert_rowid() as SQLite computes them.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const COUNTERS = 'SELECT changes(), total_changes(), last_insert_rowid()';

describe('row triggers', () => {
  it('fire BEFORE and AFTER each row with OLD and NEW, WHEN and UPDATE OF', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c TEXT)',
      'CREATE TABLE log(x, y)',
      "CREATE TRIGGER f1 AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('f1', new.a); END",
      "CREATE TRIGGER f2 BEFORE INSERT ON t BEGIN INSERT INTO log VALUES ('f2 ' || new.a || ' ' || new.rowid, typeof(new.c)); END",
      'INSERT INTO t VALUES (NULL, 1, 5), (10, 2, 6)',
      'INSERT INTO t(b) SELECT b + 10 FROM t',
      "INSERT INTO t VALUES ('20', 3, 7.5)",
      COUNTERS,
      'SELECT * FROM log ORDER BY rowid',
      "CREATE TRIGGER u1 BEFORE UPDATE OF b ON t BEGIN INSERT INTO log VALUES ('u1', old.b || '->' || new.b); END",
      "CREATE TRIGGER u2 AFTER UPDATE ON t WHEN new.b > 10 BEGIN INSERT INTO log VALUES ('u2', old.a || ':' || new.c); END",
      "UPDATE t SET c = 'x' WHERE a = 1",
      'UPDATE t SET b = b + 100',
      'UPDATE t SET a = a + 1000 WHERE a = 20',
      COUNTERS,
      'SELECT * FROM log ORDER BY rowid',
      'CREATE TRIGGER d1 BEFORE DELETE ON t BEGIN DELETE FROM log WHERE y = old.a; END',
      "CREATE TRIGGER d2 AFTER DELETE ON t BEGIN INSERT INTO log VALUES ('d2', old.b); END",
      'DELETE FROM t WHERE a > 10',
      COUNTERS,
      'SELECT * FROM log ORDER BY rowid',
      'SELECT * FROM t',
    ]);
  });

  it('keep changes() to the outer statement while total_changes() counts trigger rows; last_insert_rowid() is restored', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
      'CREATE TABLE log(x)',
      'CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); INSERT INTO log VALUES (last_insert_rowid()); INSERT INTO log VALUES (changes()); END',
      'CREATE TRIGGER tu AFTER UPDATE ON t BEGIN INSERT INTO log VALUES (changes()); UPDATE log SET x = x WHERE rowid < 3; INSERT INTO log VALUES (changes()); END',
      'INSERT INTO t(b) VALUES (1), (2)',
      COUNTERS,
      'UPDATE t SET b = b + 1',
      COUNTERS,
      'SELECT * FROM log ORDER BY rowid',
    ]);
  });

  it('BEFORE triggers that change or delete the row being written', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c)',
      "CREATE TRIGGER b1 BEFORE UPDATE ON t BEGIN UPDATE t SET c = 'changed by trigger', b = -1 WHERE a = old.a; END",
      "INSERT INTO t VALUES (1, 1, 'orig'), (2, 2, 'orig')",
      'UPDATE t SET b = b + 10',
      'SELECT * FROM t',
      'CREATE TRIGGER b2 BEFORE UPDATE ON t WHEN old.a = 2 BEGIN DELETE FROM t WHERE a = old.a; END',
      'UPDATE t SET b = 0',
      'SELECT * FROM t',
      COUNTERS,
      'CREATE TABLE d(a INTEGER PRIMARY KEY, b)',
      'INSERT INTO d VALUES (1, 1), (2, 2), (3, 3), (4, 4)',
      'CREATE TRIGGER db BEFORE DELETE ON d BEGIN DELETE FROM d WHERE a = old.a + 1; END',
      'DELETE FROM d',
      COUNTERS,
      'SELECT * FROM d',
      'CREATE TABLE i(a INTEGER PRIMARY KEY, b)',
      'CREATE TRIGGER bi BEFORE INSERT ON i BEGIN INSERT INTO i VALUES (NULL, new.b * 10); END',
      'INSERT INTO i(b) VALUES (1)',
      'INSERT INTO i VALUES (5, 2)',
      'SELECT * FROM i',
      COUNTERS,
    ]);
  });

  it('nest (a trigger write fires other triggers) but a trigger does not fire itself unless recursive_triggers is on', async () => {
    await expectSameResults([
      'CREATE TABLE a(x)',
      'CREATE TABLE b(x)',
      'CREATE TABLE c(x)',
      'CREATE TRIGGER ta AFTER INSERT ON a BEGIN INSERT INTO b VALUES (new.x * 10); END',
      'CREATE TRIGGER tb AFTER INSERT ON b BEGIN INSERT INTO c VALUES (new.x + 1); INSERT INTO a VALUES (-1); END',
      'INSERT INTO a VALUES (1), (2)',
      'SELECT (SELECT group_concat(x) FROM a), (SELECT group_concat(x) FROM b), (SELECT group_concat(x) FROM c)',
      COUNTERS,
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
      "CREATE TRIGGER r1 AFTER INSERT ON t WHEN new.a < 5 BEGIN INSERT INTO t VALUES (new.a + 1, 'r'); END",
      "INSERT INTO t VALUES (1, 'start')",
      'SELECT * FROM t',
      'PRAGMA recursive_triggers',
      'PRAGMA recursive_triggers = on',
      'PRAGMA recursive_triggers',
      'DELETE FROM t',
      "INSERT INTO t VALUES (1, 'start')",
      'SELECT * FROM t',
      COUNTERS,
      'CREATE TABLE inf(n)',
      'CREATE TRIGGER forever AFTER INSERT ON inf BEGIN INSERT INTO inf VALUES (new.n + 1); END',
      'INSERT INTO inf VALUES (1)',
      'SELECT count(*) FROM inf',
      'PRAGMA recursive_triggers = 0',
      'INSERT INTO inf VALUES (1)',
      'SELECT count(*) FROM inf',
    ]);
  });

  it('RETURNING sees the rows as written; AFTER triggers run after it', async () => {
    await expectSameResults([
      'CREATE TABLE log(x)',
      'CREATE TABLE r(a INTEGER PRIMARY KEY, b)',
      "CREATE TRIGGER ra AFTER INSERT ON r BEGIN INSERT INTO log VALUES ('after ' || new.a); END",
      "CREATE TRIGGER rb BEFORE UPDATE ON r BEGIN INSERT INTO log VALUES ('before ' || new.a); END",
      'INSERT INTO r VALUES (NULL, 1) RETURNING a, b, (SELECT count(*) FROM log)',
      'INSERT INTO r VALUES (5, 2) RETURNING *',
      'UPDATE r SET b = b * 10 RETURNING *, (SELECT count(*) FROM r)',
      'DELETE FROM r RETURNING *',
      'SELECT * FROM log ORDER BY rowid',
    ]);
  });

  it('share the AUTOINCREMENT sequence with the statement that fires them', async () => {
    await expectSameResults([
      'CREATE TABLE t_auto(id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)',
      "CREATE TRIGGER t_auto_bi BEFORE INSERT ON t_auto BEGIN INSERT INTO t_auto(v) VALUES ('temp'); DELETE FROM t_auto WHERE id = last_insert_rowid(); END",
      "INSERT INTO t_auto(v) VALUES ('real')",
      "INSERT INTO t_auto(v) VALUES ('real1'), ('real2')",
      'SELECT id, v FROM t_auto ORDER BY id',
      'SELECT * FROM sqlite_sequence',
      'CREATE TABLE a2(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'CREATE TRIGGER a2i AFTER INSERT ON a2 WHEN new.v < 3 BEGIN INSERT INTO a2(v) VALUES (new.v + 1); END',
      'PRAGMA recursive_triggers = 1',
      'INSERT INTO a2(v) VALUES (1), (10)',
      'CREATE TRIGGER a2ig BEFORE INSERT ON a2 WHEN new.v = 50 BEGIN SELECT RAISE(IGNORE); END',
      'INSERT INTO a2(v) VALUES (50), (51)',
      'SELECT * FROM a2',
      'SELECT * FROM sqlite_sequence',
      // Written back once, when the statement ends: an OR FAIL error keeps the rows, not the sequence.
      'CREATE TABLE t1(id INTEGER PRIMARY KEY, a UNIQUE, b)',
      'CREATE TABLE t3(id INTEGER PRIMARY KEY AUTOINCREMENT, a UNIQUE, b)',
      'CREATE TRIGGER tr3 BEFORE INSERT ON t3 BEGIN INSERT INTO t3(a, b) VALUES (new.a + 1, new.b); INSERT INTO t3(a, b) VALUES (new.a, new.a + 1) ON CONFLICT(a) DO UPDATE SET b = excluded.b + 1; END',
      'CREATE TRIGGER tr6 AFTER INSERT ON t3 BEGIN INSERT OR FAIL INTO t1(a, b) VALUES (4, 5); END',
      'INSERT INTO t3(a, b) VALUES (3, 6)',
      'SELECT * FROM t3',
      'SELECT * FROM sqlite_sequence',
      // A statement whose triggers may insert into an AUTOINCREMENT table keeps its sequence row.
      'CREATE TABLE a4(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'CREATE TABLE src(v)',
      'CREATE TRIGGER s4 AFTER UPDATE ON src BEGIN INSERT INTO a4(v) VALUES (new.v); END',
      'UPDATE src SET v = 1',
      'SELECT * FROM sqlite_sequence',
      // An upsert's UPDATE trigger shares the sequence the INSERT already advanced.
      'CREATE TABLE a5(id INTEGER PRIMARY KEY AUTOINCREMENT, a UNIQUE, b)',
      'CREATE TRIGGER t5 BEFORE UPDATE OF b ON a5 BEGIN INSERT INTO a5(a, b) VALUES (new.a + 1, old.a) ON CONFLICT(a) DO UPDATE SET b = excluded.b + 1; END',
      'INSERT INTO a5(a, b) VALUES (1, 3)',
      'INSERT INTO a5(a, b) VALUES (1, 9) ON CONFLICT(a) DO UPDATE SET b = excluded.b + 1',
      'SELECT * FROM a5',
      'SELECT * FROM sqlite_sequence',
    ]);
  });

  it('upserts fire INSERT or UPDATE triggers; trigger bodies may upsert', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b UNIQUE, c)',
      'CREATE TABLE log(x)',
      "CREATE TRIGGER ti AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('ins ' || new.a); END",
      "CREATE TRIGGER tu BEFORE UPDATE ON t BEGIN INSERT INTO log VALUES ('upd ' || old.c || '>' || new.c); END",
      "INSERT INTO t VALUES (5, 5, 'e') ON CONFLICT(b) DO UPDATE SET c = 'upserted'",
      "INSERT INTO t VALUES (6, 5, 'f') ON CONFLICT(b) DO UPDATE SET c = 'upserted ' || excluded.a",
      "INSERT INTO t VALUES (6, 5, 'f') ON CONFLICT(b) DO NOTHING",
      COUNTERS,
      'SELECT * FROM log ORDER BY rowid',
      'SELECT * FROM t',
      'CREATE TABLE s(k PRIMARY KEY, n)',
      'CREATE TABLE ev(k, v)',
      'CREATE TRIGGER ups AFTER INSERT ON ev BEGIN INSERT INTO s VALUES (new.k, new.v) ON CONFLICT(k) DO UPDATE SET n = n + excluded.n; END',
      "INSERT INTO ev VALUES ('a', 1), ('b', 2), ('a', 10)",
      'SELECT * FROM s ORDER BY k',
      COUNTERS,
    ]);
  });
});
