// ALTER TABLE end to end on the engine, differential against better-sqlite3: each script runs on
// both, then sqlite_schema (exact text, in rowid order), the data and errors must agree.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import TandemDatabase from '../../src/index.js';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const SCHEMA_DUMP = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid';

/** Runs `script` (one statement per entry) on both engines, then compares the schema and `checks`. */
function expectSame(script: readonly string[], checks: readonly string[] = []): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    const diffs = differences(connection, oracle, [...script, SCHEMA_DUMP, ...checks]);
    expect(diffs).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('ALTER TABLE RENAME TO', () => {
  it('renames the table, its indexes, views, foreign keys of other tables and sqlite_sequence', () => {
    expectSame(
      [
        'CREATE TABLE t(a INTEGER PRIMARY KEY AUTOINCREMENT, b UNIQUE, c)',
        'CREATE INDEX tc ON t(c) WHERE c > 0',
        'CREATE TABLE child(x REFERENCES t(a), y)',
        'CREATE VIEW v AS SELECT t.a, b FROM t WHERE c IS NOT NULL',
        'CREATE TABLE log(what)',
        'CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO log SELECT count(*) FROM t WHERE t.c = new.c; END',
        "INSERT INTO t(b, c) VALUES (1, 2), (3, 4), ('x', NULL)",
        'ALTER TABLE t RENAME TO "New Name"',
        'INSERT INTO "New Name"(b, c) VALUES (5, 6)',
      ],
      ['SELECT * FROM "New Name" ORDER BY a', 'SELECT * FROM v ORDER BY a', 'SELECT * FROM sqlite_sequence', 'SELECT * FROM t', 'SELECT * FROM log'],
    );
  });

  it('refuses what SQLite refuses', () => {
    expectSame([
      'CREATE TABLE t(a)',
      'CREATE TABLE u(a)',
      'CREATE VIEW v AS SELECT a FROM t',
      'ALTER TABLE t RENAME TO u',
      'ALTER TABLE t RENAME TO sqlite_x',
      'ALTER TABLE v RENAME TO w',
      'ALTER TABLE nope RENAME TO w',
      'ALTER TABLE sqlite_schema RENAME TO w',
      'ALTER TABLE main.t RENAME TO t2',
    ]);
  });
});

describe('ALTER TABLE RENAME COLUMN', () => {
  it('renames the column everywhere it is used', () => {
    expectSame(
      [
        'PRAGMA foreign_keys = ON',
        'CREATE TABLE t(a INTEGER PRIMARY KEY, b UNIQUE CONSTRAINT nonzero CHECK (b <> 0), c)',
        'CREATE INDEX tb ON t(b, c) WHERE b > 1',
        'CREATE VIEW v AS SELECT b AS x, t.b + 1 FROM t',
        'CREATE TABLE child(p, q, FOREIGN KEY (p) REFERENCES t(b))',
        'CREATE TRIGGER t_upd AFTER UPDATE OF b ON t WHEN new.b > 100 BEGIN INSERT INTO child VALUES (NULL, new.b + old.b); END',
        'INSERT INTO t VALUES (1, 2, 3), (2, 5, 6)',
        'ALTER TABLE t RENAME COLUMN b TO "renamed col"',
        'INSERT INTO t VALUES (3, 7, 8)',
        'INSERT INTO t VALUES (4, 0, 8)',
        'INSERT INTO child VALUES (7, 0)',
        'INSERT INTO child VALUES (8, 0)',
        'UPDATE t SET "renamed col" = 700 WHERE a = 1',
      ],
      ['SELECT * FROM t ORDER BY a', 'SELECT * FROM v ORDER BY 1', 'SELECT "renamed col" FROM t WHERE "renamed col" > 1 ORDER BY 1', 'SELECT * FROM child'],
    );
  });

  it('refuses unknown and duplicate columns', () => {
    expectSame(['CREATE TABLE t(a, b)', 'ALTER TABLE t RENAME COLUMN x TO y', 'ALTER TABLE t RENAME COLUMN a TO b', 'ALTER TABLE t RENAME a TO c']);
  });
});

