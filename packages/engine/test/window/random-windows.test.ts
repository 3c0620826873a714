// Randomized window queries against SQLite: tables with NULLs, duplicates and mixed storage
// classes; random PARTITION BY / ORDER BY / frame / EXCLUDE / FILTER combinations over every
// window function; and partitions large enough that the window engine works in many slices.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function tableSetup(r: () => number, rows: number): string[] {
  const values: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const g = pick(r, ["'p'", "'q'", "'r'", 'NULL', "'P'"]);
    const a = pick(r, ['NULL', '0', '1', '2', '2', '3', '5', '-1', '8']);
    const b = pick(r, ['NULL', '0.5', '1.25', '-2.5', '1e-3', '3', '7.75', '0.1']);
    const m = pick(r, ['NULL', '1', '2.5', "'a'", "'B'", "'b'", "x'01'", '2', "'10'"]);
    values.push(`(${i}, ${g}, ${a}, ${b}, ${m})`);
  }
  return ['CREATE TABLE w(id INTEGER PRIMARY KEY, g TEXT COLLATE NOCASE, a INTEGER, b REAL, m)', `INSERT INTO w VALUES ${values.join(', ')}`];
}

const FUNCTIONS = [
  'row_number()',
  'rank()',
  'dense_rank()',
  'percent_rank()',
  'cume_dist()',
  'ntile(3)',
  'lag(m)',
  'lead(a, 2, -1)',
  'lag(b, 1, 0)',
  'first_value(m)',
  'last_value(a)',
  'nth_value(m, 2)',
  'count(*)',
  'count(m)',
  'sum(a)',
  'total(b)',
  'avg(a)',
  'sum(b)',
  'min(m)',
  'max(m)',
  'min(b)',
  'max(g)',
  'group_concat(m)',
  "group_concat(a, '.')",
  'json_group_array(a)',
];

const FILTERABLE = new Set(['count(*)', 'count(m)', 'sum(a)', 'total(b)', 'avg(a)', 'sum(b)', 'min(m)', 'max(m)', 'group_concat(m)']);

function randomWindow(r: () => number): string {
  const partition = pick(r, ['', '', 'PARTITION BY g', 'PARTITION BY a % 2', 'PARTITION BY g, a IS NULL']);
  const order = pick(r, ['', 'ORDER BY id', 'ORDER BY a', 'ORDER BY a DESC', 'ORDER BY b', 'ORDER BY m', 'ORDER BY a, b DESC', 'ORDER BY a NULLS LAST', 'ORDER BY b DESC NULLS FIRST', 'ORDER BY g']);
  const single = order !== '' && !order.includes(',');
  const units = pick(r, ['', 'ROWS', 'RANGE', 'GROUPS']);
  if (units === '') return `${partition} ${order}`;
  if (units === 'GROUPS' && order === '') return `${partition} ${order}`;
  const offset = () => pick(r, ['0', '1', '2', '3']);
  const rangeOffsets = units !== 'RANGE' || single;
  const starts = ['UNBOUNDED PRECEDING', 'CURRENT ROW', ...(rangeOffsets ? [`${offset()} PRECEDING`, `${offset()} FOLLOWING`] : [])];
  const start = pick(r, starts);
  const rank = (b: string) => (b.startsWith('UNBOUNDED P') ? 0 : b.endsWith('PRECEDING') ? 1 : b === 'CURRENT ROW' ? 2 : b.startsWith('UNBOUNDED F') ? 4 : 3);
  const ends = ['UNBOUNDED FOLLOWING', 'CURRENT ROW', ...(rangeOffsets ? [`${offset()} PRECEDING`, `${offset()} FOLLOWING`] : [])].filter((e) => {
    const s = rank(start);
    const x = rank(e);
    return !(s === 2 && x === 1) && !(s === 3 && x <= 2) && x >= Math.min(s, 3);
  });
  const end = pick(r, ends);
  const exclude = pick(r, ['', '', '', 'EXCLUDE CURRENT ROW', 'EXCLUDE GROUP', 'EXCLUDE TIES', 'EXCLUDE NO OTHERS']);
  return `${partition} ${order} ${units} BETWEEN ${start} AND ${end} ${exclude}`;
}

