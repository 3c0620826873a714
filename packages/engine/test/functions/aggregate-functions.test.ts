// Aggregates over generated tables: group_concat/string_agg separators, sum/total/avg (integer
// overflow error, Kahan-compensated reals), count(DISTINCT), min/max over mixed storage classes,
// and the JSON group aggregates, differentially against better-sqlite3.

import { afterAll, describe, expect, it } from 'vitest';
import { compareAll, openPair } from './support.js';

const pair = openPair();
afterAll(() => pair.close());

const ROWS: Record<string, string[]> = {
  ints: ['1', '2', '3', 'NULL', '2', '-7'],
  mixed: ['1', '2.5', "'3'", "'abc'", 'NULL', "x'41'", '-0.5', "'4.5'", '1'],
  big: ['9223372036854775807', '1', '-1'],
  bigreal: ['9223372036854775807', '1', '0.5'],
  reals: ['0.1', '0.2', '0.3', '1e16', '-1e16', '1e-16'],
  texts: ["'a'", "'b'", 'NULL', "''", "'é'", "'a'"],
  empty: [],
};

describe('aggregates agree with SQLite', () => {
  it('over each generated table', () => {
    const statements: string[] = [];
    for (const [name, values] of Object.entries(ROWS)) {
      statements.push(`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name}(g INTEGER, x)`);
      values.forEach((v, i) => statements.push(`INSERT INTO ${name} VALUES (${i % 2}, ${v})`));
      statements.push(
        `SELECT count(*), count(x), count(DISTINCT x), sum(x), total(x), avg(x), min(x), max(x) FROM ${name}`,
        `SELECT typeof(sum(x)), typeof(total(x)), typeof(avg(x)) FROM ${name}`,
        `SELECT group_concat(x), group_concat(x, '; '), group_concat(x, NULL), string_agg(x, '|'), group_concat(DISTINCT x) FROM ${name}`,
        `SELECT json_group_array(x), json_group_object(CAST(g AS TEXT), x) FROM ${name}`,
        `SELECT g, count(x), sum(x), group_concat(x, '-') FROM ${name} GROUP BY g ORDER BY g`,
      );
    }
    expect(compareAll(pair, statements)).toEqual([]);
  });

  it('arity errors', () => {
    expect(compareAll(pair, ['SELECT group_concat()', 'SELECT string_agg(1)', 'SELECT sum(1, 2)', 'SELECT json_group_object(1)'])).toEqual([]);
  });
});
