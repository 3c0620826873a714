// FROM clause resolution: every table, view, CTE reference and subquery becomes one level of a
// nested-loop join (views, CTEs and subqueries materialized into memory cursors first), and
// USING / NATURAL / ON become join terms, with outer-join terms kept on their level.

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type Expr, type FromClause, type JoinOperator, type Name, type TableSource } from '../parser/ast.js';
import type { ProgramBuilder } from './builder.js';
import { databaseNameOf, schemaFor, viewSchema } from './databases.js';
import type { CompileContext } from './context.js';
import { rejectCteCall, resolveCteReference } from './cte.js';
import { applyColumnList, materializeSelect, syntheticTable } from './materialize.js';
import type { CursorSource, Scope } from './scope.js';
import { findTableFunction, tableFunctionSource } from './table-function.js';
import { resolveIndexHint, splitConjunction } from './where.js';
import { unaliasedSubqueryName } from './query-plan.js';

export interface FromLevel {
  readonly source: CursorSource;
  /** LEFT JOIN: when no row satisfies `on`, the level yields one row of NULLs. */
  readonly outer: boolean;
  /** RIGHT / FULL JOIN: rows of this level that matched no row of the levels before it are output once more, with those levels NULL. */
  readonly right: boolean;
  /** ON / USING terms of an outer or right level (inner joins put theirs in FromPlan.joinTerms). */
  readonly on: readonly Expr[];
}

export interface FromPlan {
  readonly levels: readonly FromLevel[];
  readonly sources: readonly CursorSource[];
  /** ON / USING / NATURAL terms of inner joins: they filter exactly like WHERE terms. */
  readonly joinTerms: readonly Expr[];
  /** With a RIGHT / FULL JOIN: the level each inner-join term was written at (join.ts keeps it within the right passes it belongs to). */
  readonly termLevels?: ReadonlyMap<Expr, number>;
}

export interface FlatSource {
  readonly join: JoinOperator | null;
  readonly source: TableSource;
  readonly on: Expr | null;
  readonly using: readonly Name[] | null;
}

/** The FROM items in join order, unparenthesized joins (no ON/USING) spliced in. */
export function flatten(from: FromClause, join: JoinOperator | null, out: FlatSource[]): void {
  from.sources.forEach((s, i) => {
    const op = i === 0 ? join : s.join;
    if (s.source.kind === 'JoinGroup' && !s.on && !s.using) flatten(s.source.from, op, out);
    else out.push({ ...s, join: op });
  });
}

function name(text: string): Name {
  return { text, quoted: false, start: 0, end: 0 };
}

function columnRef(table: string, column: string): Expr {
  return { kind: 'Column', schema: null, table: name(table), column: name(column), start: 0, end: 0 };
}

/** A source's column, qualified with its database too when it has one (main.t and aux.t may both be joined). */
function sourceColumn(source: CursorSource, column: string): Expr {
  const ref = columnRef(source.name, column);
  return source.database === undefined ? ref : { ...ref, schema: name(source.database) } as Expr;
}

/**
 * The term a USING / NATURAL column adds. With a RIGHT or FULL join anywhere in the FROM clause, SQLite compares
 * coalesce() of every table on the left holding the column (each after the first must have it from a USING).
 */
function usingEquality(levels: readonly FromLevel[], first: CursorSource, right: CursorSource, column: string, anyRight: boolean): Expr {
  let left = sourceColumn(first, column);
  if (anyRight) {
    const args = [left];
    for (const s of levels.map((l) => l.source).slice(levels.findIndex((l) => l.source === first) + 1)) {
      const index = s.table.columns.findIndex((c, i) => sameName(c.name, column) && !s.hiddenFromStar?.has(i));
      if (index < 0) continue;
      if (!s.hiddenColumns?.has(index)) throw new SqliteError(`ambiguous reference to ${column} in USING()`);
      args.push(sourceColumn(s, column));
    }
    if (args.length > 1) left = { kind: 'Function', name: name('coalesce'), distinct: false, star: false, args, orderBy: [], filter: null, over: null, start: 0, end: 0 };
  }
  return { kind: 'Binary', op: '=', left, right: sourceColumn(right, column), start: 0, end: 0 };
}