function randomQuery(r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  const columns: string[] = [];
  for (let i = 0; i < n; i++) {
    const fn = pick(r, FUNCTIONS);
    const filter = FILTERABLE.has(fn) && r() < 0.2 ? ` FILTER (WHERE ${pick(r, ['a > 1', 'b < 1', 'm IS NOT NULL', 'id % 3'])})` : '';
    columns.push(`${fn}${filter} OVER (${randomWindow(r)})`);
  }
  // A total order on the output, so results compare row by row whatever order ties take.
  return `SELECT id, ${columns.join(', ')} FROM w ORDER BY id`;
}

function check(setup: string[], statements: string[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    const diffs = differences(connection, oracle, [...setup, ...statements]);
    expect(diffs.slice(0, 3).join('\n\n')).toBe('');
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('random window queries', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 150 queries over 40 rows`, () => {
      const r = rng(seed);
      const setup = tableSetup(r, 40);
      check(setup, Array.from({ length: 150 }, () => randomQuery(r)));
    });
  }

  it('sliding sums of mixed integers, huge integers and reals match SQLite to the last bit', () => {
    // The order in which rows enter and leave the accumulator shows in the last bits (and in
    // whether sum() is still an integer): it must be SQLite's, also across work slices.
    const r = rng(7);
    const values: string[] = [];
    for (let i = 1; i <= 800; i++) {
      const x = r();
      const v = x < 0.1 ? 'NULL' : x < 0.3 ? String(Math.floor(r() * 2e6) - 1e6) : x < 0.35 ? pick(r, ['9223372036854775807', '-9223372036854775808', '4611686018427387904']) : String((r() - 0.5) * 2e6 * pick(r, [1, 1e-8, 1e12]));
      values.push(`(${i}, ${Math.floor(r() * 6)}, ${v})`);
    }
    const setup = ['CREATE TABLE f(id INTEGER PRIMARY KEY, k INTEGER, v)', `INSERT INTO f VALUES ${values.join(', ')}`];
    const statements: string[] = [];
    for (const frame of ['ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING', 'PARTITION BY k ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING', 'ORDER BY id ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING', 'ORDER BY id ROWS BETWEEN 3 FOLLOWING AND UNBOUNDED FOLLOWING', 'ORDER BY id ROWS BETWEEN 300 PRECEDING AND 200 FOLLOWING', 'ORDER BY k RANGE BETWEEN 1 FOLLOWING AND 2 FOLLOWING', 'ORDER BY k RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING', 'ORDER BY k GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING', 'ORDER BY k GROUPS BETWEEN 2 PRECEDING AND 1 FOLLOWING', 'ORDER BY k RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING']) {
      statements.push(`SELECT id, sum(v) OVER (${frame}), total(v) OVER (${frame}), avg(v) OVER (${frame}) FROM f ORDER BY id`);
    }
    check(setup, statements);
  });

  it('large partitions (the engine yields between slices) and output order without ORDER BY', () => {
    const r = rng(99);
    check(tableSetup(r, 3000), [
      'SELECT id, sum(a) OVER (ORDER BY b, id ROWS BETWEEN 100 PRECEDING AND 50 FOLLOWING), max(m) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 200 PRECEDING AND CURRENT ROW) FROM w ORDER BY id',
      'SELECT id, count(*) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) FROM w WHERE id <= 400 ORDER BY id',
      'SELECT id, rank() OVER (ORDER BY a), percent_rank() OVER (PARTITION BY g ORDER BY b) FROM w ORDER BY id',
      'SELECT id, a, row_number() OVER (ORDER BY a) FROM w',
      'SELECT id, g, b, row_number() OVER (PARTITION BY g), lag(id) OVER (ORDER BY b DESC) FROM w',
    ]);
  });
});
