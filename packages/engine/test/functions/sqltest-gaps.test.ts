// Differential tests (same SQL to Tandem and better-sqlite3) for function-level behaviours the
// .sqltest corpus found wrong: value subtypes (JSON), C-string functions over text with NUL,
// sums of infinities and BLOBs, likelihood's constant, CAST with no type, hex literal overflow.

import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

describe('JSON subtype travels with the register (vm/subtype.ts)', () => {
  it('is set by JSON functions and read by the function its result is passed to', () => {
    check([
      "SELECT json_array(json('[1,2]'), '[1,2]', json_object('a', 1), json_quote('x'))",
      "SELECT json_quote(json(1)), json_quote('1'), json_quote(json_quote('a'))",
      "SELECT json_insert('{}', '$.k', json_object('a', 1)), json_insert('{}', '$.k', '{\"a\":1}')",
      "SELECT json_array(json_extract('{\"a\":[1]}', '$.a')), json_array(json_extract('{\"a\":\"[1]\"}', '$.a'))",
      "SELECT json_array('{\"a\":[1]}' -> '$.a'), json_array('{\"a\":[1]}' ->> '$.a')",
      "SELECT subtype(json('1')), subtype('1'), subtype(json_pretty('[1]')), subtype(jsonb('1')), subtype(json_valid('1'))",
      // Plain TEXT equal to an earlier JSON result is still plain TEXT.
      "SELECT json('[1]'), json_array('[1]', json('[1]'))",
    ]);
  });
  it('is kept by CAST to TEXT, COLLATE, unary +, scalar subqueries and the functions returning an argument', () => {
    check([
      "SELECT subtype(CAST(json('1') AS TEXT)), subtype(CAST(json('1') AS INTEGER)), subtype(CAST(json('1') AS BLOB))",
      "SELECT subtype(json('1') COLLATE nocase), subtype(+json('1')), subtype((SELECT json('1')))",
      "SELECT subtype(coalesce(NULL, json('1'))), subtype(ifnull(NULL, json('1'))), subtype(iif(0, 1, json('1'))), subtype(nullif(json('1'), 2))",
      "SELECT subtype(max(json('1'), json('0'))), subtype(min(json('1'), 2)), subtype(likely(json('1'))), subtype(likelihood(json('1'), 0.5))",
      "SELECT subtype(iif(0, json('1'), '1')), subtype(json('1') || ''), subtype(printf('%s', json('1')))",
    ]);
  });
  it('follows the CASE branch taken, row by row', () => {
    check([
      'CREATE TABLE t(v)',
      'INSERT INTO t VALUES (1), (2), (3)',
      "SELECT v, subtype(CASE WHEN v = 2 THEN json('1') ELSE '1' END) FROM t",
      "SELECT v, json_array(CASE v WHEN 1 THEN '[1]' WHEN 2 THEN json('[1]') END) FROM t",
    ]);
  });
  it('is stripped by tables, subqueries, views and CTEs', () => {
    check([
      "SELECT json_array(x), subtype(x) FROM (SELECT json('[1,2,3]') AS x)",
      "WITH t AS (SELECT json('[1]') AS x) SELECT json_array(x) FROM t",
      "WITH t(a) AS MATERIALIZED (SELECT json(1)) SELECT json_quote(a) FROM t",
      "SELECT json_array(j) FROM (SELECT json('[1]') AS j UNION ALL SELECT json('{\"a\":1}'))",
      "SELECT *, json_quote(y) FROM (SELECT +json('1') AS y) WHERE json_quote(y) = '\"1\"'",
      'CREATE TABLE t1(a)',
      "INSERT INTO t1 VALUES ('x')",
      'CREATE VIEW v0(c0) AS SELECT json(TRUE)',
      'SELECT NOT json_quote(v0.c0) FROM v0, t1',
      'SELECT * FROM v0, t1 WHERE NOT json_quote(v0.c0)',
      'CREATE TABLE t3(b)',
      'INSERT INTO t3 VALUES (json(TRUE))',
      'SELECT * FROM t3, t1 WHERE NOT json_quote(b)',
    ]);
  });
  it('reaches aggregates (GROUP BY sorter and windows included) and their results carry it', () => {
    check([
      'CREATE TABLE t(g, v)',
      'INSERT INTO t VALUES (1, 1), (1, 2), (2, 3)',
      'SELECT json_group_array(json_array(v)), subtype(json_group_array(v)) FROM t',
      'SELECT g, json_group_array(json_array(v)), json_group_object(v, json_object(\'v\', v)) FROM t GROUP BY g ORDER BY g DESC',
      'SELECT g, json_group_array(DISTINCT json_array(v)) FILTER (WHERE v > 1) FROM t GROUP BY g',
      'SELECT g, json_group_array(json_array(v)) OVER (PARTITION BY g ORDER BY v), subtype(json_group_array(v) OVER ()) FROM t',
      'SELECT json_array(json_group_array(v)) FROM t',
      'SELECT json_group_object(g, vals) FROM (SELECT g, json_group_array(v) AS vals FROM t GROUP BY g)',
    ]);
  });
  it('is kept by min() and max() (not as window functions) and by trigger NEW values', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, j)',
      "INSERT INTO t VALUES (1, '{\"a\":1}'), (2, '[2]'), (3, '[3]')",
      'SELECT json_array(max(j)), json_array(max(json(j))), json_array(min(json(j)) FILTER (WHERE id > 1)) FROM t',
      'SELECT json_array(max(json(j))) FROM t GROUP BY id % 2 ORDER BY 1',
      'SELECT json_array(max(json(j)) OVER (ORDER BY id)) FROM t',
      'CREATE TABLE log(v)',
      'CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (json_array(NEW.j, json(NEW.j))); END',
      "INSERT INTO t VALUES (4, json('[4]'))",
      "UPDATE t SET j = json_set(j, '$.k', json('[1,2]')) WHERE id = 1 RETURNING j",
      'SELECT * FROM log',
      'SELECT json_array(j) FROM t WHERE id = 4',
    ]);
  });
  it('is given to json_each and json_tree values that are containers', () => {
    check([
      "SELECT json_array(value), subtype(value) FROM json_each('[[1],2,\"a\",{\"b\":1}]')",
      "SELECT json_array(value), subtype(value) FROM json_tree('[[1]]')",
      "SELECT json_group_array(value) FROM json_each('[[1],{\"a\":2},3]') WHERE type <> 'integer'",
    ]);
  });
});

