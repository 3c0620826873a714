// Join order for inner joins: a greedy choice, level by level, of the table that can be reached
// most cheaply given the tables already placed: an equality on its rowid or on the leading column
// of one of its indexes (with the other side already known) beats a full scan, and every WHERE
// term that becomes checkable on it narrows it further. Outer joins keep the written order.

import type { Expr } from '../parser/ast.js';
import { walkExpr, type ExprCompiler } from './expr.js';
import type { FromLevel, FromPlan } from './from.js';
import type { CursorSource } from './scope.js';
import { splitConjunction } from './where.js';

/** The levels a term reads (by index into `levels`), or null when it cannot be moved (subqueries, unknown names). */
function readsLevels(ec: ExprCompiler, levels: readonly FromLevel[], term: Expr): Set<number> | null {
  const found = new Set<number>();
  let movable = true;
  walkExpr(term, (e) => {
    if (e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect') movable = false;
    if (e.kind !== 'Column') return;
    try {
      const resolved = ec.tryResolve(e);
      if (!resolved) movable = false;
      else {
        const index = levels.findIndex((l) => l.source === resolved.source);
        if (index >= 0) found.add(index);
      }
    } catch {
      movable = false;
    }
  });
  return movable ? found : null;
}

function columnOn(ec: ExprCompiler, expr: Expr, source: CursorSource): number | null {
  if (expr.kind !== 'Column') return null;
  try {
    const resolved = ec.tryResolve(expr);
    return resolved && resolved.source === source ? resolved.column : null;
  } catch {
    return null;
  }
}

function seekable(source: CursorSource, column: number): number {
  if (source.memory) return 0;
  if (column === -1 || column === source.table.rowidAlias) return 200;
  for (const index of source.table.indexes) {
    if (!index.where && index.columns[0]?.column === column) return index.unique && index.columns.length === 1 ? 150 : 100;
  }
  return 0;
}

/** The plan with its levels reordered for cheaper nested loops (unchanged when any join is outer). */
export function orderJoin(ec: ExprCompiler, plan: FromPlan, where: Expr | null): FromPlan {
  const levels = plan.levels;
  if (levels.length < 2 || levels.some((l) => l.outer || l.right)) return plan;
  const terms = [...splitConjunction(where), ...plan.joinTerms].map((t) => ({ term: t, reads: readsLevels(ec, levels, t) }));
  // A table-valued function's arguments must be computable when its loop starts: the levels they read come first.
  const allTerms = terms.map((t) => t.term);
  const prerequisites = levels.map((level, i) => {
    const args = level.source.argumentExprs?.(ec, allTerms) ?? [];
    const reads = new Set<number>();
    for (const arg of args) for (const r of readsLevels(ec, levels, arg) ?? []) if (r !== i) reads.add(r);
    return reads;
  });
  const placed = new Set<number>();
  const order: number[] = [];
  while (order.length < levels.length) {
    let best = -1;
    let bestScore = -1;
    const ready = levels.map((_, i) => !placed.has(i) && [...prerequisites[i]!].every((r) => placed.has(r)));
    const anyReady = ready.some(Boolean);
    levels.forEach((level, i) => {
      if (placed.has(i) || (anyReady && !ready[i])) return;
      // A recursive CTE may be endless: only as the outermost loop can a LIMIT stop it.
      let score = level.source.openStream && !level.source.argumentExprs ? 100_000 : 0;
      for (const { term, reads } of terms) {
        if (!reads || !reads.has(i) || [...reads].some((r) => r !== i && !placed.has(r))) continue;
        score += 10;
        if (term.kind === 'Binary' && term.op === '=') {
          const others = (side: Expr) => {
            const r = readsLevels(ec, levels, side);
            return r !== null && !r.has(i);
          };
          const left = columnOn(ec, term.left, level.source);
          const right = columnOn(ec, term.right, level.source);
          if (left !== null && others(term.right)) score += seekable(level.source, left);
          else if (right !== null && others(term.left)) score += seekable(level.source, right);
        }
      }
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    placed.add(best);
    order.push(best);
  }
  if (order.every((v, i) => v === i)) return plan;
  return { ...plan, levels: order.map((i) => levels[i]!) };
}
