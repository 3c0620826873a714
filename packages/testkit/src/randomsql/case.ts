// One random-generator case (a seed): a random schema and data, then random queries and DML, each
// compared with SQLite by the fuzz runner (see fuzzdata/compare.ts for the rules). Queries know
// their ORDER BY, so a partial ORDER BY compares the rows as a multiset and the sort keys in order.

import type { SqlValue } from '../driver.js';
import { rowKey } from '../format.js';
import { judge, type StatementInput, type StatementRun } from '../fuzzdata/compare.js';
import { QueryGenerator, type OrderTerm } from './query.js';
import { Rng } from './rng.js';
import { keyValue, literal, makeData, makeSchema, type Table } from './schema.js';

/** Queries per seed (with DML and table checks in between). */
export const QUERIES_PER_SEED = 20;

function sortKey(value: SqlValue, collation: OrderTerm['collation']): string {
  // Values that sort as equal share a key: 1 = 1.0, and case or trailing spaces under NOCASE/RTRIM.
  if (typeof value === 'bigint' || typeof value === 'number') return `n${Number(value)}`;
  if (typeof value === 'string') {
    if (collation === 'NOCASE') return `t${value.replace(/[A-Z]/g, (c) => c.toLowerCase())}`;
    if (collation === 'RTRIM') return `t${value.replace(/ +$/, '')}`;
  }
  return rowKey([value]);
}

/** Judge for a partial ORDER BY: rows as a multiset, and the ORDER BY keys in order. */
function partialOrderJudge(order: readonly OrderTerm[]) {
  return (e: StatementRun, a: StatementRun, b: StatementRun) => {
    const verdict = judge(e, a, b, false);
    if (verdict || e.error || a.error) return verdict;
    const keys = (run: StatementRun): string[] => run.rows.map((row) => order.map((t) => sortKey(row[t.column]!, t.collation)).join(','));
    const ke = keys(e);
    const ka = keys(a);
    return ke.every((k, i) => k === ka[i]) ? null : { kind: 'order' as const, detail: 'rows sorted differently on the ORDER BY terms' };
  };
}

function dml(rng: Rng, gen: QueryGenerator, table: Table, step: number): string {
  const scope = { columns: table.columns.map((c) => c.name) };
  const returning = rng.chance(0.3) ? ` RETURNING ${rng.chance(0.5) ? '*' : `${rng.pick(table.columns).name} AS r`}` : '';
  const nonKey = table.columns.filter((c) => !c.key);
  switch (rng.int(4)) {
    case 0:
    case 1: {
      const rows = Array.from({ length: rng.between(1, 3) }, (_, i) => `(${table.columns.map((c) => (c.key ? keyValue(rng, 20 + step * 3 + i) : literal(rng))).join(', ')})`);
      const key = table.columns.filter((c) => c.key).map((c) => c.name);
      const target = nonKey[0];
      const conflict = rng.pick([
        '',
        ' ON CONFLICT DO NOTHING',
        key.length && target ? ` ON CONFLICT(${key.join(', ')}) DO UPDATE SET ${target.name} = excluded.${target.name}${rng.chance(0.3) ? ` WHERE ${gen.cond(scope, 1)}` : ''}` : '',
      ]);
      const verb = conflict ? 'INSERT INTO' : rng.pick(['INSERT INTO', 'INSERT OR IGNORE INTO', 'REPLACE INTO']);
      return `${verb} ${table.name} VALUES ${rows.join(', ')}${conflict}${returning}`;
    }
    case 2:
      if (nonKey.length) return `UPDATE ${table.name} SET ${rng.pick(nonKey).name} = ${gen.expr(scope, 2)}${rng.chance(0.8) ? ` WHERE ${gen.cond(scope, 2)}` : ''}${returning}`;
      return `DELETE FROM ${table.name} WHERE ${gen.cond(scope, 2)}${returning}`;
    default:
      return `DELETE FROM ${table.name} WHERE ${gen.cond(scope, 2)}${returning}`;
  }
}

/** The statements of one seed's case, in order. */
export function randomCaseStatements(seed: number, queries = QUERIES_PER_SEED): StatementInput[] {
  const rng = new Rng(seed);
  const { tables, ddl } = makeSchema(rng);
  const gen = new QueryGenerator(rng, tables);
  const out: StatementInput[] = [...ddl, ...makeData(rng, tables)].map((sql) => ({ sql, ordered: false }));
  for (const table of tables) out.push({ sql: `SELECT * FROM ${table.name}`, ordered: false });
  for (let q = 0; q < queries; q++) {
    if (rng.chance(0.3)) {
      const table = rng.pick(tables);
      out.push({ sql: dml(rng, gen, table, q), ordered: false });
      out.push({ sql: `SELECT * FROM ${table.name}`, ordered: false });
    }
    const query = gen.query();
    if (query.mode === 'partial') out.push({ sql: query.sql, judge: partialOrderJudge(query.order) });
    else out.push({ sql: query.sql, ordered: query.mode === 'total' });
  }
  out.push({ sql: 'PRAGMA integrity_check', ordered: true });
  return out;
}
