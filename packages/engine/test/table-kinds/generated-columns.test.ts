// Generated columns (VIRTUAL and STORED) against SQLite: CREATE TABLE's checks, computing on
// INSERT/UPDATE/upsert, reading them in WHERE/ORDER BY/indexes, the errors for writing them,
// table_xinfo, affinity, collation, NOT NULL and CHECK, STRICT tables, and random data.

import { describe, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

describe('generated columns', () => {
  it('are refused where SQLite refuses them', () => {
    check([
      'CREATE TABLE a(x, y AS (y+1))',
      'CREATE TABLE a2(x, y AS (z+1), z AS (y))',
      'CREATE TABLE a3(x AS (1) PRIMARY KEY, y)',
      'CREATE TABLE a4(x, y AS (random()))',
      'CREATE TABLE a5(x, y AS ((SELECT 1)))',
      'CREATE TABLE a6(x, y AS (1) DEFAULT 3)',
      'CREATE TABLE a7(y AS (1))',
      'CREATE TABLE a8(x, y AS (rowid))',
      'CREATE TABLE a9(x, y AS (count(x)))',
      'CREATE TABLE a10(x, y AS (q))',
      'CREATE TABLE a12(x, y AS (x), PRIMARY KEY(y))',
      'CREATE TABLE a13(x, y AS (?))',
      'CREATE TABLE a17(x, y AS (a17.x))',
      'CREATE TABLE a18(x, y AS (abs(x)) AS (x))',
      'CREATE TABLE a19(x, y AS (x) STORED, z AS (y) VIRTUAL, w AS (z+y) STORED)',
      'CREATE TABLE a22(x, y AS (last_insert_rowid()))',
      'CREATE TABLE a23(x, y AS (x IN (1,2)))',
      'CREATE TABLE a24(x, y AS (x OR EXISTS (SELECT 1)))',
      'CREATE TABLE a25(x, y AS (nosuchfn(x)))',
      'CREATE TABLE a26(x, y AS (abs(x, 1)))',
      'CREATE TABLE a27(x, y AS (CURRENT_TIME))',
      'CREATE TABLE a28(x, y AS (CASE WHEN x THEN a28.x END))',
      'CREATE TABLE a29(x, y AS (CASE WHEN x THEN (SELECT 1) END))',
      'CREATE TABLE a30(x, y AS (CASE WHEN x THEN z ELSE 0 END), z AS (CASE y WHEN 1 THEN 2 END))',
      'CREATE TABLE a31(x, y AS (x IN (SELECT 1)))',
      "SELECT name FROM sqlite_schema ORDER BY name",
      'CREATE TABLE d(a INT, g AS (a + 1))',
      'ALTER TABLE d DROP COLUMN a',
    ]);
  });

  it('refuse the clock and the time zone in date functions when they run', () => {
    check([
      "CREATE TABLE t5(a, b TEXT AS (datetime(a)), c AS (strftime('%Y', a, 'utc')) VIRTUAL, d AS (date()) VIRTUAL, e AS (date(a, '+1 day')) STORED)",
      "INSERT INTO t5(a) VALUES ('2020-01-01')",
      "INSERT INTO t5(a) VALUES ('now')",
      "SELECT a, b, e FROM t5",
      'SELECT c FROM t5',
      'SELECT d FROM t5',
      'CREATE TABLE t6(a, b AS (julianday(a, \'localtime\')), c AS (timediff(a, \'2020-01-01\')))',
      "INSERT INTO t6(a) VALUES ('2021-01-01')",
      "CREATE TABLE t7(a, c AS (timediff(a, '2020-01-01')) STORED, u AS (unixepoch(a, 'subsec')))",
      "INSERT INTO t7(a) VALUES ('2021-01-01')",
      "INSERT INTO t7(a) VALUES ('NOW')",
      'SELECT * FROM t7',
    ]);
  });

  it('compute VIRTUAL and STORED values on INSERT and UPDATE', () => {
    check([
      'CREATE TABLE g(a, b AS (a*2) VIRTUAL, c AS (a+1) STORED)',
      'INSERT INTO g VALUES (1)',
      'INSERT INTO g(a) VALUES (2), (NULL), (2.5)',
      "INSERT INTO g VALUES ('3')",
      'INSERT INTO g VALUES (1,2,3)',
      'INSERT INTO g(b) VALUES (1)',
      'INSERT INTO g(a,c) VALUES (1,2)',
      'INSERT INTO g DEFAULT VALUES',
      'UPDATE g SET b = 1',
      'UPDATE g SET c = 1, b = 2',
      'UPDATE g SET a = a + 10 WHERE a > 1',
      'SELECT rowid, *, typeof(b), typeof(c) FROM g ORDER BY rowid',
      'SELECT a FROM g WHERE b > 20 ORDER BY c DESC',
      'SELECT * FROM g ORDER BY b',
      'SELECT b, count(*) FROM g GROUP BY b ORDER BY 1',
      'DELETE FROM g WHERE c = 3',
      'SELECT * FROM g ORDER BY rowid',
      'INSERT INTO g(a) VALUES (100) RETURNING *',
      'UPDATE g SET a = 7 WHERE a = 100 RETURNING b, c',
    ]);
  });

  it('follow dependencies between generated columns, in any declaration order', () => {
    check([
      "CREATE TABLE d(p AS (q || '!'), q AS (upper(r)) STORED, r TEXT, s AS (length(p) + k) VIRTUAL, k INTEGER PRIMARY KEY)",
      "INSERT INTO d(r) VALUES ('ab'), ('xyz')",
      "INSERT INTO d(r, k) VALUES ('q', 10)",
      "UPDATE d SET r = 'changed' WHERE k = 2",
      'SELECT rowid, * FROM d ORDER BY k',
      "SELECT * FROM d WHERE p = 'XYZ!' OR s = 12",
    ]);
  });

  it('take the affinity, collation, NOT NULL and CHECK of their declaration', () => {
    check([
      "CREATE TABLE f(a, t TEXT AS (a), i INT AS (a) STORED, r REAL AS (a), n AS (a || '') COLLATE NOCASE, x ANY AS (a))",
      "INSERT INTO f VALUES (1), ('2'), (3.0), ('abc'), (x'01')",
      'SELECT a, t, typeof(t), i, typeof(i), r, typeof(r), typeof(x) FROM f ORDER BY rowid',
      "SELECT count(*) FROM f WHERE n = 'ABC'",
      "SELECT n FROM f ORDER BY n",
      'CREATE TABLE k(a, b AS (a * 2) NOT NULL, c AS (a - 1) STORED CHECK (c >= 0))',
      'INSERT INTO k VALUES (NULL)',
      'INSERT INTO k VALUES (0)',
      'INSERT INTO k VALUES (5)',
      'UPDATE k SET a = NULL',
      'UPDATE k SET a = -3',
      'INSERT OR IGNORE INTO k VALUES (0)',
      'SELECT * FROM k',
    ]);
  });

  it('can be indexed, including UNIQUE, and the index follows updates and deletes', () => {
    check([
      'CREATE TABLE u(id INTEGER PRIMARY KEY, email TEXT, lower_email AS (lower(email)) VIRTUAL UNIQUE, domain AS (substr(email, instr(email, \'@\') + 1)) STORED)',
      'CREATE INDEX u_domain ON u(domain)',
      "INSERT INTO u(email) VALUES ('Ann@x.org'), ('bob@Y.org'), ('cy@x.org')",
      "INSERT INTO u(email) VALUES ('ANN@X.ORG')",
      "INSERT INTO u(email) VALUES ('ann@x.org') ON CONFLICT(lower_email) DO UPDATE SET email = excluded.email || '.uk'",
      "SELECT id, email, lower_email, domain FROM u WHERE domain = 'x.org' ORDER BY id",
      "SELECT id FROM u WHERE lower_email = 'bob@y.org'",
      "UPDATE u SET email = 'zed@z.org' WHERE id = 2",
      "DELETE FROM u WHERE domain = 'x.org.uk'",
      'SELECT * FROM u ORDER BY domain, id',
      'PRAGMA integrity_check',
      'CREATE INDEX u_late ON u(lower_email, domain)',
      "SELECT id FROM u WHERE lower_email > 'a' ORDER BY lower_email",
      'PRAGMA integrity_check',
    ]);
  });

  it('are described by table_xinfo and hidden from table_info', () => {
    check([
      "CREATE TABLE x(a INT, b INT GENERATED ALWAYS AS (a+1), c TEXT AS (a||'x') STORED, d)",
      "SELECT * FROM pragma_table_info('x')",
      "SELECT * FROM pragma_table_xinfo('x')",
      'PRAGMA table_xinfo(x)',
    ]);
  });

  it('work in STRICT tables (type checks of ordinary columns first, then of STORED ones)', () => {
    check([
      "CREATE TABLE s(a INT, b TEXT AS (a * 2) STORED, c INT AS (a || 'x') VIRTUAL, d REAL AS (a / 2) STORED) STRICT",
      'INSERT INTO s(a) VALUES (4)',
      "INSERT INTO s(a) VALUES ('x')",
      'SELECT a, b, typeof(b), c, typeof(c), d, typeof(d) FROM s',
      "CREATE TABLE s2(a TEXT, b INT AS (a) STORED) STRICT",
      "INSERT INTO s2 VALUES ('12')",
      "INSERT INTO s2 VALUES ('abc')",
      'SELECT a, b, typeof(b) FROM s2',
    ]);
  });

  it('survive ALTER TABLE: ADD COLUMN (with its row checks), DROP COLUMN, RENAME COLUMN', () => {
    check([
      'CREATE TABLE g(a, v AS (a*2), b, s AS (b||a) STORED, c)',
      "INSERT INTO g(a,b,c) VALUES (1,'x',10),(2,'y',20)",
      'ALTER TABLE g ADD COLUMN w AS (c+1)',
      'ALTER TABLE g ADD COLUMN z INT DEFAULT 7',
      'ALTER TABLE g ADD COLUMN st AS (c+1) STORED',
      'ALTER TABLE g ADD COLUMN nn AS (NULLIF(a, 2)) NOT NULL',
      'ALTER TABLE g ADD COLUMN nn AS (NULLIF(a, 3)) NOT NULL',
      'ALTER TABLE g ADD COLUMN ck AS (a) CHECK (ck < 2)',
      'ALTER TABLE g ADD COLUMN bad AS (random())',
      'SELECT * FROM g',
      'ALTER TABLE g DROP COLUMN v',
      'ALTER TABLE g DROP COLUMN b',
      'ALTER TABLE g DROP COLUMN s',
      'ALTER TABLE g DROP COLUMN b',
      'ALTER TABLE g RENAME COLUMN a TO aa',
      "INSERT INTO g(aa, c) VALUES (5, 50)",
      'UPDATE g SET c = c + 1 WHERE aa = 1',
      'SELECT * FROM g',
      'SELECT sql FROM sqlite_schema',
      'PRAGMA integrity_check',
    ]);
  });

  it('are seen by triggers, upserts, INSERT ... SELECT and UPDATE ... FROM', () => {
    check([
      'CREATE TABLE g(id INTEGER PRIMARY KEY, a, v AS (a * 10), s AS (a + 1) STORED)',
      'CREATE TABLE log(what, old_v, new_v, new_s)',
      "CREATE TRIGGER gi BEFORE INSERT ON g BEGIN INSERT INTO log VALUES ('bi', NULL, NEW.v, NEW.s); END",
      "CREATE TRIGGER ga AFTER INSERT ON g BEGIN INSERT INTO log VALUES ('ai', NULL, NEW.v, NEW.s); END",
      "CREATE TRIGGER gu BEFORE UPDATE ON g BEGIN INSERT INTO log VALUES ('bu', OLD.v, NEW.v, NEW.s); END",
      "CREATE TRIGGER gv AFTER UPDATE OF v ON g BEGIN INSERT INTO log VALUES ('au-of-v', OLD.v, NEW.v, NEW.s); END",
      "CREATE TRIGGER gd AFTER DELETE ON g BEGIN INSERT INTO log VALUES ('ad', OLD.v, NULL, OLD.s); END",
      'INSERT INTO g(a) VALUES (1), (2)',
      'INSERT INTO g(a) SELECT a + 100 FROM g',
      'UPDATE g SET a = a + 1 WHERE id = 1',
      'INSERT INTO g(id, a) VALUES (2, 50) ON CONFLICT(id) DO UPDATE SET a = excluded.a + excluded.v',
      'INSERT INTO g(id, a) VALUES (2, 50) ON CONFLICT(id) DO UPDATE SET v = 1',
      'CREATE TABLE src(id, na)',
      'INSERT INTO src VALUES (3, 7), (4, 8)',
      'UPDATE g SET a = src.na FROM src WHERE src.id = g.id',
      'DELETE FROM g WHERE v > 1000',
      'SELECT * FROM g ORDER BY id',
      'SELECT rowid, * FROM log ORDER BY rowid',
    ]);
  });

  it('work in WITHOUT ROWID and STRICT tables together', () => {
    check([
      'CREATE TABLE w(k TEXT PRIMARY KEY, v INT, g INT AS (v*2), s TEXT AS (k||v) STORED, z ANY) WITHOUT ROWID, STRICT',
      'CREATE INDEX w_g ON w(g)',
      "INSERT INTO w(k, v, z) VALUES ('a', 1, x'00'), ('b', '2', 2.5)",
      "INSERT INTO w(k, v) VALUES ('c', 'x')",
      'UPDATE w SET v = v + 1',
      "DELETE FROM w WHERE g = 4 AND k = 'a'",
      'SELECT * FROM w ORDER BY k',
      'SELECT k FROM w WHERE g > 2',
      'PRAGMA integrity_check',
    ]);
  });

  it('random rows agree with SQLite', () => {
    let seed = 777;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pool: SqlValue[] = [null, 0n, -7n, 42n, 1.5, -0.25, '', '12', 'abc', 'Zed', new Uint8Array([1, 2])];
    const statements: (string | [string, SqlValue[]])[] = [
      "CREATE TABLE r(id INTEGER PRIMARY KEY, a, b TEXT, v1 AS (a + 1), s1 NUMERIC AS (coalesce(b, '') || a) STORED, v2 TEXT AS (s1 || v1) VIRTUAL, s2 AS (typeof(a) || typeof(b)) STORED, c)",
      'CREATE INDEX r_v2 ON r(v2)',
      'CREATE INDEX r_s2 ON r(s2, v1)',
    ];
    for (let i = 0; i < 80; i++) {
      const pick = (): SqlValue => pool[Math.floor(random() * pool.length)]!;
      statements.push(['INSERT INTO r(a, b, c) VALUES (?, ?, ?)', [pick(), pick(), pick()]]);
    }
    for (let i = 0; i < 25; i++) {
      const pick = (): SqlValue => pool[Math.floor(random() * pool.length)]!;
      statements.push([`UPDATE r SET ${random() < 0.5 ? 'a' : 'b'} = ? WHERE id % 5 = ${i % 5}`, [pick()]]);
      if (i % 6 === 0) statements.push([`DELETE FROM r WHERE v1 = ?`, [pick()]]);
    }
    statements.push('SELECT id, quote(a), quote(b), quote(v1), quote(s1), quote(v2), quote(s2), quote(c) FROM r ORDER BY id');
    statements.push('SELECT id FROM r WHERE v2 > \'1\' ORDER BY v2, id');
    statements.push("SELECT s2, count(*), sum(v1) FROM r GROUP BY s2 ORDER BY s2");
    statements.push('PRAGMA integrity_check');
    check(statements);
  });
});
