// Join order for inner joins: the order with the lowest estimated cost of its nested loops. Without
// statistics every table is assumed to hold the same (large) number of rows, as SQLite assumes; a
// level reached by an equality on its rowid or on a unique index yields one row per outer row, an
// equality on the leading columns of another index a few, a range bound a fraction, and a full scan
// all of them. Each further WHERE term checkable on a level narrows its rows. Small joins try every
// order; larger ones place tables greedily. Outer joins keep the written order.

import type { Expr } from '../parser/ast.js';
import { walkExpr, type ExprCompiler } from './expr.js';
import type { FromLevel, FromPlan } from './from.js';
import type { CursorSource } from './scope.js';
import { splitConjunction } from './where.js';

/** Assumed rows of every table and materialized source (no statistics are kept). */
const ASSUMED_ROWS = 1_000_000;
/** Cost of one b-tree descent (about log2 of the assumed rows). */
const SEEK_COST = 20;
/** Rows an equality on a non-unique index's leading columns is assumed to match. */
const ROWS_PER_INDEX_KEY = 10;
/** Rows assumed for a table-valued function call. */
const FUNCTION_ROWS = 25;
/** Fraction of rows one range bound (<, <=, >, >=) keeps, and one other checkable term keeps. */
const RANGE_SELECTIVITY = 0.25;
const TERM_SELECTIVITY = 0.5;
/** Joins of up to this many levels try every order. */
const EXHAUSTIVE_LEVELS = 7;

type Op = '=' | '<' | '<=' | '>' | '>=';
const FLIP: Record<Op, Op> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

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

/** A term as `column op value` on one level, where value reads only other levels (or constants). */
interface Comparison {
  column: number;
  op: Op;
}

interface LevelTerm {
  /** The levels the term reads; the term is checkable on a level once all of them are placed. */
  reads: Set<number>;
  /** Per level: the term as a comparison of that level's column with something the level does not read. */
  comparisons: Map<number, Comparison>;
}

function analyzeTerm(ec: ExprCompiler, levels: readonly FromLevel[], term: Expr): LevelTerm | null {
  const reads = readsLevels(ec, levels, term);
  if (!reads) return null;
  const comparisons = new Map<number, Comparison>();
  const sides: [Expr, Op, Expr][] = [];
  if (term.kind === 'Between' && !term.not) {
    sides.push([term.operand, '>=', term.low], [term.operand, '<=', term.high]);
  } else if (term.kind === 'Binary' && ['=', '<', '<=', '>', '>='].includes(term.op)) {
    sides.push([term.left, term.op as Op, term.right], [term.right, FLIP[term.op as Op], term.left]);
  }
  for (const i of reads) {
    for (const [columnSide, op, valueSide] of sides) {
      const column = columnOn(ec, columnSide, levels[i]!.source);
      const valueReads = column === null ? null : readsLevels(ec, levels, valueSide);
      if (column !== null && valueReads && !valueReads.has(i)) {
        comparisons.set(i, { column, op });
        break;
      }
    }
  }
  return { reads, comparisons };
}

/** Estimated cost of one pass over level i and the rows it yields, given the comparisons checkable on it. */
function accessEstimate(source: CursorSource, comparisons: readonly Comparison[], otherTerms: number): { cost: number; rows: number } {
  let best: { cost: number; rows: number };
  if (source.argumentExprs) best = { cost: FUNCTION_ROWS, rows: FUNCTION_ROWS };
  else best = { cost: ASSUMED_ROWS, rows: ASSUMED_ROWS };
  let used = 0;
  const consider = (rows: number, usedTerms: number) => {
    const cost = SEEK_COST + rows;
    if (cost < best.cost) {
      best = { cost, rows };
      used = usedTerms;
    }
  };
  if (!source.memory && !source.argumentExprs) {
    const isRowid = (c: number) => c === -1 || c === source.table.rowidAlias;
    const rowidTerms = comparisons.filter((c) => isRowid(c.column));
    if (rowidTerms.some((c) => c.op === '=')) consider(1, 1);
    else if (rowidTerms.length > 0) consider(ASSUMED_ROWS * RANGE_SELECTIVITY ** Math.min(2, rowidTerms.length), Math.min(2, rowidTerms.length));
    for (const index of source.table.indexes) {
      if (index.where) continue;
      let equalities = 0;
      while (equalities < index.columns.length && comparisons.some((c) => c.op === '=' && c.column === index.columns[equalities]!.column)) equalities++;
      const next = index.columns[equalities];
      const bounds = next ? Math.min(2, comparisons.filter((c) => c.op !== '=' && c.column === next.column).length) : 0;
      if (equalities === 0 && bounds === 0) continue;
      let rows = equalities === 0 ? ASSUMED_ROWS : index.unique && equalities === index.columns.length ? 1 : ROWS_PER_INDEX_KEY;
      rows *= RANGE_SELECTIVITY ** bounds;
      consider(Math.max(1, rows), equalities + bounds);
    }
  }
  const unused = Math.max(0, comparisons.length - used) + otherTerms;
  return { cost: best.cost, rows: Math.max(1, best.rows * TERM_SELECTIVITY ** unused) };
}

