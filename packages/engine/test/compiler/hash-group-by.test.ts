// GROUP BY by hash (vm/ops/group.ts) gives SQLite's results: groups of values SQLite compares equal
// (integers and integral reals, TEXT under NOCASE/RTRIM, BLOBs, NULLs), output in key order, with
// aggregates fed in row order (group_concat), bare columns from the group's first row or from the
// min()/max() row, DISTINCT and FILTER aggregates, HAVING, LIMIT, and GROUP BY inside subqueries.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/engine/connection.js';
import { Opcode } from '../../src/vm/program.js';
import { differences } from '../sql/differential.js';

const setup = ['CREATE TABLE g(id INTEGER PRIMARY KEY, k, n INT, t TEXT COLLATE NOCASE, r TEXT COLLATE RTRIM, v REAL, w)', 'CREATE TABLE h(id INTEGER PRIMARY KEY, k INT)'];

function fill(): string[] {
  const out: string[] = [];
  const ks = ['1', '1.0', '2', '2.5', "'1'", "'a'", "'A'", "x'01'", "x'0102'", 'NULL', '-0.0', '0', '9223372036854775807', '9.3e18', "''"];
  for (let i = 1; i <= 600; i++) {
    const k = ks[(i * 7) % ks.length]!;
    const t = i % 9 === 0 ? 'NULL' : `'${['ab', 'AB', 'Ab', 'cd', 'CD', 'e'][i % 6]}'`;
    const r = `'${['x', 'x ', 'x  ', 'y', ' x'][i % 5]}'`;
    const v = i % 8 === 0 ? 'NULL' : `${(i * 37) % 101} / 4.0`;
    out.push(`INSERT INTO g VALUES (${i}, ${k}, ${i % 13}, ${t}, ${r}, ${v}, ${i % 7 === 0 ? 'NULL' : `'w${i % 11}'`})`);
  }
  for (let i = 1; i <= 40; i++) out.push(`INSERT INTO h VALUES (${i}, ${i % 6})`);
  return out;
}

function pair(): { connection: ReturnType<typeof openConnection>; oracle: Database.Database } {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  for (const sql of [...setup, ...fill()]) {
    connection.exec(sql);
    oracle.exec(sql);
  }
  return { connection, oracle };
}

describe('GROUP BY by hash', () => {
  it('groups what SQLite groups, in its order, with its aggregates and bare columns', () => {
    const { connection, oracle } = pair();
    const queries = [
      'SELECT k, typeof(k), count(*), sum(n), group_concat(id) FROM g GROUP BY k',
      "SELECT t, count(*), group_concat(id, ';') FROM g GROUP BY t",
      'SELECT r, count(*), min(id) FROM g GROUP BY r',
      'SELECT t, r, n, count(*) FROM g GROUP BY t, r, n ORDER BY 4 DESC, 1, 2, 3',
      'SELECT n, k, count(*), total(v) FROM g GROUP BY n, k',
      'SELECT n, id, w, max(v) FROM g GROUP BY n',
      'SELECT n, id, w, min(v) FROM g GROUP BY n',
      'SELECT n, id, w FROM g GROUP BY n',
      'SELECT n, id, count(*) FROM g GROUP BY n HAVING count(*) > 45',
      'SELECT n, count(DISTINCT w), count(DISTINCT k), sum(DISTINCT n) FROM g GROUP BY n',
      'SELECT n, count(*) FILTER (WHERE v > 10), avg(v) FILTER (WHERE id % 2 = 0) FROM g GROUP BY n',
      'SELECT n % 4 AS m, count(*) FROM g GROUP BY m ORDER BY m DESC',
      'SELECT n, count(*) FROM g GROUP BY n ORDER BY n LIMIT 3',
      'SELECT n, count(*) FROM g GROUP BY n LIMIT 4 OFFSET 2',
      'SELECT t COLLATE BINARY AS tb, count(*) FROM g GROUP BY tb',
      'SELECT upper(t), count(*) FROM g GROUP BY upper(t)',
      'SELECT w, count(*), max(k) FROM g WHERE id < 0 GROUP BY w',
      'SELECT count(*) FROM (SELECT n FROM g GROUP BY n)',
      'SELECT h.k, (SELECT count(*) FROM (SELECT n FROM g WHERE g.n > h.k GROUP BY n)) FROM h ORDER BY h.id',
      'SELECT h.k, h.id, (SELECT group_concat(c) FROM (SELECT count(*) AS c FROM g WHERE g.n = h.id GROUP BY g.t)) FROM h ORDER BY h.id',
      'SELECT g.n, h.k, count(*) FROM g JOIN h ON h.k = g.n % 6 GROUP BY g.n, h.k',
      'SELECT n, json_group_array(id) FROM g WHERE id < 60 GROUP BY n',
      'SELECT DISTINCT count(*) FROM g GROUP BY n',
      // ORDER BY a prefix of the GROUP BY columns: served by the groups' own order (no second sort).
      'SELECT n, k, count(*) FROM g GROUP BY n, k ORDER BY n',
      'SELECT n, k, count(*) FROM g GROUP BY n, k ORDER BY n, k LIMIT 7',
      'SELECT t, count(*) FROM g GROUP BY t ORDER BY t',
      'SELECT t, count(*) FROM g GROUP BY t ORDER BY t COLLATE BINARY',
      'SELECT n AS x, count(*) FROM g GROUP BY n ORDER BY x DESC',
      'SELECT n, count(*) FROM g GROUP BY n ORDER BY n NULLS LAST',
      'SELECT w, count(*) FROM g GROUP BY w ORDER BY 1',
      'SELECT g.n, h.k, count(*) FROM g JOIN h ON h.k = g.n % 6 GROUP BY g.n, h.k ORDER BY g.n, h.k',
      // Aggregates of the same column share its register.
      'SELECT n, min(v), max(v), sum(v), count(v), min(g.v) FROM g GROUP BY n',
      'SELECT min(v), max(v), avg(v), min(k), max(k) FROM g WHERE id > 100',
      'SELECT upper(t), min(r), max(r COLLATE BINARY), max(r) FROM g GROUP BY t',
    ];
    expect(differences(connection, oracle, queries)).toEqual([]);
  });

  it('compiles to the hash plan (no sorter for the groups)', () => {
    const connection = openConnection(':memory:');
    for (const s of setup) connection.exec(s);
    const program = (connection as unknown as { prepare(sql: string): { statement: { program: { instructions: { op: number }[] } } } }).prepare('SELECT n, count(*) FROM g GROUP BY n').statement.program;
    const ops = program.instructions.map((i) => i.op);
    expect(ops).toContain(Opcode.GroupStep);
    expect(ops).not.toContain(Opcode.SorterOpen);
  });
});
