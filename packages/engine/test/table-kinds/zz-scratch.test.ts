import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';
it('order', () => {
  const c = openConnection(':memory:');
  const o = new Database(':memory:');
  expect(differences(c, o, [
    'CREATE TABLE t(a UNIQUE, b UNIQUE)', 'INSERT INTO t VALUES(1,1)', 'INSERT INTO t VALUES(1,1)', 'CREATE TABLE w8(a PRIMARY KEY, b UNIQUE, c UNIQUE) WITHOUT ROWID', 'INSERT INTO w8 VALUES(1,1,1)', 'INSERT INTO w8 VALUES(1,1,1)','INSERT INTO w8 VALUES(1,2,1)', 'CREATE TABLE w9(a UNIQUE, b UNIQUE, c, PRIMARY KEY(c)) WITHOUT ROWID', 'INSERT INTO w9 VALUES(1,1,1)', 'INSERT INTO w9 VALUES(1,1,1)', 'INSERT INTO w9 VALUES(1,1,2)',
    'CREATE TABLE w1(a PRIMARY KEY, b UNIQUE) WITHOUT ROWID', 'INSERT INTO w1 VALUES (1, 1)', 'INSERT INTO w1 VALUES (1, 1)',
    'CREATE TABLE w2(a, b UNIQUE, PRIMARY KEY(a)) WITHOUT ROWID', 'INSERT INTO w2 VALUES (1, 1)', 'INSERT INTO w2 VALUES (1, 1)',
    'CREATE TABLE w3(a, b, PRIMARY KEY(a)) WITHOUT ROWID', 'CREATE UNIQUE INDEX w3b ON w3(b)', 'INSERT INTO w3 VALUES (1, 1)', 'INSERT INTO w3 VALUES (1, 1)',
    'CREATE TABLE w4(a PRIMARY KEY ON CONFLICT REPLACE, b UNIQUE) WITHOUT ROWID', 'INSERT INTO w4 VALUES (1, 1), (2, 2)', 'INSERT INTO w4 VALUES (1, 2)', 'INSERT INTO w4 VALUES (1, 3)', 'SELECT * FROM w4',
    'CREATE TABLE w5(a PRIMARY KEY, b UNIQUE ON CONFLICT REPLACE) WITHOUT ROWID', 'INSERT INTO w5 VALUES (1, 1), (2, 2)', 'INSERT INTO w5 VALUES (1, 2)', 'INSERT INTO w5 VALUES (3, 2)', 'SELECT * FROM w5',
    'CREATE TABLE w6(a INT PRIMARY KEY, b) WITHOUT ROWID', "INSERT INTO w6 VALUES ('7', 1), (7.0, 2)", 'SELECT a, typeof(a) FROM w6',
    'CREATE TABLE w7(a TEXT PRIMARY KEY DESC, b) WITHOUT ROWID', "INSERT INTO w7 VALUES ('a', 1), ('c', 2), ('b', 3)", 'SELECT * FROM w7', "SELECT * FROM w7 WHERE a > 'a'", "SELECT * FROM w7 WHERE a = 'b'",
  ])).toEqual([]);
});
