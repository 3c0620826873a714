// Random queries over a random schema: joins of every kind, WHERE with AND/OR/IN/BETWEEN/LIKE/IS,
// GROUP BY/HAVING, DISTINCT, compound selects, subqueries, CTEs, window functions, CASE/CAST/
// coalesce, scalar and aggregate functions, and ORDER BY/LIMIT/OFFSET.
//
// Each query says how its rows are ordered, for the comparison: 'none' (a multiset), 'total'
// (ORDER BY every output column; LIMIT/OFFSET only here) or 'partial' (ORDER BY some output
// columns: the rows compare as a multiset and the sort keys in order). Constructs whose result
// SQLite leaves to the row order are not generated: bare columns in aggregate queries, scalar
// subqueries returning more than one row, row_number()/lag()/first_value() over ties, sums of
// reals (rounding depends on the order; sums take `x % 1000`, which is an integer), and functions
// that raise errors on some rows (whether such a row is reached depends on the plan).

import type { Rng } from './rng.js';
import { literal, type Table } from './schema.js';

export type OrderMode = 'none' | 'total' | 'partial';

export interface OrderTerm {
  /** 0-based output column. */
  column: number;
  collation: 'BINARY' | 'NOCASE' | 'RTRIM';
}

export interface GeneratedQuery {
  sql: string;
  mode: OrderMode;
  order: OrderTerm[];
}

interface Scope {
  /** Column references usable here, already qualified. */
  columns: string[];
}

const COMPARE = ['=', '<>', '<', '<=', '>', '>=', '==', '!=', 'IS', 'IS NOT'];
const ARITH = ['+', '-', '*', '/', '%', '||', '&', '|', '<<'];

export class QueryGenerator {
  private cte = 0;

  constructor(
    private readonly rng: Rng,
    private readonly tables: readonly Table[],
  ) {}

