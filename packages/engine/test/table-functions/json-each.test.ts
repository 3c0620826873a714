// json_each() and json_tree() against SQLite: every column (key, value, type, atom, id, parent,
// fullkey, path, hidden json and root), root paths, JSONB input, JSON5, and SQLite's errors.

import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const DOC = `'{"a":1,"b":[2,{"c":3}],"d e":"x\\u0041","a_b":null,"t":true,"f":false,"r":1.5e2,"o":{}}'`;

describe('json_each and json_tree', () => {
  it('list every column of objects, arrays, nested containers and scalars', async () => {
    await expectSameResults([
      `SELECT *, json, root FROM json_each(${DOC})`,
      `SELECT *, json, root FROM json_tree(${DOC})`,
      `SELECT * FROM json_each('[1,"x",null,true,false,1.5,[1],{"k":[]}]')`,
      `SELECT * FROM json_tree('[[1,[2]],3]')`,
      `SELECT * FROM json_each('5')`,
      `SELECT * FROM json_tree('"s"')`,
      `SELECT * FROM json_each(123)`,
      `SELECT * FROM json_each('  [1] ')`,
      `SELECT * FROM json_each('{a:1, 'b':0x10, c:+1.}')`,
      `SELECT key, typeof(key), value, typeof(value), atom, typeof(atom) FROM json_each('[true,false,null,"s",1e3,0x10,1.0,-0]')`,
      `SELECT json_array(value) FROM json_each('[[1],{"x":2},"[3]"]')`,
    ]);
  });

  it('take a root path, including the key SQLite derives for json_tree from the path text', async () => {
    await expectSameResults([
      `SELECT *, root FROM json_each(${DOC}, '$.b')`,
      `SELECT * FROM json_tree(${DOC}, '$.b')`,
      `SELECT * FROM json_each('{"a":1}', '$.a')`,
      `SELECT * FROM json_tree('{"a":[1]}', '$.a[0]')`,
      `SELECT * FROM json_tree('{"a":{"b":[1]}}', '$."a".b')`,
      `SELECT * FROM json_each('{"a":{"b":[1]}}', '$."a".b')`,
      `SELECT * FROM json_tree('{"x":{"a":1,"b":2}}', '$.x.b')`,
      `SELECT * FROM json_tree('{"x":{"a":1,"b":2}}', '$.x.a')`,
      `SELECT * FROM json_tree('[1,[5,6]]', '$[1][1]')`,
      `SELECT * FROM json_each('[1,2]', '$[#-1]')`,
      `SELECT * FROM json_tree('[1,2]', '$[#-1]')`,
      `SELECT * FROM json_each('[1]', '$.x')`,
      `SELECT * FROM json_each('[1]', null)`,
      `SELECT * FROM json_each(null)`,
      `SELECT * FROM json_each()`,
    ]);
  });

  it('read JSONB blobs with their byte offsets as ids', async () => {
    await expectSameResults([
      `SELECT * FROM json_each(jsonb('[1,"x",null,true,1.5,{"k":"v"}]'))`,
      `SELECT * FROM json_tree(jsonb(${DOC}))`,
      `SELECT * FROM json_tree(jsonb_set(jsonb('{"a":"short"}'), '$.a', 'x'))`,
    ]);
  });

  it('raise SQLite errors on malformed JSON, bad paths and too many arguments', async () => {
    await expectSameResults([
      `SELECT * FROM json_each('[1')`,
      `SELECT * FROM json_tree('{"a":}')`,
      `SELECT * FROM json_each(x'3f')`,
      `SELECT * FROM json_each('[1]', 'x')`,
      `SELECT * FROM json_each('[1]', '$[')`,
      `SELECT * FROM json_each('[1]', '$', 3)`,
      `SELECT * FROM no_such_function(1)`,
      'CREATE TABLE x(a)',
      'SELECT * FROM x(1)',
    ]);
  });

  it('join with tables, correlate with outer columns and constrain the hidden columns', async () => {
    await expectSameResults([
      'CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT)',
      `INSERT INTO docs VALUES (1, '{"tags":["a","b"]}'), (2, '{"tags":["c"]}'), (3, '{"tags":[]}'), (4, NULL)`,
      `SELECT d.id, j.value FROM docs d, json_each(d.body, '$.tags') j ORDER BY d.id, j.key`,
      `SELECT d.id, j.value FROM json_each(d.body, '$.tags') j JOIN docs d ORDER BY d.id, j.key`,
      `SELECT d.id, j.value FROM docs d LEFT JOIN json_each(d.body, '$.tags') j ORDER BY d.id, j.key`,
      `SELECT id, (SELECT count(*) FROM json_each(body, '$.tags')) FROM docs ORDER BY id`,
      `SELECT id FROM docs WHERE EXISTS (SELECT 1 FROM json_each(docs.body, '$.tags') WHERE value = 'c')`,
      `SELECT * FROM json_each WHERE json = '[2,3]'`,
      `SELECT key, value FROM json_each WHERE json = '{"a":[1,2]}' AND root = '$.a'`,
      `SELECT * FROM json_each('[1]') WHERE json = '[2]'`,
      `SELECT * FROM json_each`,
      `WITH t(j) AS (SELECT '[10,20,30]') SELECT t.j, e.value FROM t, json_each(t.j) e WHERE e.value > 10 ORDER BY e.id`,
      `SELECT sum(value) FROM json_each('[1,2,3]') AS e`,
      `SELECT a.value, b.value FROM json_each('[1,2]') a, json_each('[3,4]') b ORDER BY 1, 2`,
      `SELECT e.key FROM docs JOIN json_tree(docs.body) e ON e.type = 'text' ORDER BY docs.id, e.id`,
    ]);
  });

  it('feed INSERT, UPDATE ... FROM, DELETE, views and compound SELECTs', async () => {
    await expectSameResults([
      'CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER)',
      `INSERT INTO items(name, qty) SELECT value ->> '$.n', value ->> '$.q' FROM json_each('[{"n":"a","q":1},{"n":"b","q":2},{"n":"c","q":3}]')`,
      `UPDATE items SET qty = qty + j.value FROM json_each('{"a":10,"c":30}') j WHERE items.name = j.key`,
      `DELETE FROM items WHERE name IN (SELECT value FROM json_each('["b"]'))`,
      'SELECT * FROM items ORDER BY id',
      `CREATE VIEW item_columns AS SELECT name, type FROM pragma_table_info('items')`,
      'SELECT * FROM item_columns',
      `SELECT value FROM json_each('[1,2]') UNION ALL SELECT value FROM json_each('[3]') ORDER BY 1`,
      `SELECT json_each.value, json_each.json FROM json_each('[7]')`,
      `SELECT value FROM json_each('[3,1,2]') ORDER BY value DESC LIMIT 2`,
    ]);
  });
});

