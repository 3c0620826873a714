// The affinity of a compound SELECT's column when the compound is read as a table (a subquery in
// FROM, a view, a CTE), by SQLite's sqlite3SubqueryColumnTypes: the first part's affinity, or the
// next part's while there is none; then, when another part may give a value of the other class
// (text against numeric), no affinity at all, so values compare by storage class.

import type { Expr, SelectCore } from '../parser/ast.js';
import { Affinity, isNumericAffinity } from '../values/affinity.js';

const NUMERIC = 0x01;
const TEXT = 0x02;
const BLOB = 0x04;

/** The classes of value an affinity lets an expression give (sqlite3ExprDataType for columns, casts, subqueries). */
function classesOfAffinity(affinity: Affinity | null): number {
  if (affinity !== null && isNumericAffinity(affinity)) return NUMERIC | BLOB;
  if (affinity === Affinity.Text) return TEXT | BLOB;
  return NUMERIC | TEXT | BLOB;
}

/** sqlite3ExprDataType: the classes of value `expr` may give (0 when it is always NULL). */
function classesOf(expr: Expr, affinity: Affinity | null): number {
  switch (expr.kind) {
    case 'Collate':
      return classesOf(expr.operand, affinity);
    case 'Unary':
      return expr.op === '+' ? classesOf(expr.operand, null) : NUMERIC;
    case 'Null':
      return 0;
    case 'String':
      return TEXT;
    case 'Blob':
      return BLOB;
    case 'Binary':
      return expr.op === '||' ? TEXT | BLOB : NUMERIC;
    case 'Parameter':
    case 'Function':
      return NUMERIC | TEXT | BLOB;
    case 'Column':
    case 'Subquery':
    case 'Cast':
    case 'Vector':
      return classesOfAffinity(affinity);
    case 'Case':
      return [...expr.whens.map((w) => w.then), ...(expr.otherwise ? [expr.otherwise] : [])].reduce((m, e) => m | classesOf(e, null), 0);
    default:
      return NUMERIC;
  }
}

/** Per result column of `core`: its expression, when the core names its columns one by one (no `*`). */
function resultExprs(core: SelectCore): (Expr | null)[] | null {
  if (core.kind === 'Values') return [...core.rows[0]!];
  if (core.columns.some((c) => c.kind !== 'ExprColumn')) return null;
  return core.columns.map((c) => (c.kind === 'ExprColumn' ? c.expr : null));
}

/**
 * The affinity of each column of a compound read as a table. `parts[k]` is the k-th SELECT and
 * `affinities[k]` the affinities of its result columns.
 */
export function compoundColumnAffinities(parts: readonly SelectCore[], affinities: readonly (readonly (Affinity | null)[])[]): (Affinity | null)[] {
  const exprs = parts.map(resultExprs);
  const classes = (k: number, i: number): number => {
    const e = exprs[k]?.[i];
    return e ? classesOf(e, affinities[k]![i] ?? null) : classesOfAffinity(affinities[k]![i] ?? null);
  };
  return affinities[0]!.map((first, i) => {
    let k = 0;
    let seen = 0;
    let affinity = first;
    while (affinity === null && k + 1 < parts.length) {
      seen |= classes(k, i);
      k++;
      affinity = affinities[k]![i] ?? null;
    }
    if (affinity === null || affinity === Affinity.Blob || parts.length === 1) return affinity;
    for (let later = k + 1; later < parts.length; later++) seen |= classes(later, i);
    if (affinity === Affinity.Text && seen & NUMERIC) return Affinity.Blob;
    if (isNumericAffinity(affinity) && seen & TEXT) return Affinity.Blob;
    // A CAST first part makes SQLite's FLEXNUM, which compares as NUMERIC does.
    if (isNumericAffinity(affinity) && exprs[0]?.[i]?.kind === 'Cast') return Affinity.Numeric;
    return affinity;
  });
}
