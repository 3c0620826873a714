// Aggregates of an enclosing query written inside a subquery: `SELECT (SELECT count(t.a)) FROM t`.
// SQLite binds an aggregate call to the nearest query whose FROM clause its arguments read; when
// they read only an enclosing query's columns, that query accumulates it (and so is an aggregate
// query) and the subquery reads the finished value. The enclosing query finds such calls here
// before its loop; the subquery then sees them among the enclosing scope's replacements.

import { SqliteError } from '../common/errors.js';
import { sameName, type ColumnRef, type Expr, type FromClause, type FunctionCall } from '../parser/ast.js';
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
  // `direct`: a call in `root` itself may be collected (one in a WHERE clause only through a nested subquery).
  const visit = (root: Expr, levels: readonly FlatSource[][], direct = true): void =>
    walkExpr(root, (node) => {
      if (node.kind === 'Subquery' || node.kind === 'Exists' || node.kind === 'InSelect') {
        for (const core of [node.select.first, ...node.select.compounds.map((c) => c.core)]) {
          if (core.kind !== 'SelectClause') continue;
          const inner = [...levels, fromItems(core.from)];
          const exprs = [...core.columns.flatMap((c) => (c.kind === 'ExprColumn' ? [c.expr] : [])), core.having, ...core.groupBy, ...node.select.orderBy.map((o) => o.expr)];
          for (const e of exprs) if (e) visit(e, inner);
          if (core.where) visit(core.where, inner, false);
        }
        return node.kind === 'InSelect';
      }
      if (levels.length === 0) return true;
      if (node.kind === 'Column') {
        if (!isLocal(levels, node) && resolveColumn(own, node)) columns.push(node);
        return true;
      }
      if (!direct || !isAggregateCall(ctx, node)) return true;
      const refs: ColumnRef[] = [];
      for (const arg of [...node.args, ...(node.filter ? [node.filter] : [])]) walkExpr(arg, (inner) => {
        if (inner.kind === 'Column') refs.push(inner);
      });
      if (refs.length === 0 || refs.some((r) => isLocal(levels, r)) || !refs.some((r) => resolveColumn(own, r))) return true;
      calls.push(node);
      return false;
    });
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