  /** A scalar expression over the scope (depth limits nesting). */
  expr(scope: Scope, depth = 2): string {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.3)) return r.chance(0.7) && scope.columns.length ? r.pick(scope.columns) : literal(r);
    const a = (): string => this.expr(scope, depth - 1);
    switch (r.int(12)) {
      case 0:
        return `(${a()} ${r.pick(ARITH)} ${a()})`;
      case 1:
        return `(- ${a()})`;
      case 2:
        return `CASE WHEN ${this.cond(scope, depth - 1)} THEN ${a()} ${r.chance(0.7) ? `ELSE ${a()} ` : ''}END`;
      case 3:
        return `CASE ${a()} WHEN ${literal(r)} THEN ${a()} WHEN ${literal(r)} THEN ${a()} END`;
      case 4:
        return `CAST(${a()} AS ${r.pick(['INTEGER', 'TEXT', 'REAL', 'NUMERIC', 'BLOB'])})`;
      case 5:
        return `coalesce(${a()}, ${a()}${r.chance(0.3) ? `, ${a()}` : ''})`;
      case 6:
        return `${r.pick(['ifnull', 'nullif', 'max', 'min', 'instr'])}(${a()}, ${a()})`;
      case 7:
        return `${r.pick(['lower', 'upper', 'length', 'typeof', 'quote', 'hex', 'trim', 'ltrim', 'rtrim', 'sign', 'unicode', 'round', 'octet_length'])}(${a()})`;
      case 8:
        return `substr(${a()}, ${r.between(-3, 4)}${r.chance(0.5) ? `, ${r.between(0, 3)}` : ''})`;
      case 9:
        return `iif(${this.cond(scope, depth - 1)}, ${a()}, ${a()})`;
      case 10:
        return `replace(${a()}, ${r.pick(["'a'", "' '", "'1'"])}, ${r.pick(["'b'", "''", "'xy'"])})`;
      default:
        return `(${this.cond(scope, depth - 1)})`;
    }
  }

  /** A boolean condition. */
  cond(scope: Scope, depth = 2): string {
    const r = this.rng;
    const e = (): string => this.expr(scope, Math.max(0, depth - 1));
    if (depth > 0 && r.chance(0.3)) return `(${this.cond(scope, depth - 1)} ${r.pick(['AND', 'OR'])} ${this.cond(scope, depth - 1)})`;
    switch (r.int(10)) {
      case 0:
        return `${e()} ${r.chance(0.2) ? 'NOT ' : ''}IN (${Array.from({ length: r.between(1, 4) }, () => literal(r)).join(', ')})`;
      case 1:
        return `${e()} ${r.chance(0.2) ? 'NOT ' : ''}BETWEEN ${literal(r)} AND ${literal(r)}`;
      case 2:
        return `${e()} ${r.chance(0.2) ? 'NOT ' : ''}${r.pick(['LIKE', 'GLOB'])} ${r.pick(["'a%'", "'%b%'", "'_'", "'A%'", "'%'", "'1%'", "'*a*'", "'[a-c]*'"])}`;
      case 3:
        return `${e()} ${r.pick(['IS NULL', 'IS NOT NULL', 'NOTNULL', 'ISNULL'])}`;
      case 4:
        return `NOT (${e()} ${r.pick(COMPARE)} ${e()})`;
      case 5:
        return `${e()} ${r.pick(COMPARE)} ${literal(r)} COLLATE ${r.pick(['NOCASE', 'RTRIM', 'BINARY'])}`;
      case 6:
        return depth > 0 ? this.subqueryCondition(scope) : `${e()} ${r.pick(COMPARE)} ${e()}`;
      default:
        return `${e()} ${r.pick(COMPARE)} ${e()}`;
    }
  }

  private subqueryCondition(scope: Scope): string {
    const r = this.rng;
    const table = r.pick(this.tables);
    const inner: Scope = { columns: table.columns.map((c) => `s.${c.name}`).concat(scope.columns) };
    const col = r.pick(table.columns).name;
    switch (r.int(3)) {
      case 0:
        return `${r.chance(0.3) ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table.name} AS s WHERE ${this.cond(inner, 1)})`;
      case 1:
        return `${this.expr(scope, 1)} ${r.chance(0.3) ? 'NOT ' : ''}IN (SELECT s.${col} FROM ${table.name} AS s${r.chance(0.5) ? ` WHERE ${this.cond(inner, 1)}` : ''})`;
      default:
        return `${this.expr(scope, 1)} ${r.pick(COMPARE)} (SELECT ${r.pick(['max', 'min', 'count'])}(s.${col}) FROM ${table.name} AS s WHERE ${this.cond(inner, 1)})`;
    }
  }

  /** FROM clause: a table, a derived table, or joins of two or three. */
  private from(): { sql: string; scope: Scope; ctes: string[] } {
    const r = this.rng;
    const ctes: string[] = [];
    const source = (alias: string): { sql: string; columns: string[] } => {
      const table = r.pick(this.tables);
      const kind = r.int(6);
      if (kind === 0) {
        // A derived table (sometimes without AS) over the table.
        const inner: Scope = { columns: table.columns.map((c) => c.name) };
        return { sql: `(SELECT * FROM ${table.name} WHERE ${this.cond(inner, 1)}) ${r.chance(0.5) ? 'AS ' : ''}${alias}`, columns: table.columns.map((c) => `${alias}.${c.name}`) };
      }
      if (kind === 1) {
        const name = `w${this.cte++}`;
        const inner: Scope = { columns: table.columns.map((c) => c.name) };
        ctes.push(`${name} AS ${r.chance(0.3) ? 'MATERIALIZED ' : ''}(SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${table.name} WHERE ${this.cond(inner, 1)})`);
        return { sql: `${name} AS ${alias}`, columns: table.columns.map((c) => `${alias}.${c.name}`) };
      }
      return { sql: `${table.name} AS ${alias}`, columns: table.columns.map((c) => `${alias}.${c.name}`) };
    };
    const first = source('a');
    let sql = first.sql;
    const columns = [...first.columns];
    const joins = r.pick([0, 0, 1, 1, 1, 2]);
    let outer: string | null = null;
    for (let j = 0; j < joins; j++) {
      const alias = j === 0 ? 'b' : 'c';
      const next = source(alias);
      // After a RIGHT/FULL JOIN the list keeps six entries, the last one the other of RIGHT and FULL, so
      // that the seeds listed in known-failures/fuzzdata.txt keep their random streams and queries.
      const kinds: string[] = ['JOIN', 'LEFT JOIN', 'INNER JOIN', 'CROSS JOIN', ',', ...(outer ? [outer === 'RIGHT JOIN' ? 'FULL JOIN' : 'RIGHT JOIN'] : ['LEFT OUTER JOIN', 'RIGHT JOIN', 'FULL JOIN'])];
      const kind: string = r.pick(kinds);
      if (kind === 'RIGHT JOIN' || kind === 'FULL JOIN') outer = kind;
      const scope: Scope = { columns: [...columns, ...next.columns] };
      // USING (c0) only at the first join: every table has a c0, so a later USING would be ambiguous.
      // (Rarer with RIGHT/FULL JOIN, for the same reason: the listed seeds keep their queries.)
      const using = j === 0 && kind !== ',' && kind !== 'CROSS JOIN' && r.chance(kind === 'RIGHT JOIN' || kind === 'FULL JOIN' ? 0.04 : 0.2);
      const on = kind === ',' || kind === 'CROSS JOIN' ? '' : using ? ' USING (c0)' : ` ON ${this.cond(scope, 1)}`;
      sql += ` ${kind === ',' ? ',' : kind} ${next.sql}${on}`;
      columns.push(...next.columns);
    }
    return { sql, scope: { columns }, ctes };
  }

  private aggregate(scope: Scope): string {
    const r = this.rng;
    const e = this.expr(scope, 1);
    switch (r.int(8)) {
      case 0:
        return 'count(*)';
      case 1:
        return `count(${r.chance(0.3) ? 'DISTINCT ' : ''}${e})`;
      case 2:
        return `${r.pick(['sum', 'total', 'avg'])}((${e}) % 1000)`;
      case 3:
        return `max(${e})`;
      case 4:
        return `min(${e})`;
      case 5:
        return `group_concat(${e}, '|' ORDER BY ${e} COLLATE BINARY)`;
      case 6:
        return `count(${e}) FILTER (WHERE ${this.cond(scope, 1)})`;
      default:
        return `sum(length(${e}))`;
    }
  }

  private window(scope: Scope): string {
    const r = this.rng;
    const partition = r.chance(0.6) ? `PARTITION BY ${r.pick(scope.columns)} ` : '';
    const order = `ORDER BY ${r.pick(scope.columns)}${r.chance(0.3) ? ' DESC' : ''}`;
    const fn = r.pick(['rank()', 'dense_rank()', 'percent_rank()', 'cume_dist()', 'count(*)', `max(${r.pick(scope.columns)})`, `sum(${r.pick(scope.columns)} % 1000)`]);
    // Aggregates over the whole partition are order-free; ranking uses ties consistently.
    return `${fn} OVER (${partition}${fn.endsWith('()') || r.chance(0.5) ? order : ''})`;
  }

  /** One SELECT (not compound), with its output column count. */
  private simpleSelect(forCompound: number | null): { sql: string; width: number; ctes: string[] } {
    const r = this.rng;
    const { sql: from, scope, ctes } = this.from();
    const aggregateQuery = forCompound === null && r.chance(0.3);
    const width = forCompound ?? r.between(1, 4);
    const outputs: string[] = [];
    let tail = '';
    if (aggregateQuery) {
      const groups = r.chance(0.7) ? r.sample(scope.columns, r.between(1, 2)) : [];
      const aggs = Math.max(1, width - groups.length);
      outputs.push(...groups, ...Array.from({ length: aggs }, () => this.aggregate(scope)));
      if (groups.length) tail += ` GROUP BY ${groups.join(', ')}`;
      if (groups.length && r.chance(0.4)) tail += ` HAVING ${r.chance(0.5) ? `count(*) ${r.pick(['>', '>=', '<', '='])} ${r.between(0, 3)}` : `${this.aggregate(scope)} IS NOT NULL`}`;
    } else {
      for (let i = 0; i < width; i++) outputs.push(forCompound === null && r.chance(0.12) ? this.window(scope) : this.expr(scope, 2));
    }
    const distinct = !aggregateQuery && r.chance(0.2) ? 'DISTINCT ' : '';
    const where = r.chance(0.6) ? ` WHERE ${this.cond(scope, 2)}` : '';
    return { sql: `SELECT ${distinct}${outputs.map((o, i) => `${o} AS r${i}`).join(', ')} FROM ${from}${where}${tail}`, width: outputs.length, ctes };
  }

  query(): GeneratedQuery {
    const r = this.rng;
    let { sql, width, ctes } = this.simpleSelect(null);
    if (r.chance(0.2)) {
      const second = this.simpleSelect(width);
      ctes = [...ctes, ...second.ctes];
      sql = `${sql} ${r.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT'])} ${second.sql}`;
    }
    if (ctes.length) sql = `WITH ${ctes.join(', ')} ${sql}`;
    const mode: OrderMode = r.pick(['none', 'total', 'total', 'partial']);
    let order: OrderTerm[] = [];
    if (mode !== 'none') {
      const columns = mode === 'total' ? r.sample([...Array(width).keys()], width) : r.sample([...Array(width).keys()], r.between(1, Math.max(1, width - 1)));
      order = columns.map((column) => ({ column, collation: mode === 'total' ? 'BINARY' : r.pick(['BINARY', 'NOCASE', 'RTRIM'] as const) }));
      sql += ` ORDER BY ${order.map((t) => `${t.column + 1} COLLATE ${t.collation}${r.chance(0.4) ? ' DESC' : ''}${r.chance(0.2) ? r.pick([' NULLS FIRST', ' NULLS LAST']) : ''}`).join(', ')}`;
      if (mode === 'total' && r.chance(0.5)) sql += ` LIMIT ${r.between(0, 8)}${r.chance(0.5) ? ` OFFSET ${r.between(0, 5)}` : ''}`;
    }
    return { sql, mode, order };
  }
}
