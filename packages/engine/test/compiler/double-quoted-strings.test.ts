// Double-quoted string literals as better-sqlite3 has them (SQLite built with SQLITE_DQS=0): in a
// statement the user sends, a "name" that is no column is an error; in schema text loaded from a
// database file (written by a DQS-on sqlite3) CHECK, index and generated-column expressions keep
// treating it as a string, while VIEW and TRIGGER bodies, resolved again at use, fail there.

import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences, expectSameInMemory } from '../sql/differential.js';

describe('double-quoted strings in new statements are errors', () => {
  it('in queries and DML', () => {
    expectSameInMemory([
      'SELECT "abc"',
      'SELECT "abc" || 1',
      'CREATE TABLE t(a, b)',
      "INSERT INTO t VALUES(1, 'x'), (2, 'y')",
      'SELECT "a", "b" FROM t',
      'SELECT "t"."a" FROM t',
      'SELECT "rowid", "oid", "_rowid_" FROM t',
      'SELECT a FROM t WHERE b = "x"',
      'SELECT a FROM t ORDER BY "zz"',
      'SELECT a FROM t GROUP BY "zz"',
      'SELECT count(*) FROM t HAVING "zz"',
      'SELECT a AS "al" FROM t ORDER BY "al"',
      'SELECT a FROM t LIMIT 1 OFFSET "zz"',
      'INSERT INTO t VALUES(3, "x")',
      'UPDATE t SET b = "x" WHERE a = 1',
      'DELETE FROM t WHERE b = "y"',
      'SELECT (SELECT "q")',
      'SELECT * FROM t WHERE a IN (SELECT "q")',
      'SELECT a FROM t',
    ]);
  });

  it('in DDL', () => {
    expectSameInMemory([
      'CREATE TABLE u(a CHECK(a <> "y"))',
      'CREATE TABLE u2(a DEFAULT "x", b)',
      'INSERT INTO u2(b) VALUES(1)',
      'SELECT a, b FROM u2',
      'CREATE TABLE u3(a, c AS (a || "gen"))',
      'CREATE TABLE v(a, b)',
      'CREATE INDEX vi ON v("zz")',
      'CREATE INDEX vi2 ON v(upper("zz"))',
      'CREATE INDEX vi3 ON v(a) WHERE b <> "q"',
      'CREATE INDEX vi4 ON v("a")',
      'CREATE VIEW vv AS SELECT "lit" FROM v',
      'CREATE TRIGGER tr AFTER INSERT ON v BEGIN UPDATE v SET b = "x"; END',
      'INSERT INTO v VALUES(1, 2)',
      'ALTER TABLE v ADD COLUMN c CHECK(c <> "x")',
      'ALTER TABLE v ADD COLUMN d DEFAULT "x"',
      'ALTER TABLE v ADD CONSTRAINT k CHECK(b <> "x")',
      'ALTER TABLE v ADD COLUMN e AS (a || "x")',
      "INSERT INTO v(a, b) VALUES(1, 'x')",
      "SELECT name FROM sqlite_schema ORDER BY name",
    ]);
  });

  it('with other unknown names, in SQLite order', () => {
    expectSameInMemory([
      'CREATE TABLE v(a, b)',
      'CREATE TABLE w(a CHECK("rowid" > 0), b CHECK(zz > "y"))',
      'CREATE TABLE w1(a CHECK(a > "y"), b CHECK(zz > 0))',
      'CREATE TABLE w2(a PRIMARY KEY, b AS (rowid)) WITHOUT ROWID',
      'CREATE TABLE w3(a, b AS ("rowid"))',
      'CREATE TABLE w4(a CHECK(rowid > 0), b CHECK("oid" > 0))',
      'CREATE TABLE w5(a CHECK(a = true))',
      'CREATE INDEX i1 ON v(a) WHERE "rowid" > 0',
      'CREATE INDEX i2 ON v(rowid + 1)',
      'CREATE INDEX i3 ON v(a) WHERE zz > "q"',
      'CREATE INDEX i4 ON v(zz + "q")',
      'CREATE INDEX i5 ON v("q" + zz)',
      "SELECT name FROM sqlite_schema ORDER BY name",
    ]);
  });
});

describe('double-quoted strings in a legacy schema', () => {
  /** A database file whose schema text has double-quoted strings, as the sqlite3 shell writes them. */
  function legacyFile(dir: string, withTrigger: boolean): string {
    const path = join(dir, 'legacy.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE t(a, b CHECK(b <> 'y'));
      CREATE INDEX ti ON t(upper('zz'), a);
      CREATE INDEX tp ON t(a) WHERE b <> 'q';
      CREATE VIEW v AS SELECT a, 'lit' AS s FROM t;
      CREATE VIEW w AS SELECT a FROM t WHERE b <> 'q';
      CREATE TABLE log(x);
      CREATE TABLE g(a, c AS (a || 'gen'));
      ${withTrigger ? "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES('trig'); END;" : ''}`);
    // better-sqlite3 is defensive by default; writable_schema needs unsafe mode.
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const set = db.prepare('UPDATE sqlite_schema SET sql = ? WHERE name = ?');
    set.run('CREATE TABLE t(a, b CHECK(b <> "y"))', 't');
    set.run('CREATE INDEX ti ON t(upper("zz"), a)', 'ti');
    set.run('CREATE INDEX tp ON t(a) WHERE b <> "q"', 'tp');
    set.run('CREATE VIEW v AS SELECT a, "lit" AS s FROM t', 'v');
    set.run('CREATE VIEW w AS SELECT a FROM t WHERE b <> "q"', 'w');
    set.run('CREATE TABLE g(a, c AS (a || "gen"))', 'g');
    if (withTrigger) set.run('CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES("trig"); END', 'tr');
    db.close();
    return path;
  }

  function compareOnLegacy(withTrigger: boolean, statements: string[]): void {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-dqs-'));
    try {
      const built = legacyFile(dir, withTrigger);
      const mine = join(dir, 'tandem.db');
      const theirs = join(dir, 'oracle.db');
      copyFileSync(built, mine);
      copyFileSync(built, theirs);
      const connection = openConnection(mine);
      const oracle = new Database(theirs);
      try {
        expect(differences(connection, oracle, statements)).toEqual([]);
      } finally {
        connection.close();
        oracle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('CHECK, index expressions, partial indexes and generated columns keep working', () => {
    compareOnLegacy(false, [
      "INSERT INTO t VALUES(1, 'x')",
      "INSERT INTO t VALUES(2, 'y')",
      "INSERT INTO t VALUES(3, 'q')",
      "UPDATE t SET b = 'y' WHERE a = 1",
      'SELECT a, b FROM t ORDER BY a',
      "SELECT a FROM t INDEXED BY tp WHERE b <> 'q'",
      "SELECT a FROM t INDEXED BY ti WHERE upper('zz') = 'ZZ' ORDER BY a",
      'SELECT a FROM t WHERE b <> "q"',
      'INSERT INTO g(a) VALUES(5)',
      'SELECT a, c FROM g',
      'PRAGMA integrity_check',
      'SELECT * FROM v',
      'SELECT * FROM w',
      'ALTER TABLE t ADD COLUMN z',
      'ALTER TABLE t RENAME TO t2',
      "INSERT INTO t VALUES(4, 'y', 0)",
      'SELECT sql FROM sqlite_schema ORDER BY name',
    ]);
  });

  it('a trigger body is resolved again when it fires', () => {
    compareOnLegacy(true, ["INSERT INTO t VALUES(1, 'x')", 'SELECT * FROM log', 'SELECT count(*) FROM t']);
  });
});
