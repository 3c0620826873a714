// Expression parsing: precedence climbing with SQLite's operator table (parse.y %left/%right),
// unary/prefix chains, and the postfix/infix forms (IS, LIKE, BETWEEN, IN, COLLATE, NOT NULL).
// Left-associative chains are built in a loop, so `1+1+...` never recurses per term. Primary
// expressions (literals, names, calls, CASE, CAST, subqueries) are in primary.ts.

import { forEachNode, type BinaryOperator, type Expr, type Select } from './ast.js';
import type { ParserState } from './parser-state.js';
import { parsePrimary } from './primary.js';
import { parseSelect, startsSelect } from './select.js';
import type { TokenType } from './tokenizer.js';

// Binding powers (parse.y): OR 1, AND 2, NOT 3, IS/IN/LIKE/BETWEEN/=/!= 4, < <= > >= 5,
// ESCAPE 6, & | << >> 7, + - 8, * / % 9, || -> ->> 10, COLLATE 11, unary 12.
export const PREC_OR = 1;
const PREC_NOT = 3;
const PREC_EQ = 4;
const PREC_CMP = 5;

/** The binding power of the current token as an infix/postfix operator, 0 if it is none. */
function infixPrecedence(type: TokenType): number {
  switch (type) {
    case 'OR': return 1;
    case 'AND': return 2;
    case 'NOT': return 3;
    case 'IS': case 'MATCH': case 'LIKE': case 'GLOB': case 'REGEXP': case 'BETWEEN': case 'IN':
    case 'ISNULL': case 'NOTNULL': case 'NE': case 'EQ':
      return 4;
    case 'LT': case 'GT': case 'LE': case 'GE': return 5;
    case 'BITAND': case 'BITOR': case 'LSHIFT': case 'RSHIFT': return 7;
    case 'PLUS': case 'MINUS': return 8;
    case 'STAR': case 'SLASH': case 'REM': return 9;
    case 'CONCAT': case 'PTR': return 10;
    case 'COLLATE': return 11;
    default: return 0;
  }
}

const SIMPLE_BINARY: Partial<Record<TokenType, BinaryOperator>> = {
  OR: 'OR', AND: 'AND', EQ: '=', NE: '!=', LT: '<', LE: '<=', GT: '>', GE: '>=',
  BITAND: '&', BITOR: '|', LSHIFT: '<<', RSHIFT: '>>', PLUS: '+', MINUS: '-',
  STAR: '*', SLASH: '/', REM: '%', CONCAT: '||',
};

/** `expr`: a full expression. */
export function parseExpr(p: ParserState): Expr {
  return parseBinary(p, PREC_OR);
}

/** `nexprlist`: one or more comma-separated expressions. */
export function parseExprList(p: ParserState): Expr[] {
  const list = [parseExpr(p)];
  while (p.accept('COMMA')) list.push(parseExpr(p));
  return list;
}

function parseBinary(p: ParserState, minPrec: number): Expr {
  return continueBinary(p, parsePrefix(p), minPrec);
}

/** Applies infix/postfix operators of binding power >= minPrec to an already parsed `left`. */
export function continueBinary(p: ParserState, left: Expr, minPrec: number): Expr {
  for (;;) {
    const prec = infixPrecedence(p.type);
    if (prec === 0 || prec < minPrec) return left;
    const start = left.start;
    const opType = p.type;
    const simple = SIMPLE_BINARY[opType];
    if (simple !== undefined) {
      p.advance();
      p.push(2);
      const right = parseBinary(p, prec + 1);
      p.pop(2);
      left = simple === 'AND' ? foldFalseAnd(p, left, right) : p.withHeight({ kind: 'Binary', op: simple, left, right, start, end: right.end }, p.maxHeight([left, right]));
      continue;
    }
    switch (opType) {
      case 'PTR': {
        const op = p.text === '->' ? '->' : '->>';
        p.advance();
        p.push(2);
        const right = parseBinary(p, prec + 1);
        p.pop(2);
        left = p.withHeight({ kind: 'Binary', op, left, right, start, end: right.end }, p.maxHeight([left, right]));
        continue;
      }
      case 'COLLATE': {
        p.advance();
        const collation = p.parseIds();
        // SQLite does not add a level of height for COLLATE (sqlite3ExprAddCollateToken).
        left = { kind: 'Collate', operand: left, collation, start, end: collation.end };
        continue;
      }
      case 'ISNULL':
      case 'NOTNULL': {
        p.advance();
        left = p.withHeight({ kind: 'IsNull', not: opType === 'NOTNULL', operand: left, start, end: p.prevEnd }, p.heightOf(left));
        continue;
      }
      case 'IS':
        left = parseIs(p, left);
        continue;
      case 'NOT':
        // `x NOT NULL|LIKE|GLOB|REGEXP|MATCH|BETWEEN|IN`: NOT binds like a prefix NOT (3) here.
        p.advance();
        if (p.is('NULL')) {
          p.advance();
          left = p.withHeight({ kind: 'IsNull', not: true, operand: left, start, end: p.prevEnd }, p.heightOf(left));
          continue;
        }
        left = parseNegatable(p, left, true);
        continue;
      default:
        left = parseNegatable(p, left, false);
        continue;
    }
  }
}

