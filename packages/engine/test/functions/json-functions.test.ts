// JSON functions: json()/jsonb() over valid, JSON5 and malformed documents (text and JSONB bytes
// compared exactly), path lookups and edits, constructors, aggregates and error messages, all
// differentially against better-sqlite3.

import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteError } from '../../src/common/errors.js';
import type { SqlValue } from '../../src/common/values.js';
import { builtinFunctions } from '../../src/functions/builtins.js';
import type { ScalarEntry } from '../../src/functions/registry.js';
import { formatOutcome, runOracle, type Outcome } from '../sql/differential.js';
import { compareAll, openPair } from './support.js';

const pair = openPair();
afterAll(() => pair.close());

const q = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const DOCS = [
  '{}', '[]', '1', '-0', '1.5e10', '-12.25E-3', '0', '"abc"', '"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"', 'true', 'false', 'null',
  '{"a":1,"b":[1,2,{"c":null}],"d":{"e":"f"}}', ' [ 1 , 2 ] ', '[1,[2,[3,[4]]]]', '{"a":{"a":{"a":1}}}', '{"dup":1,"dup":2}', '"日本語😀"',
  // JSON5
  "{a:1, $b_2 : [1,], 'c':'x'}", "['single', 'it\\'s', 'tab\\there', '\\x41\\v\\0']", '[0x1F, -0x10, +5, .5, 5., 1.e3, Infinity, -Infinity, NaN, -nan]',
  '/* c */ [1, // line\n 2]', '[1,2,]', '{"a":1,}', '["a\\\nb"]', '"\u0001raw control"', "'\"'",
  // malformed
  '', ' ', '[', '{', '[1,,2]', '{"a"}', '{"a":}', '[01]', '[1 2]', '{"a":1 "b":2}', 'tru', 'nul', '"abc', '[1]x', '{1:2}', '[-]', '[1e]', '[.]', '0x', '"\\q"', '[1,]]',
];