/** Resolves `from`, emitting the materialization of its subqueries, views and CTE references. */
export function resolveFromClause(ctx: CompileContext, b: ProgramBuilder, from: FromClause, outer: Scope | undefined, correlation: { used: boolean } | undefined): FromPlan {
  const flat: FlatSource[] = [];
  flatten(from, null, flat);
  const levels: FromLevel[] = [];
  const joinTerms: Expr[] = [];
  const termLevels = new Map<Expr, number>();
  const anyRight = flat.some((f) => f.join?.type === 'RIGHT' || f.join?.type === 'FULL');
  for (const item of flat) {
    const base = resolveSource(ctx, b, item.source, outer, correlation);
    const join = item.join;
    const hidden = new Set<number>();
    const terms: Expr[] = [];
    if (join && levels.length > 0) {
      const visible = (s: CursorSource, column: string) => s.table.columns.findIndex((c, i) => sameName(c.name, column) && !s.hiddenColumns?.has(i) && !s.hiddenFromStar?.has(i));
      const leftFor = (column: string) => levels.map((l) => l.source).find((s) => visible(s, column) >= 0);
      const equality = (left: CursorSource, column: string) => usingEquality(levels, left, base, column, anyRight);
      if (join.natural) {
        if (item.on || item.using) throw new SqliteError('a NATURAL join may not have an ON or USING clause');
        base.table.columns.forEach((c, i) => {
          if (base.hiddenFromStar?.has(i)) return;
          const left = leftFor(c.name);
          if (!left) return;
          hidden.add(i);
          terms.push(equality(left, c.name));
        });
      }
      for (const u of item.using ?? []) {
        const index = base.table.columns.findIndex((c) => sameName(c.name, u.text));
        const left = leftFor(u.text);
        if (index < 0 || !left) throw new SqliteError(`cannot join using column ${u.text} - column not present in both tables`);
        hidden.add(index);
        terms.push(equality(left, u.text));
      }
      terms.push(...splitConjunction(item.on));
    } else if (item.on || item.using) {
      throw new SqliteError(`a JOIN clause is required before ${item.on ? 'ON' : 'USING'}`);
    }
    const isOuter = join?.type === 'LEFT' || join?.type === 'FULL';
    const isRight = join?.type === 'RIGHT' || join?.type === 'FULL';
    const source: CursorSource = hidden.size > 0 ? { ...base, hiddenColumns: hidden, ...(isRight ? { rightJoin: join!.type as 'RIGHT' | 'FULL' } : {}) } : base;
    levels.push({ source, outer: isOuter, right: isRight, on: isOuter || isRight ? terms : [] });
    if (!isOuter && !isRight) joinTerms.push(...terms);
    if (!isOuter && !isRight && anyRight) for (const t of terms) termLevels.set(t, levels.length - 1);
  }
  return { levels, sources: levels.map((l) => l.source), joinTerms, ...(anyRight ? { termLevels } : {}) };
}

function resolveSource(ctx: CompileContext, b: ProgramBuilder, item: TableSource, outer: Scope | undefined, correlation: { used: boolean } | undefined): CursorSource {
  if (item.kind === 'TableFunction') {
    // As in SQLite, a table or view of that name shadows the function, and any schema prefix is accepted.
    const fnName = item.name.name.text;
    if (!item.name.schema) rejectCteCall(ctx, fnName);
    if (ctx.schema.table(fnName) || ctx.schema.view(fnName)) throw new SqliteError(`'${fnName}' is not a function`);
    const def = findTableFunction(ctx, fnName);
    if (!def) throw new SqliteError(`no such table: ${fnName}`);
    return tableFunctionSource(b, def, item.args, item.alias?.text ?? fnName);
  }
  if (item.kind === 'Subquery' || item.kind === 'JoinGroup') {
    if (item.kind === 'JoinGroup') throw unsupported('parenthesized joins with ON/USING');
    const cursor = b.cursor();
    const columns = materializeSelect(ctx, b, item.select, cursor, outer, correlation, item.alias?.text ?? '(subquery)');
    const alias = item.alias?.text ?? unaliasedSubqueryName(ctx.statement, item.select);
    return { kind: 'cursor', table: syntheticTable(alias, columns), name: alias, cursor, memory: true };
  }
  const tableName = item.name.name.text;
  const schema = schemaFor(ctx, item.name.schema);
  if (!schema) throw new SqliteError(`no such table: ${item.name.schema!.text}.${tableName}`);
  const alias = item.alias ? item.alias.text : tableName;
  if (!item.name.schema) {
    const cte = ctx.ctes?.get(tableName.toLowerCase());
    if (cte) return resolveCteReference(ctx, b, cte, alias, outer, correlation);
  }
  const table = schema.table(tableName);
  if (!table) {
    const view = schema.view(tableName);
    if (view) {
      const stack = ctx.viewStack ?? [];
      if (stack.some((v) => sameName(v, view.name))) throw new SqliteError(`view ${view.name} is circularly defined`);
      const viewCtx: CompileContext = { ...ctx, schema: viewSchema(ctx, view.database), sql: view.sql, ctes: undefined, viewStack: [...stack, view.name] };
      const cursor = b.cursor();
      const columns = applyColumnList(
        materializeSelect(viewCtx, b, view.statement.select, cursor, undefined, undefined, view.name),
        view.statement.columns,
        (expected, got) => `expected ${expected} columns for '${view.name}' but got ${got}`,
      );
      return { kind: 'cursor', table: syntheticTable(view.name, columns), name: alias, cursor, memory: true };
    }
    const tableFunction = findTableFunction(ctx, tableName);
    if (tableFunction) return tableFunctionSource(b, tableFunction, [], alias);
    const reason = ctx.schema.unreadableReason(tableName);
    if (reason) throw unsupported(`table ${tableName} (${reason})`);
    // Inside a view SQLite names the table with its schema.
    const shown = item.name.schema ? `${item.name.schema.text}.` : ctx.viewStack?.length ? 'main.' : '';
    throw new SqliteError(`no such table: ${shown}${tableName}`);
  }
  const indexHint = resolveIndexHint(table, item.indexHint);
  return { kind: 'cursor', table, name: alias, cursor: b.cursor(), database: databaseNameOf(ctx, table), ...(indexHint ? { indexHint } : {}) };
}