describe('JSON edge cases', () => {
  it('rejects JSONB numbers that are not numbers, takes escaped quotes in path labels, and allows no arguments', () => {
    check([
      "SELECT json_extract(X'256162', '$')",
      "SELECT json_extract(X'45312e652b', '$')",
      "SELECT json_extract(X'266162', '$')",
      "SELECT json_extract(X'3132', '$'), json_extract(X'13', '$')",
      `SELECT json_extract('{"\\"":1 }', '$."\\""'), json_extract('{"a\\"b":1 }', '$."a\\"b"'), json_set('{}', '$."a\\"b"', 2)`,
      `SELECT json_extract('{"a":1}', '$."a\\"')`,
      'SELECT json_extract(), jsonb_extract(), json_insert(), json_set(), json_replace(), json_remove()',
    ]);
  });
});

describe('text functions stop at a NUL character, as SQLite walks C strings', () => {
  it('substr, quote, LIKE and GLOB', () => {
    check([
      "SELECT hex(substr('a' || char(0) || 'b' || char(0) || 'c', 1, 2)), hex(substr('a' || char(0) || 'b', 2, 1)), substr('ab' || char(0) || 'c', -2)",
      "SELECT quote(concat('abc', char(0), 'def')), quote(char(0)), quote(char(0) || 'x')",
      "SELECT 'a' || char(0) || 'b' GLOB 'a?b', 'a' || char(0) || 'b' GLOB 'a??', 'a' GLOB 'a' || char(0) || 'b'",
      "SELECT 'a' || char(0) || 'b' LIKE 'a%', 'a' LIKE 'a' || char(0) || 'x', length('a' || char(0) || 'b')",
    ]);
  });
  it('replace() with a pattern starting with NUL changes nothing', () => {
    check([
      "SELECT hex(replace('a' || char(0) || 'b', 'a' || char(0), 'X')), hex(replace('a' || char(0) || 'b', char(0), 'X')), hex(replace('abc', char(0) || 'b', 'X'))",
      "SELECT length(replace(zeroblob(10), x'00', '%')), 'test' LIKE replace(zeroblob(11000), x'00', '%')",
    ]);
  });
  it('group_concat of empty strings in a moving window', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT, sep TEXT)',
      "INSERT INTO t VALUES (1, '', '|'), (2, '', '|'), (3, 'x', '|'), (4, 'y', '--')",
      'SELECT id, quote(group_concat(v, sep) OVER w), quote(string_agg(v, sep) OVER w) FROM t WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY id',
    ]);
  });
});

describe('LIKE and GLOB matching limits', () => {
  it('stop early when a wildcard finds no match (no exponential backtracking) and refuse patterns over 50000 bytes', () => {
    check([
      "SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b'",
      "SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' GLOB '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'",
      "SELECT 'abc' LIKE '%b%', 'abc' LIKE '%_', 'abc' LIKE '%___', 'abc' LIKE '%____', 'ab' LIKE 'a%b%', '' LIKE '%', '' LIKE '_'",
      "SELECT 'abcabd' GLOB '*ab?', 'x' GLOB '*[a-z]', 'a]' GLOB '*]', 'abc' GLOB 'a*[bc]', 'a%' LIKE '%\\%' ESCAPE '\\'",
      "SELECT 'test' LIKE replace(zeroblob(135000), x'00', 'a')",
      "SELECT 'test' LIKE char(0) || replace(zeroblob(60000), x'00', 'a')",
    ]);
  });
});

