// Row values: `(a, b) op (c, d)`, `(a, b) [NOT] BETWEEN (..) AND (..)` and `(a, b) [NOT] IN ((..), (..))`
// rewritten into scalar comparisons with SQLite's results, NULLs included: equality is the AND of
// the element equalities (false beats NULL), `<`/`<=`/`>`/`>=` compare element by element
// (a NULL before the deciding element makes the result NULL), IS/IS NOT never yield NULL.
// Anything else that meets a row value is "row value misused", as in SQLite.

import { SqliteError } from '../common/errors.js';
import type { BinaryOperator, Expr } from '../parser/ast.js';

const misused = () => new SqliteError('row value misused');

function itemsOf(expr: Expr): readonly Expr[] | null {
  return expr.kind === 'Vector' ? expr.items : null;
}

function binary(op: BinaryOperator, left: Expr, right: Expr, at: Expr): Expr {
  return { kind: 'Binary', op, left, right, start: at.start, end: at.end } as Expr;
}

function not(operand: Expr, at: Expr): Expr {
  return { kind: 'Unary', op: 'NOT', operand, start: at.start, end: at.end } as Expr;
}

/** `left op right` for two row values of the same size. */
function compareRows(op: BinaryOperator, left: readonly Expr[], right: readonly Expr[], at: Expr): Expr {
  if (left.length !== right.length) throw misused();
  const pairs = left.map((l, i) => [l, right[i]!] as const);
  switch (op) {
    case '=':
    case 'IS':
      return pairs.map(([l, r]) => binary(op, l, r, at)).reduce((a, c) => binary('AND', a, c, at));
    case '!=':
      return pairs.map(([l, r]) => binary('!=', l, r, at)).reduce((a, c) => binary('OR', a, c, at));
    case 'IS NOT':
      return not(compareRows('IS', left, right, at), at);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      // a1 < b1 OR (a1 = b1 AND (a2 < b2 OR (a2 = b2 AND ... an op bn)))
      const strict: BinaryOperator = op === '<=' ? '<' : op === '>=' ? '>' : op;
      let result = binary(op, pairs[pairs.length - 1]![0], pairs[pairs.length - 1]![1], at);
      for (let i = pairs.length - 2; i >= 0; i--) {
        const [l, r] = pairs[i]!;
        result = binary('OR', binary(strict, l, r, at), binary('AND', binary('=', l, r, at), result, at), at);
      }
      return result;
    }
    default:
      throw misused();
  }
}

/** The scalar rewrite of `expr` when it applies an operator to row values; null when no row value is involved. */
export function rewriteRowValues(expr: Expr): Expr | null {
  switch (expr.kind) {
    case 'Binary': {
      const left = itemsOf(expr.left);
      const right = itemsOf(expr.right);
      if (!left && !right) return null;
      if (!left || !right) throw misused();
      return compareRows(expr.op, left, right, expr);
    }
    case 'Between': {
      const operand = itemsOf(expr.operand);
      if (!operand) return null;
      const low = itemsOf(expr.low);
      const high = itemsOf(expr.high);
      if (!low || !high) throw misused();
      const within = binary('AND', compareRows('>=', operand, low, expr), compareRows('<=', operand, high, expr), expr);
      return expr.not ? not(within, expr) : within;
    }
    case 'InList': {
      const operand = itemsOf(expr.operand);
      if (!operand) return null;
      if (expr.list.length === 0) return null;
      const matches = expr.list.map((item) => {
        const items = itemsOf(item) ?? [item];
        if (items.length !== operand.length) {
          throw new SqliteError(`IN(...) element has ${items.length} term${items.length === 1 ? '' : 's'} - expected ${operand.length}`);
        }
        return compareRows('=', operand, items, expr);
      });
      const any = matches.reduce((a, c) => binary('OR', a, c, expr));
      return expr.not ? not(any, expr) : any;
    }
    default:
      return null;
  }
}
