// SQLite's min/max optimisation (select.c minMaxQuery, where.c WHERE_ORDERBY_MIN/MAX): an aggregate
// query whose only aggregate is one min(x) or max(x), without GROUP BY or HAVING, asks the planner for
// its rows ordered by x (ascending for min, descending for max). When the chosen loop delivers that
// order, the first row it visits holds the answer and the loop is left after it
// (sqlite3WhereMinMaxOptEarlyOut). min() seeks past the entries whose x is NULL (they sort first);
// max() walks backwards and takes the last entry, NULL only when every x in the range is.

import type { Expr, FunctionCall } from '../parser/ast.js';
import { binaryCollation } from '../values/collation.js';
import type { ExprCompiler } from './expr.js';
import type { CursorSource } from './scope.js';
import { chooseLoop, type LoopChoice, type OrderTerm } from './where.js';

/** A min/max query's request to the loop planner; `ordered` is set once the loop is chosen. */
export class MinMaxRequest {
  ordered = false;
  constructor(
    readonly kind: 'min' | 'max',
    readonly order: readonly OrderTerm[],
  ) {}
}

/**
 * The request for a query with no GROUP BY or HAVING whose aggregate calls are `calls`, or null
 * when the optimisation does not apply (not exactly one call; not a plain one-argument min/max; a
 * FILTER, window or ORDER BY on the call makes SQLite plan an ordinary scan).
 */
export function minMaxRequest(ec: ExprCompiler, calls: readonly FunctionCall[]): MinMaxRequest | null {
  if (calls.length !== 1) return null;
  const call = calls[0]!;
  if (call.star || call.args.length !== 1 || call.filter || call.over || call.orderBy.length > 0) return null;
  const name = call.name.text.toLowerCase();
  if (name !== 'min' && name !== 'max') return null;
  const arg = call.args[0]!;
  const c = ec.collationOf(arg);
  // `x COLLATE c` orders as x under c: an index on x with collation c serves it.
  let expr = arg;
  while (expr.kind === 'Collate') expr = expr.operand;
  return new MinMaxRequest(name, [{ expr, collation: c ? ec.collation(c.name) : binaryCollation, descending: name === 'max' }]);
}

/** The loop for `request` on one table: the planner's choice for the order, marked as a min/max search. */
export function minMaxLoop(ec: ExprCompiler, source: CursorSource, where: Expr | null, request: MinMaxRequest): LoopChoice {
  const decided = chooseLoop(ec, source, where, request.order);
  request.ordered = decided.ordered;
  const choice = decided.choice;
  if (decided.ordered && choice.kind === 'index' && request.kind === 'min') {
    // The index column after the equalities is x: skip its NULL entries, unless it has none.
    const column = choice.plan.index.columns[choice.plan.equalities.length];
    const nullable = column !== undefined && !(column.column >= 0 && source.table.columns[column.column]?.notNull);
    return { ...decided, minMax: true, choice: { ...choice, plan: { ...choice.plan, skipNulls: nullable } } };
  }
  return { ...decided, minMax: true };
}