describe('json and jsonb agree with SQLite', () => {
  it('json(), jsonb() bytes, json_valid, json_error_position, json_type over documents', () => {
    const statements = DOCS.flatMap((d) => [
      `SELECT json(${q(d)})`, `SELECT hex(jsonb(${q(d)}))`, `SELECT json_valid(${q(d)}), json_valid(${q(d)}, 2), json_valid(${q(d)}, 3), json_error_position(${q(d)})`,
      `SELECT json_type(${q(d)}), json_array_length(${q(d)}), json(jsonb(${q(d)}))`, `SELECT json_valid(jsonb(${q(d)}), 4), json_valid(jsonb(${q(d)}), 8), json_valid(jsonb(${q(d)}), 1)`,
    ]);
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('json_pretty', () => {
    const statements = DOCS.slice(0, 24).flatMap((d) => [`SELECT json_pretty(${q(d)})`, `SELECT json_pretty(${q(d)}, '  ')`, `SELECT json_pretty(${q(d)}, NULL)`]);
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('paths: json_extract, ->, ->>, json_type and json_array_length with paths', () => {
    const doc = q('{"a":1,"b":[1,2.5,{"c":null,"d":"x\\ny"}],"e":{"f g":true,"h":[]},"":0,"k.l":5,"m":"\\u0041"}');
    const paths = ['$', '$.a', '$.b', '$.b[0]', '$.b[2].c', '$.b[2].d', '$.b[#-1]', '$.b[#-3]', '$.b[#-4]', '$.b[3]', '$.b[#]', '$.e."f g"', '$.e.h', '$.""', '$."k.l"', '$.m', '$.x', '$.a.b', '$.b.c',
      '$[0]', '$.b[1', '$.b[x]', '$.', 'x', '$x', '$.b[-1]', '$."a', '$.e.h[0]', '$.b[2]["c"]', '$.b[1][0]', '$.b[#-0]', '$.b[ 1]'];
    const statements = paths.flatMap((p) => [
      `SELECT json_extract(${doc}, ${q(p)}), typeof(json_extract(${doc}, ${q(p)}))`, `SELECT json_type(${doc}, ${q(p)}), json_array_length(${doc}, ${q(p)})`,
      `SELECT hex(jsonb_extract(${doc}, ${q(p)}))`,
    ]);
    statements.push(
      `SELECT json_extract(${doc}, '$.a', '$.b[1]', '$.x', '$.e')`, `SELECT json_extract(${doc}, '$.a', NULL)`, `SELECT json_extract(${doc})`, `SELECT json_extract(NULL, '$')`,
      `SELECT json_extract('[1,2]', '$[0]', '$[9]'), json_extract('{"a":"\\u0000x"}', '$.a')`, `SELECT json_extract('[0x10, 1.5e3, -9223372036854775808, 9223372036854775808, 1e999, "\\ud800"]', '$[0]', '$[1]', '$[2]', '$[3]', '$[4]')`,
      `SELECT json_extract('[0x10, 1.5e3, -9223372036854775808, 9223372036854775808, .5]', '$[2]'), json_extract('[9223372036854775808]', '$[0]'), json_extract('[.5]', '$[0]'), json_extract('[-0x7FFFFFFFFFFFFFFF]', '$[0]')`,
    );
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('the -> and ->> operator functions (invoked directly: the compiler does not map the operators yet)', () => {
    const docs = ['{"a":1,"b":[1,2.5,{"c":null,"d":"x\\ny"}],"e":{"f g":true},"k.l":5,"m":"\\u0041"}', '[1,[2,3],"x"]', '5', 'null', '[1,2,]'];
    const paths: SqlValue[] = ['$', '$.a', '$.b[2]', '$.b[2].d', '$.e."f g"', '$.x', 'a', 'b', 'k.l', 'f g', '[1]', '[#-1]', 0n, 1n, -1n, -3n, 3n, '$[1][0]', 'm', '$.b[', 'x y', null, 2.5];
    const registry = builtinFunctions();
    const diffs: string[] = [];
    for (const doc of docs) {
      for (const path of paths) {
        for (const op of ['->', '->>'] as const) {
          const want = runOracle(pair.oracle, `SELECT ? ${op} ?`, [doc, path]);
          let got: Outcome;
          try {
            got = { rows: [[(registry.resolve(op, 2).fn as ScalarEntry).invoke([doc, path], null as never)]] };
          } catch (error) {
            const e = error as SqliteError;
            got = { error: { code: e.code, message: e.message } };
          }
          if (formatOutcome(got) !== formatOutcome(want)) diffs.push(`${doc} ${op} ${String(path)}: tandem ${formatOutcome(got)} sqlite ${formatOutcome(want)}`);
        }
      }
    }
    expect(diffs).toEqual([]);
  });

  it('constructors, quoting and SQL values as JSON', () => {
    const values = ['NULL', '1', '-9223372036854775808', '0.1', '1.0/3', '1e300', '-0.0', '9e999', "'text'", "'q\"uo\\te'", "'ctl' || char(1, 10, 31, 127)", "x''", "x'00'", "x'0102'", "json('[1,2]')", "jsonb('{\"a\":1}')", "json_array(1,2)", "'[7]'"];
    const statements = [
      ...values.map((v) => `SELECT json_array(${v}), json_quote(${v}), json_object('k', ${v}), hex(jsonb_array(${v})), hex(jsonb_object('k', ${v}))`),
      'SELECT json_array(), json_object(), hex(jsonb_array()), hex(jsonb_object())', "SELECT json_object('a', 1, 'a', 2)", "SELECT json_object('a')", 'SELECT json_object(1, 2)', "SELECT json_object(NULL, 2)",
      "SELECT json_array(json_object('a', json_array(1, json('{\"b\":2}'))))", 'SELECT json_quote(json_quote(1))',
    ];
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('edits: json_insert, json_replace, json_set, json_remove, json_patch (text and jsonb)', () => {
    const doc = q('{"a":1,"b":[1,2,3],"c":{"d":4}}');
    const edits = [
      ["'$.a'", '9'], ["'$.z'", "'new'"], ["'$.b[1]'", 'NULL'], ["'$.b[3]'", '4'], ["'$.b[#]'", '4'], ["'$.b[5]'", '5'], ["'$.c.d'", "json('[1]')"], ["'$.c.e.f'", '1'], ["'$.x[0]'", '1'], ["'$.x[1]'", '1'],
      ["'$.x[#]'", '1'], ["'$'", "'root'"], ["'$.a.b'", '1'], ["'$.b[#-1]'", '0'], ["'$.\"q k\"'", '2.5'], ["'$.b'", "x'00'"], ["'a'", '1'], ["'$.b['", '1'], ['NULL', '1'], ["'$.c'", "'{\"raw\":1}'"],
    ];
    const statements = edits.flatMap(([p, v]) => ['json_insert', 'json_replace', 'json_set'].flatMap((f) => [`SELECT ${f}(${doc}, ${p}, ${v})`, `SELECT hex(jsonb_${f.slice(5)}(${doc}, ${p}, ${v}))`]));
    statements.push(
      `SELECT json_set(${doc}, '$.a', 1, '$.b')`, `SELECT json_set(${doc})`, `SELECT json_set(${doc}, '$.a', 2, '$.a', 3, '$.n', 4)`,
      ...['$.a', '$.b[0]', '$.b[#-1]', '$.c.d', '$.zz', '$', 'x', '$.b[9]', '$.b['].map((p) => `SELECT json_remove(${doc}, ${q(p)}), hex(jsonb_remove(${doc}, ${q(p)}))`),
      `SELECT json_remove(${doc}, '$.b[0]', '$.b[0]'), json_remove(${doc}), json_remove(${doc}, NULL)`,
      `SELECT json_patch('{"a":1,"b":{"c":2}}', '{"b":{"c":null,"d":3},"e":[1,null],"f":{"g":null}}')`, `SELECT json_patch('[1]', '{"a":1}'), json_patch('{"a":1}', '[2]'), json_patch('{"a":1}', 'null')`,
      `SELECT hex(jsonb_patch('{"a":1}', '{"a":{"b":1}}')), json_patch('{"a":1,"a":2}', '{"a":null}')`, `SELECT json_set('{"a":1}', '$.b', json('{"c":[1,2]}')), json_set('[1]', '$[0]', 1.5), json_set('[1]', '$[0]', 9e999)`,
    );
    expect(compareAll(pair, statements)).toEqual([]);
  });

  // The subtype belongs to the register (vm/subtype.ts), not to the text: equal plain TEXT is not JSON.
  it('a TEXT argument equal to an earlier JSON result stays TEXT', () => {
    expect(compareAll(pair, ["SELECT json('[1]')", "SELECT json_array('[1]', json('[1]'))"])).toEqual([]);
  });

  it('aggregates and errors', () => {
    const statements = [
      'CREATE TABLE IF NOT EXISTS j(k TEXT, v)', "DELETE FROM j", "INSERT INTO j VALUES ('a', 1), ('b', 'two'), (NULL, 3.5), ('d', NULL), ('e', x'00')",
      'SELECT json_group_array(v), json_group_object(k, v), hex(jsonb_group_array(v)), hex(jsonb_group_object(k, v)) FROM j',
      'SELECT json_group_array(v) FROM j WHERE 0', 'SELECT json_group_object(k, v) FROM j WHERE 0', "SELECT json_group_array(json_object('k', k)) FROM j",
      "SELECT json('[1')", "SELECT json(x'0102')", "SELECT json_array(x'0102')", "SELECT json_valid('{}', 0)", "SELECT json_valid('{}', 16)", 'SELECT json_valid(NULL), json_valid(NULL, 1)',
      "SELECT subtype(json(1)), subtype(1), subtype(json_quote(2)), subtype(json_extract('[[1]]', '$[0]')), subtype(json_extract('[1]', '$[0]'))",
      "SELECT json_extract('{', '$')", "SELECT json_set('{}', '$.a')", "SELECT json_insert('{}', '$.a', 1, 2)", "SELECT json(CAST('[1, 2]' AS BLOB))", "SELECT json_error_position(x'0102'), json_error_position(jsonb('[1]'))",
    ];
    expect(compareAll(pair, statements)).toEqual([]);
  });
});