describe('ALTER TABLE ADD COLUMN', () => {
  it('adds columns that read as their default in existing rows', () => {
    expectSame(
      [
        'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, CONSTRAINT k UNIQUE (b))',
        "INSERT INTO t VALUES (1, 'one'), (2, 'two')",
        "ALTER TABLE t ADD COLUMN c INTEGER NOT NULL DEFAULT 7",
        "ALTER TABLE t ADD d REAL DEFAULT -1.5",
        "ALTER TABLE t ADD COLUMN e TEXT COLLATE NOCASE DEFAULT 'x';  ",
        'ALTER TABLE t ADD COLUMN f',
        "INSERT INTO t(b) VALUES ('three')",
      ],
      ['SELECT *, typeof(c), typeof(d) FROM t ORDER BY a', 'SELECT a FROM t WHERE e = \'X\' ORDER BY a', 'PRAGMA table_info(t)'],
    );
  });

  it("raises SQLite's refusals, some only when the table has rows", () => {
    const refusals = [
      'ALTER TABLE t ADD COLUMN c NOT NULL',
      'ALTER TABLE t ADD COLUMN c PRIMARY KEY',
      'ALTER TABLE t ADD COLUMN c UNIQUE',
      'ALTER TABLE t ADD COLUMN c DEFAULT (1 + 1)',
      'ALTER TABLE t ADD COLUMN c DEFAULT CURRENT_TIME',
      'ALTER TABLE t ADD COLUMN a',
      'ALTER TABLE t ADD COLUMN c COLLATE nope',
      'ALTER TABLE t ADD COLUMN rowid',
      'ALTER TABLE v ADD COLUMN c',
      'ALTER TABLE t ADD COLUMN r REFERENCES t(a) DEFAULT 1',
    ];
    expectSame(['PRAGMA foreign_keys = ON', 'CREATE TABLE t(a PRIMARY KEY, b)', 'CREATE VIEW v AS SELECT 1', ...refusals, SCHEMA_DUMP]);
    expectSame(['PRAGMA foreign_keys = ON', 'CREATE TABLE t(a PRIMARY KEY, b)', 'CREATE VIEW v AS SELECT 1', 'INSERT INTO t VALUES (1, 2)', ...refusals, 'ALTER TABLE t ADD COLUMN g AS (a + 1) STORED']);
  });

  it('verifies CHECK constraints against the existing rows', () => {
    expectSame(['CREATE TABLE t(a CHECK (a > 0))', 'INSERT INTO t VALUES (1)', 'ALTER TABLE t ADD COLUMN b DEFAULT 1 CHECK (b > 1)', 'ALTER TABLE t ADD COLUMN c DEFAULT 2 CHECK (c > 1)'], ['SELECT * FROM t']);
  });
});

describe('ALTER TABLE DROP COLUMN', () => {
  it('removes the column from the definition and from every row', () => {
    expectSame(
      [
        'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c REAL, d DEFAULT 4)',
        'CREATE INDEX td ON t(d)',
        'INSERT INTO t VALUES (1, 2, 3, 4), (2, x\'00ff\', 2.5, NULL), (3, NULL, 7, 8)',
        'ALTER TABLE t ADD COLUMN e DEFAULT \'e\'',
        'ALTER TABLE t DROP COLUMN b',
        'ALTER TABLE t DROP COLUMN "e"',
        'INSERT INTO t VALUES (10, 11, 12)',
      ],
      ['SELECT *, typeof(c) FROM t ORDER BY a', 'SELECT d FROM t WHERE d > 3 ORDER BY d', 'PRAGMA integrity_check'],
    );
  });

  it("raises SQLite's refusals", () => {
    expectSame([
      'CREATE TABLE t(a PRIMARY KEY, b UNIQUE, c, d, e CHECK (e > 0), f)',
      'CREATE INDEX tc ON t(c)',
      'CREATE VIEW v AS SELECT d FROM t',
      'CREATE TABLE one(x)',
      'ALTER TABLE t DROP COLUMN a',
      'ALTER TABLE t DROP COLUMN b',
      'ALTER TABLE t DROP COLUMN c',
      'ALTER TABLE t DROP COLUMN d',
      'ALTER TABLE t DROP COLUMN e',
      'ALTER TABLE t DROP COLUMN nope',
      'ALTER TABLE one DROP COLUMN x',
      'ALTER TABLE v DROP COLUMN d',
      'ALTER TABLE t DROP COLUMN f',
    ]);
  });
});

