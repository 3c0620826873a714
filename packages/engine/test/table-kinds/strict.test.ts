// STRICT tables against SQLite: the six type names, value coercion and rejection on INSERT,
// UPDATE and upsert (SQLITE_CONSTRAINT_DATATYPE), rowid aliases, ANY columns and random data.

import { describe, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

describe('STRICT tables', () => {
  it('accept only the six type names', () => {
    check([
      'CREATE TABLE s1(a VARCHAR) STRICT',
      'CREATE TABLE s2(a INT, b) STRICT',
      'CREATE TABLE s3(a INTEGER(10)) STRICT',
      'CREATE TABLE s4(a int, b Integer, c real, d text, e blob, f any) STRICT',
      'CREATE TABLE s5(a "TEXT") STRICT',
      "SELECT name, strict FROM pragma_table_list WHERE name LIKE 's%' ORDER BY name",
      'SELECT * FROM pragma_table_info(\'s4\')',
    ]);
  });

  it('coerce and reject values on INSERT', () => {
    check([
      'CREATE TABLE t(a INTEGER, b REAL, c TEXT, d BLOB, e ANY, f INT) STRICT',
      "INSERT INTO t VALUES (1, 2, 'x', x'01', 5, 6)",
      "INSERT INTO t VALUES ('12', '2.5', 3, x'02', '7', ' 8 ')",
      "INSERT INTO t(a) VALUES ('abc')",
      'INSERT INTO t(a) VALUES (1.5)',
      'INSERT INTO t(a) VALUES (2.0)',
      "INSERT INTO t(b) VALUES ('abc')",
      'INSERT INTO t(b) VALUES (x\'00\')',
      'INSERT INTO t(b) VALUES (9223372036854775807)',
      'INSERT INTO t(b) VALUES (123456789012345)',
      'INSERT INTO t(c) VALUES (x\'61\')',
      'INSERT INTO t(c) VALUES (1.25)',
      "INSERT INTO t(d) VALUES ('text')",
      'INSERT INTO t(d) VALUES (1)',
      "INSERT INTO t(e) VALUES ('1'), (1.0), (x'01'), (NULL), ('  3')",
      'INSERT INTO t(f) VALUES (3.5)',
      'INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL)',
      'SELECT rowid, a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e), f, typeof(f) FROM t ORDER BY rowid',
      'SELECT count(*) FROM t WHERE b = 2',
    ]);
  });

  it('reject on UPDATE and upsert, with OR IGNORE not skipping the error', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a INT UNIQUE, b TEXT) STRICT',
      "INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y')",
      "UPDATE t SET a = 'no' WHERE id = 1",
      "UPDATE t SET a = '15' WHERE id = 1",
      'UPDATE t SET b = 5 WHERE id = 2',
      "INSERT INTO t VALUES (3, 20, 'z') ON CONFLICT(a) DO UPDATE SET b = 1.5",
      "INSERT INTO t VALUES (3, 20, 'z') ON CONFLICT(a) DO UPDATE SET b = excluded.b || '!'",
      "INSERT OR IGNORE INTO t VALUES (4, 'bad', 'q')",
      "INSERT OR REPLACE INTO t VALUES (1, 'bad', 'q')",
      "INSERT INTO t(id, a) VALUES ('x', 1)",
      "INSERT INTO t(id, a) VALUES ('7', 1)",
      "INSERT INTO t(id, a) VALUES (8.0, 2)",
      'SELECT id, typeof(id), a, typeof(a), b, typeof(b) FROM t ORDER BY id',
    ]);
  });

  it('PRIMARY KEY columns that are not the rowid are NOT NULL', () => {
    check([
      'CREATE TABLE p(a TEXT PRIMARY KEY, b INT) STRICT',
      'INSERT INTO p VALUES (NULL, 1)',
      "INSERT INTO p VALUES ('k', 1)",
      'CREATE TABLE q(a INT, b INT, PRIMARY KEY(a, b)) STRICT',
      'INSERT INTO q VALUES (1, NULL)',
      'SELECT * FROM p',
      "SELECT name, \"notnull\" FROM pragma_table_info('q')",
    ]);
  });

  it('keeps the constraint order of NOT NULL, CHECK and uniqueness', () => {
    check([
      'CREATE TABLE c(a INT NOT NULL, b TEXT CHECK (length(b) < 3), u INT UNIQUE) STRICT',
      "INSERT INTO c VALUES (1, 'a', 1)",
      "INSERT INTO c VALUES (NULL, 'abcd', 'x')",
      "INSERT INTO c VALUES ('x', 'abcd', 1)",
      "INSERT INTO c VALUES ('x', 'ab', 1)",
      "INSERT INTO c VALUES (2, 'ab', 'x')",
      'SELECT * FROM c',
    ]);
  });

  it('type-check before BEFORE triggers run, and hand them the coerced values', () => {
    check([
      'CREATE TABLE s(a INT, b REAL) STRICT',
      'CREATE TABLE log(x, tx, y, ty)',
      "CREATE TRIGGER bi BEFORE INSERT ON s BEGIN INSERT INTO log VALUES (NEW.a, typeof(NEW.a), NEW.b, typeof(NEW.b)); SELECT RAISE(ABORT, 'trig') WHERE NEW.a = 13; END",
      "INSERT INTO s VALUES ('x', 1)",
      "INSERT INTO s VALUES ('12', '3')",
      'INSERT INTO s VALUES (13, 1)',
      "CREATE TRIGGER bu BEFORE UPDATE ON s BEGIN SELECT RAISE(ABORT, 'trig') WHERE NEW.a = 14; END",
      "UPDATE s SET a = 'y'",
      'UPDATE s SET a = 14',
      'SELECT a, typeof(a), b, typeof(b) FROM s',
      'SELECT * FROM log',
    ]);
  });

  it('random values land exactly as SQLite stores them', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pool: SqlValue[] = [null, 0n, -1n, 42n, 9223372036854775807n, 1.5, -0.25, 3.0, 1e300, '', '12', '12.0', ' 7', '0x10', '1e3', 'abc', 'x', new Uint8Array([]), new Uint8Array([1, 2])];
    const statements: (string | [string, SqlValue[]])[] = ['CREATE TABLE r(a INT, b INTEGER, c REAL, d TEXT, e BLOB, f ANY) STRICT'];
    for (let i = 0; i < 120; i++) {
      const values = Array.from({ length: 6 }, () => pool[Math.floor(random() * pool.length)]!);
      statements.push(['INSERT INTO r VALUES (?, ?, ?, ?, ?, ?)', values]);
    }
    statements.push('SELECT rowid, quote(a), typeof(a), quote(b), typeof(b), quote(c), typeof(c), quote(d), typeof(d), quote(e), typeof(e), quote(f), typeof(f) FROM r ORDER BY rowid');
    for (let i = 0; i < 40; i++) {
      const column = 'abcdef'[Math.floor(random() * 6)]!;
      statements.push([`UPDATE r SET ${column} = ? WHERE rowid % 7 = ${i % 7}`, [pool[Math.floor(random() * pool.length)]!]]);
    }
    statements.push('SELECT rowid, quote(a), quote(b), quote(c), quote(d), quote(e), quote(f) FROM r ORDER BY rowid');
    check(statements);
  });
});
