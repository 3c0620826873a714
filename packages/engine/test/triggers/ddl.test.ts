// CREATE TRIGGER / DROP TRIGGER against SQLite: the stored text, IF [NOT] EXISTS, the errors of
// CREATE time (unknown table, reserved names, INSTEAD OF on a table, BEFORE/AFTER on a view,
// system tables, duplicates) and those SQLite leaves to the first statement that fires the trigger.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const SCHEMA = 'SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid';

describe('CREATE TRIGGER and DROP TRIGGER', () => {
  it('store the CREATE text as SQLite does and drop with their table or view', async () => {
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
      'CREATE TRIGGER tr1 AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER IF NOT EXISTS main.tr2 BEFORE UPDATE OF b ON main.t FOR EACH ROW WHEN new.b > 0 BEGIN SELECT 1; SELECT 2; END',
      'CREATE TRIGGER "Quoted Name" after delete on t begin delete from t where a = old.a + 1; end',
      'CREATE VIEW v AS SELECT a, b FROM t',
      'CREATE TRIGGER vi INSTEAD OF INSERT ON v BEGIN INSERT INTO t VALUES (new.a, new.b); END',
      SCHEMA,
      'CREATE TRIGGER IF NOT EXISTS tr1 AFTER INSERT ON t BEGIN SELECT 2; END',
      'CREATE TRIGGER tr1 AFTER INSERT ON t BEGIN SELECT 2; END',
      'DROP TRIGGER "quoted name"',
      'DROP TRIGGER nope',
      'DROP TRIGGER IF EXISTS nope',
      'DROP TRIGGER main.tr2',
      SCHEMA,
      'DROP VIEW v',
      SCHEMA,
      'CREATE TRIGGER tr3 AFTER UPDATE ON t BEGIN SELECT 1; END',
      'DROP TABLE t',
      SCHEMA,
    ]);
  });

  it('a trigger and a table may share a name; DROP TRIGGER removes only the trigger', async () => {
    await expectSameResults(['CREATE TABLE x(a)', 'CREATE TRIGGER x AFTER INSERT ON x BEGIN SELECT 1; END', 'DROP TRIGGER x', SCHEMA, 'INSERT INTO x VALUES (1)', 'SELECT * FROM x']);
  });

  it("refuses what SQLite refuses at CREATE time, with SQLite's messages", async () => {
    await expectSameResults([
      'CREATE TABLE t(a)',
      'CREATE VIEW v AS SELECT a FROM t',
      'CREATE TRIGGER e1 AFTER INSERT ON nosuch BEGIN SELECT 1; END',
      'CREATE TRIGGER sqlite_x AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER e2 AFTER INSERT ON sqlite_master BEGIN SELECT 1; END',
      'CREATE TRIGGER e3 INSTEAD OF INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER e4 BEFORE INSERT ON v BEGIN SELECT 1; END',
      'CREATE TRIGGER e5 AFTER DELETE ON v BEGIN SELECT 1; END',
      'CREATE TRIGGER e6 UPDATE ON v BEGIN SELECT 1; END',
      'CREATE TRIGGER e7 AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER e7 AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER "e7" AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER [e7] AFTER INSERT ON t BEGIN SELECT 1; END',
      'CREATE TRIGGER e8 AFTER INSERT ON other.t BEGIN SELECT 1; END',
      'CREATE TRIGGER other.e8 AFTER INSERT ON t BEGIN SELECT 1; END',
      'DROP TRIGGER main.nope',
      'DROP TRIGGER temp.nope',
      'DROP TRIGGER other.e7',
      'DROP TRIGGER IF EXISTS other.e7',
      'SELECT RAISE(IGNORE)',
      "SELECT RAISE(ABORT, 'x')",
      SCHEMA,
    ]);
  });

  it('body errors surface when a statement firing the trigger is prepared, as in SQLite', async () => {
    const fire = 'INSERT INTO t VALUES (1, 2)';
    await expectSameResults([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
      'CREATE TRIGGER e1 AFTER INSERT ON t BEGIN SELECT old.a; END',
      fire,
      'DROP TRIGGER e1',
      'CREATE TRIGGER e2 AFTER INSERT ON t BEGIN INSERT INTO nosuch VALUES (1); END',
      fire,
      'DROP TRIGGER e2',
      'CREATE TRIGGER e3 AFTER INSERT ON t BEGIN SELECT * FROM nosuch2; END',
      fire,
      'DROP TRIGGER e3',
      'CREATE TRIGGER e4 AFTER INSERT ON t BEGIN SELECT new.zz; END',
      fire,
      'DROP TRIGGER e4',
      'CREATE TRIGGER e5 AFTER DELETE ON t BEGIN SELECT new.a; END',
      'DELETE FROM t',
      'DROP TRIGGER e5',
      'CREATE TRIGGER e6 AFTER INSERT ON t BEGIN SELECT zz; END',
      fire,
      'DROP TRIGGER e6',
      'CREATE TRIGGER e7 AFTER INSERT ON t BEGIN SELECT * FROM new; END',
      fire,
      'DROP TRIGGER e7',
      'CREATE TRIGGER e8 AFTER INSERT ON t BEGIN INSERT INTO later VALUES (new.a, new.rowid, new.oid, new._rowid_); END',
      fire,
      'CREATE TABLE later(a, b, c, d)',
      'INSERT INTO t VALUES (2, 3)',
      'SELECT * FROM later',
      'SELECT * FROM t',
    ]);
  });
});
