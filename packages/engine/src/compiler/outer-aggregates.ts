// Aggregates of an enclosing query written inside a subquery: `SELECT (SELECT count(t.a)) FROM t`.
// SQLite binds an aggregate call to the nearest query whose FROM clause its arguments read; when
// they read only an enclosing query's columns, that query accumulates it (and so is an aggregate
// query) and the subquery reads the finished value. The enclosing query finds such calls here
// before its loop; the subquery then sees them among the enclosing scope's replacements.

import { SqliteError } from '../common/errors.js';
import { sameName, type ColumnRef, type Expr, type FromClause, type FunctionCall, type Select, type SelectClause } from '../parser/ast.js';
import type { CompileContext } from './context.js';
import { walkExpr } from './expr.js';
import { flatten, type FlatSource } from './from.js';
import { resolveColumn, type CursorSource, type Scope } from './scope.js';
import { isAggregateCall } from './select.js';

/** Whether `ref` may name a column of the FROM items `items` (unknown shapes count as yes). */
function mayBeLocal(ctx: CompileContext, items: readonly FlatSource[], ref: ColumnRef): boolean {
  return items.some(({ source }) => {
    const name = source.kind === 'TableRef' ? (source.alias ?? source.name.name) : source.alias;
    if (ref.table) return !!name && sameName(name.text, ref.table.text);
    if (source.kind !== 'TableRef' || ctx.ctes?.has(source.name.name.text.toLowerCase())) return true;
    const table = ctx.schema.table(source.name.name.text);
    return !table || table.columns.some((c) => sameName(c.name, ref.column.text));
  });
}

function fromItems(from: FromClause | null): FlatSource[] {
  const items: FlatSource[] = [];
  if (from) flatten(from, null, items);
  return items;
}

/**
 * What subqueries of `roots` (expressions of a query reading `sources`) take from that query:
 * `calls`, the aggregate calls that belong to it (their arguments read no FROM item of the
 * subqueries they are in, nested ones included, and some of `sources`), and `columns`, the other
 * references to its columns (an aggregate query captures them per group, as bare columns).
 */