/** The plan with its levels reordered for cheaper nested loops (unchanged when any join is outer). */
export function orderJoin(ec: ExprCompiler, plan: FromPlan, where: Expr | null): FromPlan {
  const levels = plan.levels;
  if (levels.length < 2 || levels.some((l) => l.outer || l.right)) return plan;
  const allTerms = [...splitConjunction(where), ...plan.joinTerms];
  const terms = allTerms.map((t) => analyzeTerm(ec, levels, t)).filter((t): t is LevelTerm => t !== null);
  // A table-valued function's arguments must be computable when its loop starts: the levels they read come first.
  const prerequisites = levels.map((level, i) => {
    const args = level.source.argumentExprs?.(ec, allTerms) ?? [];
    const reads = new Set<number>();
    for (const arg of args) for (const r of readsLevels(ec, levels, arg) ?? []) if (r !== i) reads.add(r);
    return reads;
  });
  // A recursive CTE may be endless: only as the outermost loop can a LIMIT stop it.
  const streams = levels.map((l, i) => (l.source.openStream && !l.source.argumentExprs ? i : -1)).filter((i) => i >= 0);

  /** Cost of one pass of level i with `placed` outside it, and the rows it yields per outer row. */
  const step = (i: number, placed: ReadonlySet<number>) => {
    const comparisons: Comparison[] = [];
    let otherTerms = 0;
    for (const t of terms) {
      if (!t.reads.has(i) || [...t.reads].some((r) => r !== i && !placed.has(r))) continue;
      const comparison = t.comparisons.get(i);
      if (comparison) comparisons.push(comparison);
      else otherTerms++;
    }
    return accessEstimate(levels[i]!.source, comparisons, otherTerms);
  };
  const allowed = (i: number, placed: ReadonlySet<number>) => {
    if (placed.has(i) || ![...prerequisites[i]!].every((r) => placed.has(r))) return false;
    const pendingStream = streams.find((s) => !placed.has(s));
    return pendingStream === undefined || pendingStream === i;
  };

  let bestOrder: number[] | null = null;
  let bestCost = Infinity;
  if (levels.length <= EXHAUSTIVE_LEVELS) {
    // Depth-first over every order, written order first, pruning partial orders already dearer than the best.
    const order: number[] = [];
    const placed = new Set<number>();
    const search = (outerRows: number, cost: number) => {
      if (cost >= bestCost * 0.999) return;
      if (order.length === levels.length) {
        bestOrder = [...order];
        bestCost = cost;
        return;
      }
      for (let i = 0; i < levels.length; i++) {
        if (!allowed(i, placed)) continue;
        const { cost: pass, rows } = step(i, placed);
        order.push(i);
        placed.add(i);
        search(outerRows * rows, cost + outerRows * pass);
        placed.delete(i);
        order.pop();
      }
    };
    search(1, 0);
  }
  if (!bestOrder) {
    // Greedy (or no order satisfied the constraints): the cheapest next level, each time.
    const order: number[] = [];
    const placed = new Set<number>();
    while (order.length < levels.length) {
      let best = -1;
      let bestScore = Infinity;
      for (let i = 0; i < levels.length; i++) {
        if (placed.has(i)) continue;
        const { cost, rows } = step(i, placed);
        const score = allowed(i, placed) ? cost + rows : Infinity;
        if (best < 0 || score < bestScore) {
          best = i;
          bestScore = score;
        }
      }
      placed.add(best);
      order.push(best);
    }
    bestOrder = order;
  }
  const chosen: number[] = bestOrder;
  if (chosen.every((v, i) => v === i)) return plan;
  return { ...plan, levels: chosen.map((i) => levels[i]!) };
}
