// RAISE() and conflict resolution inside triggers, against SQLite: RAISE(IGNORE) skips the row
// (or the rest of the trigger), RAISE(ABORT|FAIL|ROLLBACK, msg) fail with SQLITE_CONSTRAINT_TRIGGER
// and undo as those resolutions do; a trigger statement's OR clause applies unless the outer
// statement has one, which then overrides it; REPLACE deletes fire DELETE triggers only with
// recursive_triggers on.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const COUNTERS = 'SELECT changes(), total_changes(), last_insert_rowid()';

describe('RAISE', () => {
  it('IGNORE skips the row in BEFORE triggers and the rest of the trigger in AFTER triggers', async () => {
    await expectSameResults([
      'CREATE TABLE log(x)',
      'CREATE TABLE i(a INTEGER PRIMARY KEY, b)',
      'CREATE TRIGGER ig BEFORE INSERT ON i WHEN new.b < 0 BEGIN SELECT RAISE(IGNORE); END',
      'INSERT INTO i VALUES (1, 1), (2, -1), (3, 3)',
      COUNTERS,
      'SELECT * FROM i',
      'CREATE TRIGGER ig2 BEFORE UPDATE ON i BEGIN SELECT RAISE(IGNORE) WHERE new.b > 100; END',
      'UPDATE i SET b = b * 100',
      'SELECT * FROM i',
      COUNTERS,
      "CREATE TRIGGER ig3 AFTER DELETE ON i BEGIN INSERT INTO log VALUES ('first'); SELECT RAISE(IGNORE); INSERT INTO log VALUES ('never'); END",
      'DELETE FROM i WHERE a = 1',
      'SELECT * FROM i',
      'SELECT * FROM log',
      'CREATE TABLE n(a)',
      'CREATE TABLE m(a)',
      'CREATE TRIGGER nn BEFORE INSERT ON n BEGIN INSERT INTO m VALUES (new.a); END',
      'CREATE TRIGGER mm BEFORE INSERT ON m WHEN new.a = 2 BEGIN SELECT RAISE(IGNORE); END',
      'INSERT INTO n VALUES (1), (2), (3)',
      'SELECT (SELECT group_concat(a) FROM n), (SELECT group_concat(a) FROM m)',
    ]);
  });

  it('ABORT, FAIL and ROLLBACK fail with SQLITE_CONSTRAINT_TRIGGER and undo as SQLite does', async () => {
    await expectSameResults([
      'CREATE TABLE f(a)',
      "CREATE TRIGGER ff AFTER INSERT ON f WHEN new.a = 3 BEGIN SELECT RAISE(FAIL, 'fail at ' || new.a); END",
      'INSERT INTO f VALUES (1), (2), (3), (4)',
      'SELECT * FROM f',
      "CREATE TRIGGER fa AFTER INSERT ON f WHEN new.a = 13 BEGIN SELECT RAISE(ABORT, 'abort at ' || new.a); END",
      'INSERT INTO f VALUES (11), (12), (13), (14)',
      'SELECT * FROM f',
      'BEGIN',
      'INSERT INTO f VALUES (21)',
      "CREATE TRIGGER fr AFTER INSERT ON f WHEN new.a = 23 BEGIN SELECT RAISE(ROLLBACK, 'rollback at ' || new.a); END",
      'INSERT INTO f VALUES (22), (23)',
      'SELECT * FROM f',
      'COMMIT',
      'CREATE TABLE g(a)',
      'CREATE TRIGGER g1 BEFORE INSERT ON g BEGIN SELECT RAISE(ABORT, new.a); END',
      "INSERT INTO g VALUES ('text message')",
      'INSERT INTO g VALUES (42)',
      'INSERT INTO g VALUES (4.5)',
      'SELECT count(*) FROM g',
    ]);
  });
});