describe('ALTER TABLE and other connections', () => {
  it('bumps the schema cookie so prepared statements re-prepare', () => {
    const connection = openConnection(':memory:');
    try {
      connection.exec('CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 2)');
      const before = connection.prepare('PRAGMA schema_version').statement!;
      expect(before.step()).toBeDefined();
      const version = before.row()[0];
      before.finalize();
      connection.exec('ALTER TABLE t RENAME COLUMN b TO c');
      const after = connection.prepare('PRAGMA schema_version').statement!;
      after.step();
      expect(after.row()[0]).toBe((version as bigint) + 1n);
      after.finalize();
    } finally {
      connection.close();
    }
  });

  it('makes statements prepared on another connection re-prepare against the new schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-alter-'));
    const path = join(dir, 'db.sqlite');
    const a = new TandemDatabase(path);
    const b = new TandemDatabase(path);
    try {
      a.exec("CREATE TABLE t(x, y); INSERT INTO t VALUES (1, 'one')");
      const select = b.prepare('SELECT * FROM t');
      expect(select.all()).toEqual([{ x: 1, y: 'one' }]);
      a.exec("ALTER TABLE t ADD COLUMN z DEFAULT 'zed'");
      expect(select.all()).toEqual([{ x: 1, y: 'one', z: 'zed' }]);
      a.exec('ALTER TABLE t RENAME COLUMN y TO name');
      expect(select.all()).toEqual([{ x: 1, name: 'one', z: 'zed' }]);
      a.exec('ALTER TABLE t DROP COLUMN x');
      expect(select.all()).toEqual([{ name: 'one', z: 'zed' }]);
      a.exec('ALTER TABLE t RENAME TO t2');
      expect(() => select.all()).toThrow('no such table: t');
      expect(b.prepare('SELECT * FROM t2').all()).toEqual([{ name: 'one', z: 'zed' }]);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PRAGMA legacy_alter_table', () => {
  const schema = [
    'CREATE TABLE t(a INTEGER PRIMARY KEY, b CHECK (b > 0))',
    'CREATE INDEX tb ON t(b) WHERE b > 1',
    'CREATE TABLE c(x REFERENCES t(a))',
    'CREATE VIEW v AS SELECT t.a, b FROM t',
    'CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO c VALUES (new.a); END',
    'CREATE TRIGGER tc AFTER INSERT ON c BEGIN SELECT * FROM t; END',
    // A view left broken by a DROP TABLE: legacy mode does not look at views.
    'CREATE TABLE nope(x)',
    'CREATE VIEW broken AS SELECT * FROM nope',
    'DROP TABLE nope',
  ];
  it('RENAME TO leaves views and trigger bodies alone, and other tables unless foreign_keys is on', () => {
    for (const fk of ['OFF', 'ON']) {
      expectSame([`PRAGMA foreign_keys = ${fk}`, ...schema, 'PRAGMA legacy_alter_table', 'PRAGMA legacy_alter_table = ON', 'PRAGMA legacy_alter_table', 'ALTER TABLE t RENAME TO t2']);
    }
  });

  it('still checks the renamed table itself, and is off again after OFF', () => {
    expectSame(['CREATE TABLE t(a, b CHECK (t.b > 0))', 'PRAGMA legacy_alter_table = 1', 'ALTER TABLE t RENAME TO t2']);
    expectSame([...schema, 'PRAGMA legacy_alter_table = ON', 'PRAGMA legacy_alter_table = OFF', 'ALTER TABLE t RENAME TO t2']);
  });
});