export function enclosedReferences(ctx: CompileContext, sources: readonly CursorSource[], roots: readonly (Expr | null)[]): { calls: FunctionCall[]; columns: ColumnRef[] } {
  const own: Scope = { sources };
  const calls: FunctionCall[] = [];
  const columns: ColumnRef[] = [];
  const isLocal = (levels: readonly FlatSource[][], ref: ColumnRef) => levels.some((items) => mayBeLocal(ctx, items, ref));
  /** The column references of an aggregate call's arguments and FILTER. */
  const argumentRefs = (call: FunctionCall): ColumnRef[] => {
    const refs: ColumnRef[] = [];
    for (const arg of [...call.args, ...call.orderBy.map((o) => o.expr), ...(call.filter ? [call.filter] : [])]) walkExpr(arg, (inner) => {
      if (inner.kind === 'Column') refs.push(inner);
    });
    return refs;
  };
  /**
   * Whether a query core is an aggregate query by its own GROUP BY or result columns: only then may
   * its WHERE and ON clauses hold an enclosing query's aggregate (SQLite resolves them with
   * aggregates allowed only in such a query, then binds the call to the query its arguments read).
   */
  const ownsAggregates = (core: SelectClause, levels: readonly FlatSource[][]): boolean => {
    if (core.groupBy.length > 0) return true;
    let found = false;
    for (const c of core.columns) if (c.kind === 'ExprColumn') walkExpr(c.expr, (node) => {
      if (found || node.kind === 'Subquery' || node.kind === 'Exists' || node.kind === 'InSelect') return false;
      if (!isAggregateCall(ctx, node)) return true;
      const refs = argumentRefs(node);
      if (refs.length === 0 || refs.some((r) => isLocal(levels, r))) found = true;
      return false;
    });
    return found;
  };
  // `direct`: a call in `root` itself may be collected (not in a WHERE or ON clause of a non-aggregate subquery).
  const visit = (root: Expr, levels: readonly FlatSource[][], direct = true): void =>
    walkExpr(root, (node) => {
      if (node.kind === 'Subquery' || node.kind === 'Exists' || node.kind === 'InSelect') {
        visitSelect(node.select, levels);
        return node.kind === 'InSelect';
      }
      if (levels.length === 0) return true;
      if (node.kind === 'Column') {
        if (!isLocal(levels, node) && resolveColumn(own, node)) columns.push(node);
        return true;
      }
      if (!direct || !isAggregateCall(ctx, node)) return true;
      const refs = argumentRefs(node);
      if (refs.length === 0 || refs.some((r) => isLocal(levels, r)) || !refs.some((r) => resolveColumn(own, r))) return true;
      calls.push(node);
      return false;
    });
  // A subquery seen from `levels` (the FROM items of the queries around it, innermost last). Its FROM
  // subqueries and CTEs see those levels too (not their sibling FROM items): SQLite lets them read the
  // enclosing query's columns as well.
  const visitSelect = (select: Select, levels: readonly FlatSource[][]): void => {
    for (const cte of select.with?.ctes ?? []) visitSelect(cte.select, levels);
    let inner: FlatSource[][] = [...levels, []];
    for (const core of [select.first, ...select.compounds.map((c) => c.core)]) {
      if (core.kind !== 'SelectClause') {
        for (const row of core.rows) for (const e of row) visit(e, inner);
        continue;
      }
      inner = [...levels, fromItems(core.from)];
      const direct = ownsAggregates(core, inner);
      if (core.from) visitFrom(core.from, levels, inner, direct);
      const exprs = [...core.columns.flatMap((c) => (c.kind === 'ExprColumn' ? [c.expr] : [])), core.having, ...core.groupBy];
      for (const e of exprs) if (e) visit(e, inner);
      if (core.where) visit(core.where, inner, direct);
    }
    for (const o of select.orderBy) visit(o.expr, inner);
  };
  const visitFrom = (from: FromClause, levels: readonly FlatSource[][], inner: readonly FlatSource[][], direct: boolean): void => {
    for (const item of from.sources) {
      const source = item.source;
      if (source.kind === 'Subquery') visitSelect(source.select, levels);
      else if (source.kind === 'JoinGroup') visitFrom(source.from, levels, inner, direct);
      else if (source.kind === 'TableFunction') for (const arg of source.args) visit(arg, inner, false);
      if (item.on) visit(item.on, inner, direct);
    }
  };
  for (const root of roots) if (root) visit(root, []);
  return { calls, columns };
}

/** The aggregate calls of enclosedReferences. */
export function outerAggregateCalls(ctx: CompileContext, sources: readonly CursorSource[], roots: readonly (Expr | null)[]): FunctionCall[] {
  return enclosedReferences(ctx, sources, roots).calls;
}

/** SQLite's errors for an enclosing query's aggregate (in a subquery) where it may not be. */
export function rejectOuterAggregates(ctx: CompileContext, sources: readonly CursorSource[], where: Expr | null, groupBy: readonly Expr[]): void {
  const inWhere = outerAggregateCalls(ctx, sources, [where])[0];
  if (inWhere) throw new SqliteError(`misuse of aggregate: ${inWhere.name.text}()`);
  if (outerAggregateCalls(ctx, sources, groupBy).length > 0) throw new SqliteError('aggregate functions are not allowed in the GROUP BY clause');
}

/** The register holding `expr` in `scope` or an enclosing scope (marking the subqueries in between correlated), or undefined. */
export function enclosingReplacement(scope: Scope, expr: Expr): number | undefined {
  const crossed: Scope[] = [];
  for (let s: Scope | undefined = scope; s; s = s.outer) {
    const register = s.replacements?.get(expr);
    if (register !== undefined) {
      for (const c of crossed) if (c.correlation) c.correlation.used = true;
      return register;
    }
    crossed.push(s);
  }
  return undefined;
}
