// ON DELETE / ON UPDATE actions against SQLite: CASCADE through several levels and through a
// self-referencing table, SET NULL, SET DEFAULT (which may itself violate), RESTRICT (immediate
// even for a deferred constraint, waiting under defer_foreign_keys), NO ACTION, ON UPDATE firing
// only when the key changes, and actions started by REPLACE, UPSERT and DROP TABLE.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

describe('foreign key actions', () => {
  it('cascade deletes and updates through several levels', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE a(id INTEGER PRIMARY KEY, name TEXT UNIQUE)',
      'CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id) ON DELETE CASCADE ON UPDATE CASCADE, tag TEXT UNIQUE)',
      'CREATE TABLE c(id INTEGER PRIMARY KEY, b_tag TEXT REFERENCES b(tag) ON DELETE CASCADE ON UPDATE CASCADE)',
      'CREATE INDEX c_tag ON c(b_tag)',
      "INSERT INTO a VALUES (1, 'one'), (2, 'two')",
      "INSERT INTO b VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, 'z')",
      "INSERT INTO c VALUES (100, 'x'), (101, 'x'), (102, 'y'), (103, 'z'), (104, NULL)",
      'UPDATE a SET id = 5 WHERE id = 1',
      "UPDATE b SET tag = tag || tag WHERE a_id = 5",
      'SELECT * FROM b ORDER BY id',
      'SELECT * FROM c ORDER BY id',
      'DELETE FROM a WHERE id = 5',
      'SELECT changes()',
      'SELECT * FROM b ORDER BY id',
      'SELECT * FROM c ORDER BY id',
      'PRAGMA foreign_key_check',
    ]);
  });

  it('cascades through a self-referencing tree', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE node(id INTEGER PRIMARY KEY, parent INTEGER REFERENCES node(id) ON DELETE CASCADE ON UPDATE CASCADE, label)',
      "INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'c'), (5, 4, 'd'), (6, NULL, 'other'), (7, 6, 'e')",
      'UPDATE node SET id = 40 WHERE id = 4',
      'SELECT * FROM node ORDER BY id',
      'DELETE FROM node WHERE id = 2',
      'SELECT * FROM node ORDER BY id',
      'DELETE FROM node WHERE parent IS NULL',
      'SELECT count(*) FROM node',
    ]);
  });

  it('SET NULL, SET DEFAULT, RESTRICT and NO ACTION', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY, k TEXT UNIQUE)',
      "INSERT INTO p VALUES (0, 'zero'), (1, 'one'), (2, 'two'), (3, 'three')",
      'CREATE TABLE sn(pid REFERENCES p(id) ON DELETE SET NULL ON UPDATE SET NULL)',
      'CREATE TABLE sd(pid INTEGER DEFAULT 0 REFERENCES p(id) ON DELETE SET DEFAULT)',
      'CREATE TABLE sd9(pid INTEGER DEFAULT 9 REFERENCES p(id) ON DELETE SET DEFAULT)',
      'CREATE TABLE r(pk TEXT REFERENCES p(k) ON DELETE RESTRICT ON UPDATE RESTRICT)',
      'CREATE TABLE nn(pid NOT NULL REFERENCES p(id) ON DELETE SET NULL)',
      'INSERT INTO sn VALUES (1), (2), (NULL)',
      'INSERT INTO sd VALUES (1), (2)',
      'INSERT INTO sd9 VALUES (3)',
      "INSERT INTO r VALUES ('two')",
      'INSERT INTO nn VALUES (3)',
      'DELETE FROM p WHERE id = 1',
      'SELECT * FROM sn ORDER BY rowid',
      'SELECT * FROM sd ORDER BY rowid',
      'UPDATE p SET id = 20 WHERE id = 2',
      "UPDATE p SET k = 'deux' WHERE id = 2",
      'DELETE FROM p WHERE id = 2',
      "DELETE FROM r",
      'UPDATE p SET id = 20 WHERE id = 2',
      'UPDATE p SET id = 20 WHERE id = 20',
      'SELECT * FROM sn ORDER BY rowid',
      'DELETE FROM p WHERE id = 3',
      'DELETE FROM nn',
      'DELETE FROM p WHERE id = 3',
      'SELECT * FROM sd9',
      'SELECT * FROM p ORDER BY id',
    ]);
  });

  it('runs the actions of several constraints in SQLite order', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE log(x)',
      'CREATE TABLE a(pid REFERENCES p ON DELETE CASCADE, q REFERENCES p ON DELETE SET NULL)',
      'CREATE TABLE b(pid REFERENCES p ON DELETE SET NULL)',
      "CREATE TRIGGER ad AFTER DELETE ON a BEGIN INSERT INTO log VALUES ('a deleted ' || old.pid); END",
      "CREATE TRIGGER au AFTER UPDATE ON a BEGIN INSERT INTO log VALUES ('a updated ' || old.pid); END",
      "CREATE TRIGGER bu AFTER UPDATE ON b BEGIN INSERT INTO log VALUES ('b updated ' || old.pid); END",
      'INSERT INTO p VALUES (1), (2)',
      'INSERT INTO a VALUES (1, 1), (2, 1)',
      'INSERT INTO b VALUES (1), (2)',
      'DELETE FROM p',
      'SELECT * FROM log ORDER BY rowid',
      'SELECT * FROM a',
      'SELECT * FROM b',
    ]);
  });

  it('ON UPDATE fires only when the key changes, compared with its collation', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(k TEXT COLLATE NOCASE PRIMARY KEY, v)',
      'CREATE TABLE c(k REFERENCES p ON UPDATE CASCADE, n)',
      "INSERT INTO p VALUES ('a', 1), ('b', 2)",
      "INSERT INTO c VALUES ('a', 1), ('A', 2), ('b', 3)",
      "UPDATE p SET k = 'A' WHERE k = 'a'",
      'SELECT * FROM c ORDER BY rowid',
      "UPDATE p SET k = 'bb' WHERE v = 2",
      'SELECT * FROM c ORDER BY rowid',
      'UPDATE p SET v = v + 1',
      'SELECT * FROM p ORDER BY v',
    ]);
  });

  it('REPLACE, UPSERT and DROP TABLE act on the rows they remove', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY, k UNIQUE)',
      'CREATE TABLE c(pid REFERENCES p(id) ON DELETE CASCADE, pk REFERENCES p(k))',
      "INSERT INTO p VALUES (1, 'a'), (2, 'b')",
      "INSERT INTO c VALUES (1, NULL), (2, NULL), (NULL, 'a')",
      "INSERT OR REPLACE INTO p VALUES (1, 'c')",
      'SELECT * FROM c ORDER BY rowid',
      "REPLACE INTO p VALUES (3, 'a')",
      "REPLACE INTO p VALUES (3, 'b')",
      'SELECT * FROM p ORDER BY id',
      'SELECT * FROM c ORDER BY rowid',
      "INSERT INTO p VALUES (3, 'z') ON CONFLICT(id) DO UPDATE SET id = 30",
      "INSERT INTO p VALUES (4, 'b') ON CONFLICT(k) DO UPDATE SET k = 'bb'",
      'SELECT * FROM p ORDER BY id',
      'DROP TABLE p',
      'DELETE FROM c WHERE pk IS NOT NULL',
      'DROP TABLE p',
      'SELECT * FROM c ORDER BY rowid',
      'SELECT name FROM sqlite_master ORDER BY name',
    ]);
  });
});