/**
 * `left AND right`, or the literal 0 when either side is an integer literal 0 and neither calls a
 * function (SQLite's sqlite3ExprAnd, EP_IsFalse without EP_HasFunc): the other side is dropped
 * unresolved, so `0 AND nosuch` is 0, not "no such column".
 */
function foldFalseAnd(p: ParserState, left: Expr, right: Expr): Expr {
  const isZero = (e: Expr) => e.kind === 'Integer' && e.value === 0n && e.hexTooBig === undefined;
  if (!p.keepAllNames && (isZero(left) || isZero(right)) && !callsFunction(left) && !callsFunction(right)) {
    return { kind: 'Integer', value: 0n, start: left.start, end: right.end };
  }
  return p.withHeight({ kind: 'Binary', op: 'AND', left, right, start: left.start, end: right.end }, p.maxHeight([left, right]));
}

/** SQLite's EP_HasFunc: a function call (LIKE, GLOB, MATCH, REGEXP, -> and ->> are ones) outside any subquery. */
function callsFunction(e: Expr): boolean {
  return forEachNode(e, (node) => {
    if (node.kind === 'Select') return false;
    const x = node as Expr;
    return x.kind === 'Function' || x.kind === 'Like' || (x.kind === 'Binary' && (x.op === '->' || x.op === '->>')) || undefined;
  });
}

/** `IS [NOT] [DISTINCT FROM] expr`; `IS [NOT] NULL` becomes an IsNullExpr. */
function parseIs(p: ParserState, left: Expr): Expr {
  p.advance();
  let not = p.accept('NOT');
  if (p.is('DISTINCT') ) {
    p.advance();
    p.expect('FROM');
    not = !not;
  }
  p.push(2);
  const right = parseBinary(p, PREC_EQ + 1);
  p.pop(2);
  const height = p.maxHeight([left, right]);
  if (right.kind === 'Null') {
    return p.withHeight({ kind: 'IsNull', not, operand: left, start: left.start, end: right.end }, height);
  }
  return p.withHeight({ kind: 'Binary', op: not ? 'IS NOT' : 'IS', left, right, start: left.start, end: right.end }, height);
}

/** LIKE/GLOB/REGEXP/MATCH, BETWEEN, IN after an operand; `not` when preceded by NOT. */
function parseNegatable(p: ParserState, left: Expr, not: boolean): Expr {
  const start = left.start;
  const notHeight = not ? 1 : 0;
  switch (p.type) {
    case 'LIKE': case 'GLOB': case 'REGEXP': case 'MATCH': {
      const op = p.type;
      p.advance();
      p.push(2);
      const pattern = parseBinary(p, PREC_EQ + 1);
      let escape: Expr | null = null;
      if (p.accept('ESCAPE')) escape = parseBinary(p, PREC_CMP);
      p.pop(2);
      const end = (escape ?? pattern).end;
      const node = p.withHeight(
        { kind: 'Like', op, not, left, pattern, escape, start, end },
        p.maxHeight([left, pattern, escape]) + notHeight,
      );
      return node;
    }
    case 'BETWEEN': {
      p.advance();
      p.push(2);
      // The middle operand may hold any operator but AND (SQLite's LALR parser shifts them).
      let low = parseBinary(p, PREC_NOT);
      while (p.is('OR')) {
        p.advance();
        const right = parseBinary(p, PREC_NOT);
        low = p.withHeight({ kind: 'Binary', op: 'OR', left: low, right, start: low.start, end: right.end }, p.maxHeight([low, right]));
      }
      p.expect('AND');
      const high = parseBinary(p, PREC_EQ + 1);
      p.pop(2);
      // SQLite computes BETWEEN's height before attaching the bounds.
      return p.withHeight({ kind: 'Between', not, operand: left, low, high, start, end: high.end }, p.heightOf(left) + notHeight);
    }
    case 'IN':
      p.advance();
      return parseInRhs(p, left, not);
    default:
      return p.fail();
  }
}