describe('sum, total and avg', () => {
  it('give NULL when +Inf and -Inf cancel, and add BLOBs as REAL', () => {
    check([
      "SELECT typeof(sum(x)), sum(x), total(x), avg(x) FROM (SELECT '1e999' AS x UNION ALL SELECT '-1e999')",
      'WITH t1(x) AS (VALUES (1.0), (-9e+999), (2.0), (+9e+999), (3.0)) SELECT typeof(sum(x)), sum(x), total(x), avg(x) FROM t1',
      'SELECT typeof(sum(x)), sum(x) > 0, typeof(avg(x)) FROM (SELECT 1e999 AS x UNION ALL SELECT 1)',
      "SELECT typeof(sum(x)), sum(x), total(x), avg(x) FROM (SELECT x'3130' AS x UNION ALL SELECT x'3230')",
      "SELECT typeof(sum(x)), sum(x) FROM (SELECT x'' AS x UNION ALL SELECT 1)",
      'SELECT sum(x) OVER (ORDER BY y ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM (SELECT 1e999 AS x, 1 AS y UNION ALL SELECT -1e999, 2 UNION ALL SELECT 1, 3)',
    ]);
  });
});

describe('compile-time rules', () => {
  it("likelihood's probability must be a REAL literal between 0.0 and 1.0", () => {
    check([
      'CREATE TABLE t(a)',
      'SELECT likelihood(1, 0.5), likelihood(1, 1.0), likelihood(1, (0.25))',
      'SELECT likelihood(1, 0.5 + 0.3)',
      'SELECT likelihood(a, 0.5 + 0.1) FROM t',
      'SELECT likelihood(1, 1)',
      "SELECT likelihood(1, '0.5')",
      'SELECT likelihood(1, 1.5)',
    ]);
  });
  it('CAST with no type name converts as NUMERIC', () => {
    check([
      "SELECT CAST('hello' AS), typeof(CAST('hello' AS)), typeof(CAST('123.45' AS)), CAST('123.45' AS)",
      "SELECT 1 WHERE CAST(1 AS) = 1",
      "SELECT CAST(x'3132' AS), CAST(1.0 AS), CAST('1e2' AS)",
      "CREATE TABLE ct AS SELECT CAST(1 AS) AS x",
      "SELECT sql FROM sqlite_schema WHERE name = 'ct'",
    ]);
  });
  it('-0x8000000000000000 is a "hex literal too big" error when coded, a REAL as a stored default', () => {
    check([
      'SELECT -0x8000000000000000',
      'SELECT -(0x8000000000000000)',
      'SELECT - -0x8000000000000000',
      'SELECT 0x8000000000000000, 0x1ffffffffffffffff',
      'SELECT -9223372036854775808, -(-9223372036854775808)',
      'CREATE TABLE t (a INTEGER)',
      'INSERT INTO t VALUES (1)',
      'ALTER TABLE t ADD COLUMN b DEFAULT -0x8000000000000000',
      'ALTER TABLE t ADD COLUMN c DEFAULT (-0x8000000000000000)',
      'SELECT a, b, typeof(b), c, typeof(c) FROM t',
      'INSERT INTO t (a) VALUES (2)',
      'CREATE TABLE u (a, b DEFAULT -0x8000000000000000)',
      'INSERT INTO u (a) VALUES (1)',
    ]);
  });
});

describe('BLOB arguments (found by the differential fuzzer)', () => {
  it('LIKE and GLOB never match a BLOB on either side, as in better-sqlite3 (SQLITE_LIKE_DOESNT_MATCH_BLOBS)', () => {
    check([
      "SELECT x'41' LIKE 'A%', x'41' GLOB 'A*', 'A' LIKE x'41', 'A' GLOB x'41', like('A%', x'41'), x'41' LIKE x'41'",
      "SELECT NULL LIKE x'41', x'41' LIKE NULL, x'41' LIKE 'A' ESCAPE NULL, typeof(NULL GLOB x'41')",
      'CREATE TABLE t(v)',
      "INSERT INTO t VALUES ('abc'), (x'616263'), (NULL)",
      "SELECT typeof(v), v LIKE 'a%', v GLOB 'a*', v NOT LIKE 'a%' FROM t",
    ]);
  });
  it('substr of an empty BLOB is NULL, of a non-empty one a BLOB', () => {
    check(["SELECT substr(x'',1), substr(x'',0), substr(x'',1,1), substr(x'00',2), typeof(substr(x'',1)), substr('',1), typeof(substr(x'0102',5))"]);
  });
});

describe('printf length limit (found by the differential fuzzer)', () => {
  it('a result over SQLITE_MAX_LENGTH is SQLITE_TOOBIG, not a JavaScript RangeError', () => {
    check(["SELECT length(printf('%1000000000s%1000000000s', 'a', 'b'))", "SELECT length(printf('%2000000000d', 1))"]);
  });
});