/** A small deterministic PRNG (mulberry32), so every run checks the same documents. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomJson(next: () => number, depth: number): string {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 8));
  const keys = ['a', 'b_c', 'x y', '1st', 'ü', 'q\\"t', 'long_key_name_that_is_longer_than_twelve', 'e\\u0041'];
  switch (pick) {
    case 0: return 'null';
    case 1: return next() < 0.5 ? 'true' : 'false';
    case 2: return String(Math.floor(next() * 2e6) - 1e6);
    case 3: return (next() * 1000).toFixed(3);
    case 4: return JSON.stringify('s'.repeat(Math.floor(next() * (next() < 0.1 ? 400 : 20))));
    case 5: return '"esc\\n\\u00e9"';
    case 6: return `[${Array.from({ length: Math.floor(next() * 7) }, () => randomJson(next, depth + 1)).join(',')}]`;
    default: return `{${Array.from({ length: Math.floor(next() * 7) }, (_, i) => `"${keys[Math.floor(next() * keys.length)]}${i}":${randomJson(next, depth + 1)}`).join(',')}}`;
  }
}

describe('json_tree on generated documents', () => {
  it('matches SQLite row for row (ids are JSONB offsets, so every header size counts)', async () => {
    const next = random(20261123);
    const docs = Array.from({ length: 150 }, () => randomJson(next, 0).replace(/'/g, "''"));
    expect(docs.some((d) => d.length > 300)).toBe(true); // containers with 3-byte JSONB headers
    await expectSameResults(docs.flatMap((d) => [`SELECT * FROM json_tree('${d}')`, `SELECT * FROM json_each(jsonb('${d}'))`]));
  });
});