function parseInRhs(p: ParserState, left: Expr, not: boolean): Expr {
  const start = left.start;
  const notHeight = not ? 1 : 0;
  if (p.accept('LP')) {
    p.push(3);
    if (startsSelect(p.type)) {
      const select = parseSelect(p);
      p.expect('RP');
      p.pop(3);
      return p.withHeight(
        { kind: 'InSelect', not, operand: left, select, start, end: p.prevEnd },
        Math.max(p.heightOf(left), selectHeight(p, select)) + notHeight,
      );
    }
    const list = p.is('RP') ? [] : parseExprList(p);
    p.expect('RP');
    p.pop(3);
    return p.withHeight(
      { kind: 'InList', not, operand: left, list, start, end: p.prevEnd },
      Math.max(p.heightOf(left), p.maxHeight(list)) + notHeight,
    );
  }
  const table = p.parseQualifiedName();
  let args: Expr[] | null = null;
  if (p.accept('LP')) {
    args = p.is('RP') ? [] : parseExprList(p);
    p.expect('RP');
  }
  return p.withHeight({ kind: 'InTable', not, operand: left, table, args, start, end: p.prevEnd }, p.heightOf(left) + notHeight);
}

/** The height SQLite gives a subquery (heightOfSelect): the tallest expression of each core. */
export function selectHeight(p: ParserState, select: Select): number {
  let max = 0;
  const cores = [select.first, ...select.compounds.map((c) => c.core)];
  for (const core of cores) {
    if (core.kind !== 'SelectClause') continue;
    for (const column of core.columns) if (column.kind === 'ExprColumn') max = Math.max(max, p.heightOf(column.expr));
    max = Math.max(max, p.heightOf(core.where), p.heightOf(core.having), p.maxHeight(core.groupBy));
  }
  for (const term of select.orderBy) max = Math.max(max, p.heightOf(term.expr));
  if (select.limit) max = Math.max(max, p.heightOf(select.limit.limit) + 1, p.heightOf(select.limit.offset) + 1);
  return max;
}

/** Unary operators (-, +, ~, NOT) then a primary. `- - x` chains are collected, not recursed. */
function parsePrefix(p: ParserState): Expr {
  if (p.is('NOT')) {
    // A run of NOTs shares one operand (everything binding tighter than NOT), so it is collected
    // in a loop. SQLite's parser stack holds one entry fewer than the run length here.
    const starts: number[] = [];
    while (p.is('NOT')) {
      starts.push(p.start);
      p.advance();
    }
    p.push(starts.length - 1);
    let result = parseBinary(p, PREC_NOT);
    p.pop(starts.length - 1);
    for (let i = starts.length - 1; i >= 0; i--) {
      result = p.withHeight({ kind: 'Unary', op: 'NOT', operand: result, start: starts[i]!, end: result.end }, p.heightOf(result));
    }
    return result;
  }
  if (!(p.is('MINUS') || p.is('PLUS') || p.is('BITNOT'))) return parsePrimary(p);
  const ops: { op: '-' | '+' | '~'; start: number }[] = [];
  while (p.is('MINUS') || p.is('PLUS') || p.is('BITNOT')) {
    ops.push({ op: p.is('MINUS') ? '-' : p.is('PLUS') ? '+' : '~', start: p.start });
    p.advance();
  }
  p.push(ops.length - 1);
  let operand = p.is('NOT') ? parsePrefix(p) : parsePrimary(p, ops[ops.length - 1]!.op === '-');
  p.pop(ops.length - 1);
  for (let i = ops.length - 1; i >= 0; i--) {
    const { op, start } = ops[i]!;
    operand = makeUnary(p, op, operand, start);
  }
  return operand;
}

/** Applies a unary operator; folds `-9223372036854775808` (a REAL literal) into the INTEGER minimum. */
function makeUnary(p: ParserState, op: '-' | '+' | '~', operand: Expr, start: number): Expr {
  if (op === '-' && operand.kind === 'Real' && isMinInt64Text(p.sql.slice(operand.start, operand.end))) {
    return { kind: 'Integer', value: -0x8000000000000000n, start, end: operand.end };
  }
  if (op === '-' && operand.kind === 'Integer' && operand.value === -0x8000000000000000n && operand.hexTooBig === undefined) {
    // The literal's own text: `-(0x8000000000000000)` reports the token without its parentheses.
    const text = p.sql.slice(operand.start, operand.end).replace(/^[(\s]+|[)\s]+$/g, '');
    if (/^0x/i.test(text)) return { ...operand, hexTooBig: `hex literal too big: -${text}`, start };
  }
  if (op === '-' && operand.kind === 'Integer' && operand.hexTooBig !== undefined) return { ...operand, start };
  // SQLite reuses a unary-plus node instead of stacking a new one (no extra height).
  const extra = operand.kind === 'Unary' && operand.op === '+' ? 0 : 1;
  return p.withHeight({ kind: 'Unary', op, operand, start, end: operand.end }, p.heightOf(operand) - 1 + extra);
}

function isMinInt64Text(text: string): boolean {
  const digits = text.replace(/_/g, '').replace(/^0+(?=\d)/, '');
  return digits === '9223372036854775808';
}