describe('conflict resolution inside triggers', () => {
  it("a trigger statement's OR clause applies unless the outer statement has its own", async () => {
    await expectSameResults([
      "CREATE TABLE u(a INTEGER PRIMARY KEY, b UNIQUE, c)",
      "INSERT INTO u VALUES (1, 1, 'one')",
      'CREATE TABLE src(k, v)',
      "CREATE TRIGGER s1 AFTER INSERT ON src BEGIN INSERT INTO u VALUES (new.k, new.v, 'trig'); END",
      'INSERT INTO src VALUES (1, 5)',
      'SELECT * FROM u',
      'INSERT OR IGNORE INTO src VALUES (1, 5)',
      'SELECT * FROM u',
      'SELECT * FROM src',
      'INSERT OR REPLACE INTO src VALUES (1, 6)',
      'SELECT * FROM u',
      "CREATE TRIGGER s2 AFTER INSERT ON src BEGIN INSERT OR IGNORE INTO u VALUES (new.k, new.v, 'ig'); END",
      'INSERT INTO src VALUES (2, 2)',
      'SELECT * FROM u',
      'DROP TRIGGER s1',
      'INSERT INTO src VALUES (1, 9)',
      'SELECT * FROM u',
      "CREATE TRIGGER s3 AFTER UPDATE ON src BEGIN INSERT OR FAIL INTO u VALUES (new.k, new.v, 'fail'); END",
      'UPDATE src SET v = 1 WHERE k = 1',
      'SELECT * FROM u',
      'SELECT * FROM src',
      COUNTERS,
    ]);
  });

  it('rows REPLACE deletes fire DELETE triggers only with recursive_triggers on', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b UNIQUE, c)',
      'CREATE TABLE log(x)',
      "CREATE TRIGGER td AFTER DELETE ON t BEGIN INSERT INTO log VALUES ('del ' || old.a); END",
      "CREATE TRIGGER ti AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('ins ' || new.a); END",
      "CREATE TRIGGER tu AFTER UPDATE ON t BEGIN INSERT INTO log VALUES ('upd ' || old.a || '>' || new.a); END",
      "INSERT INTO t VALUES (1, 1, 'a'), (2, 2, 'b')",
      "INSERT OR REPLACE INTO t VALUES (3, 1, 'c')",
      'SELECT * FROM log ORDER BY rowid',
      'PRAGMA recursive_triggers = 1',
      "INSERT OR REPLACE INTO t VALUES (4, 2, 'd')",
      "REPLACE INTO t VALUES (3, 9, 'same rowid')",
      'SELECT * FROM log ORDER BY rowid',
      'UPDATE OR REPLACE t SET b = 2 WHERE a = 3',
      'SELECT * FROM log ORDER BY rowid',
      'SELECT * FROM t',
      COUNTERS,
    ]);
  });

  it('rows DELETE triggers write while REPLACE resolves a conflict are checked again, failing with ABORT', async () => {
    await expectSameResults([
      'PRAGMA recursive_triggers = 1',
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a UNIQUE, b)',
      'CREATE TRIGGER back AFTER DELETE ON t WHEN old.b = 1 BEGIN INSERT INTO t(a, b) VALUES (old.a, 2); END',
      'CREATE TRIGGER same_rowid AFTER DELETE ON t WHEN old.b = 3 BEGIN INSERT INTO t(a, b) VALUES (old.a + 100, 4); END',
      'INSERT INTO t(a, b) VALUES (1, 1), (5, 3)',
      'INSERT OR REPLACE INTO t(a, b) VALUES (1, 9)',
      'INSERT OR REPLACE INTO t(a, b) VALUES (5, 9)',
      'SELECT * FROM t',
      'PRAGMA recursive_triggers = 0',
      'INSERT OR REPLACE INTO t(a, b) VALUES (1, 9)',
      'SELECT * FROM t',
      'PRAGMA integrity_check',
    ]);
  });

  it('a DELETE trigger that does not compile breaks REPLACE only while recursive_triggers is on', async () => {
    await expectSameResults([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a UNIQUE, b)',
      'CREATE TABLE gone(x)',
      'CREATE TRIGGER td AFTER DELETE ON t BEGIN INSERT INTO gone VALUES (old.a); END',
      'DROP TABLE gone',
      'INSERT INTO t(a, b) VALUES (1, 1)',
      'INSERT OR REPLACE INTO t(a, b) VALUES (1, 2)',
      'PRAGMA recursive_triggers = 1',
      'INSERT OR REPLACE INTO t(a, b) VALUES (1, 3)',
      'SELECT * FROM t',
    ]);
  });
});
