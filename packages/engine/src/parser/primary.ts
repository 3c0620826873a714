// Primary expressions: literals (with SQLite's integer/real rules), parameters, column references,
// function calls with FILTER/OVER, parenthesized expressions and row values, CAST, CASE, EXISTS,
// scalar subqueries and RAISE; also type names (`typetoken`).

import type { Expr, FunctionCall, Name, OrderingTerm, TypeName, WindowRef, WindowSpec } from './ast.js';
import { continueBinary, parseExpr, parseExprList, PREC_OR, selectHeight } from './expressions.js';
import { MAX_FUNCTION_ARGS, syntaxError, type ParserState } from './parser-state.js';
import { parseOrderingTerms, parseSelect, startsSelect } from './select.js';
import { parseWindowSpecBody } from './window.js';
import { dequote, numberText } from './tokenizer.js';

/** A literal token (INTEGER, FLOAT, BLOB, NULL, CURRENT_*): SQLite's `term`. */
export function parseTermToken(p: ParserState): Expr {
  return parsePrimary(p);
}

export function parsePrimary(p: ParserState, negated = false): Expr {
  p.push(1);
  p.pop(1);
  const start = p.start;
  switch (p.type) {
    case 'INTEGER':
      return integerLiteral(p, negated);
    case 'QNUMBER': {
      // A number with `_` separators; misplaced separators are reported when the term is reduced.
      const raw = p.text;
      const number = numberText(raw);
      if (number === null || number.isFloat) {
        const value = Number((number?.text ?? raw).replace(/_/g, ''));
        p.advance();
        if (number === null) p.failOnReduce(syntaxError(`unrecognized token: "${raw}"`));
        return { kind: 'Real', value: Number.isNaN(value) ? 0 : value, start, end: p.prevEnd };
      }
      return integerLiteral(p, negated);
    }
    case 'FLOAT': {
      const value = Number(p.text.replace(/_/g, ''));
      p.advance();
      return { kind: 'Real', value, start, end: p.prevEnd };
    }
    case 'STRING': {
      if (p.peekNext() === 'DOT') return parseColumnOrCall(p);
      const value = dequote(p.text);
      p.advance();
      return { kind: 'String', value, start, end: p.prevEnd };
    }
    case 'BLOB': {
      const hex = p.text.slice(2, -1);
      const value = new Uint8Array(hex.length / 2);
      for (let i = 0; i < value.length; i++) value[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      p.advance();
      return { kind: 'Blob', value, start, end: p.prevEnd };
    }
    case 'NULL':
      p.advance();
      return { kind: 'Null', start, end: p.prevEnd };
    case 'VARIABLE': {
      const token = p.text;
      p.advance();
      // `#N` names a register in SQLite's nested parses only; elsewhere it is a syntax error
      // reported when the term is reduced.
      if (token[0] === '#' && token.charCodeAt(1) >= 48 && token.charCodeAt(1) <= 57) {
        p.failOnReduce(syntaxError(`near "${token}": syntax error`));
      }
      const { index, name } = p.assignParameter(token);
      return { kind: 'Parameter', index, name, start, end: p.prevEnd };
    }
    case 'CURRENT_TIME':
    case 'CURRENT_DATE':
    case 'CURRENT_TIMESTAMP': {
      const which = p.type === 'CURRENT_TIME' ? 'TIME' : p.type === 'CURRENT_DATE' ? 'DATE' : 'TIMESTAMP';
      p.advance();
      return { kind: 'CurrentTime', which, start, end: p.prevEnd };
    }
    case 'LP':
      return parseParenthesized(p);
    case 'CAST':
      return parseCast(p);
    case 'CASE':
      return parseCase(p);
    case 'EXISTS': {
      p.advance();
      p.expect('LP');
      p.push(2);
      const select = parseSelect(p);
      p.pop(2);
      p.expect('RP');
      return p.withHeight({ kind: 'Exists', select, start, end: p.prevEnd }, selectHeight(p, select));
    }
    case 'RAISE':
      return parseRaise(p);
    default:
      if (p.isNm()) return parseColumnOrCall(p);
      return p.fail();
  }
}

function integerLiteral(p: ParserState, negated: boolean): Expr {
  const start = p.start;
  const raw = p.text;
  const text = raw.indexOf('_') < 0 ? raw : raw.replace(/_/g, '');
  p.advance();
  const end = p.prevEnd;
  // Fast path: up to 15 decimal digits is exact as a double.
  if (text.length <= 15 && (text.length < 2 || (text[1] !== 'x' && text[1] !== 'X'))) {
    return { kind: 'Integer', value: BigInt(+text), start, end };
  }
  if (text.length > 2 && (text[1] === 'x' || text[1] === 'X')) {
    const digits = text.slice(2).replace(/^0+/, '');
    if (digits.length > 16) {
      const hexTooBig = `hex literal too big: ${negated ? '-' : ''}${p.sql.slice(start, end)}`;
      return { kind: 'Integer', value: 0n, hexTooBig, start, end };
    }
    return { kind: 'Integer', value: BigInt.asIntN(64, BigInt('0x' + (digits || '0'))), start, end };
  }
  const value = BigInt(text);
  if (value > 0x7fffffffffffffffn) return { kind: 'Real', value: Number(text), start, end };
  return { kind: 'Integer', value, start, end };
}

/**
 * `(expr)`, `(expr, expr, ...)` (a row value) or `(select)`. Runs of opening parentheses are
 * handled in a loop, level by level from the innermost, so `((((1))))` does not recurse per level.
 */
function parseParenthesized(p: ParserState): Expr {
  const starts: number[] = [];
  while (p.is('LP')) {
    starts.push(p.start);
    p.advance();
    p.push(1);
  }
  let inner: Expr;
  if (startsSelect(p.type)) {
    const select = parseSelect(p);
    p.expect('RP');
    p.pop(1);
    inner = p.withHeight({ kind: 'Subquery', select, start: starts.pop()!, end: p.prevEnd }, selectHeight(p, select));
    if (starts.length === 0) return inner;
    inner = continueBinary(p, inner, PREC_OR);
  } else {
    inner = parseExpr(p);
  }
  // Close the levels from the innermost out; each level may continue with operators or a comma.
  for (;;) {
    const start = starts.pop()!;
    if (p.is('COMMA')) {
      const items = [inner];
      while (p.accept('COMMA')) items.push(parseExpr(p));
      p.expect('RP');
      inner = { kind: 'Vector', items, start, end: p.prevEnd };
    } else {
      p.expect('RP');
      // The span includes the parentheses: SQLite names result columns by their source text.
      inner = p.respan(inner, start, p.prevEnd);
    }
    p.pop(1);
    if (starts.length === 0) return inner;
    inner = continueBinary(p, inner, PREC_OR);
  }
}

function parseCast(p: ParserState): Expr {
  const start = p.start;
  p.advance();
  p.expect('LP');
  p.push(2);
  const operand = parseExpr(p);
  p.expect('AS');
  const type = parseTypeName(p) ?? { text: '', words: [], args: [], start: p.start, end: p.start };
  p.expect('RP');
  p.pop(2);
  return p.withHeight({ kind: 'Cast', operand, type, start, end: p.prevEnd }, p.heightOf(operand));
}

/**
 * `typetoken`: zero or more `ids` words, optionally followed by `(signed)` or `(signed, signed)`.
 * Returns null when there are no words.
 */
export function parseTypeName(p: ParserState): TypeName | null {
  if (!p.isIds()) return null;
  const start = p.start;
  const words: string[] = [];
  let lastWordEnd = start;
  while (p.isIds()) {
    words.push(p.takeName().text);
    lastWordEnd = p.prevEnd;
  }
  const args: string[] = [];
  if (p.accept('LP')) {
    args.push(parseSignedNumberText(p));
    if (p.accept('COMMA')) args.push(parseSignedNumberText(p));
    p.expect('RP');
  }
  let end = p.prevEnd;
  if (args.length === 0) {
    // sqlite3AddColumn drops a trailing "GENERATED ALWAYS" (or "ALWAYS") from the declared type.
    const text = p.sql.slice(start, lastWordEnd);
    if (text.length >= 16 && /always$/i.test(text) && /always$/i.test(words[words.length - 1] ?? '')) {
      words.pop();
      let trimmed = text.slice(0, -6).trimEnd();
      if (/generated$/i.test(trimmed) && /^generated$/i.test(words[words.length - 1] ?? '')) {
        words.pop();
        trimmed = trimmed.slice(0, -9).trimEnd();
      }
      if (words.length === 0) return null;
      end = start + trimmed.length;
    }
  }
  return { text: p.sql.slice(start, end), words, args, start, end };
}

/** `signed`: [+|-] INTEGER|FLOAT, returned as written (without inner spaces). */
export function parseSignedNumberText(p: ParserState): string {
  let sign = '';
  if (p.is('PLUS') || p.is('MINUS')) {
    sign = p.is('MINUS') ? '-' : '+';
    p.advance();
  }
  if (!(p.is('INTEGER') || p.is('FLOAT'))) p.fail();
  const text = p.text;
  p.advance();
  return sign + text;
}

function parseCase(p: ParserState): Expr {
  const start = p.start;
  p.advance();
  let operand: Expr | null = null;
  if (!p.is('WHEN')) {
    p.push(1);
    operand = parseExpr(p);
    p.pop(1);
  }
  const whens: { when: Expr; then: Expr }[] = [];
  if (!p.is('WHEN')) p.fail();
  while (p.accept('WHEN')) {
    p.push(3);
    const when = parseExpr(p);
    p.expect('THEN');
    p.push(2);
    const then = parseExpr(p);
    p.pop(5);
    whens.push({ when, then });
  }
  let otherwise: Expr | null = null;
  if (p.accept('ELSE')) {
    p.push(4);
    otherwise = parseExpr(p);
    p.pop(4);
  }
  p.expect('END');
  const children: (Expr | null)[] = [operand, otherwise];
  for (const w of whens) children.push(w.when, w.then);
  return p.withHeight({ kind: 'Case', operand, whens, otherwise, start, end: p.prevEnd }, p.maxHeight(children));
}

function parseRaise(p: ParserState): Expr {
  const start = p.start;
  p.advance();
  p.expect('LP');
  if (p.accept('IGNORE')) {
    p.expect('RP');
    return { kind: 'Raise', action: 'IGNORE', message: null, start, end: p.prevEnd };
  }
  let action: 'ROLLBACK' | 'ABORT' | 'FAIL';
  if (p.is('ROLLBACK')) action = 'ROLLBACK';
  else if (p.is('ABORT')) action = 'ABORT';
  else if (p.is('FAIL')) action = 'FAIL';
  else return p.fail();
  p.advance();
  p.expect('COMMA');
  p.push(4);
  const message = parseExpr(p);
  p.pop(4);
  p.expect('RP');
  return p.withHeight({ kind: 'Raise', action, message, start, end: p.prevEnd }, p.heightOf(message));
}

/** An identifier-led expression: column reference `[[s.]t.]c`, TRUE/FALSE, or a function call. */
function parseColumnOrCall(p: ParserState): Expr {
  const start = p.start;
  const first = p.takeName();
  if (p.is('LP') && p.sql.charCodeAt(first.start) !== 39) return parseFunctionCall(p, first);
  if (p.accept('DOT')) {
    const second = p.parseNm();
    if (p.accept('DOT')) {
      const third = p.parseNm();
      return p.withHeight({ kind: 'Column', schema: first, table: second, column: third, start, end: third.end }, 2);
    }
    return p.withHeight({ kind: 'Column', schema: null, table: first, column: second, start, end: second.end }, 1);
  }
  if (!first.quoted) {
    const lower = first.text.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      return { kind: 'Boolean', value: lower === 'true', name: first, start, end: first.end };
    }
  }
  return { kind: 'Column', schema: null, table: null, column: first, start, end: first.end };
}

function parseFunctionCall(p: ParserState, name: Name): Expr {
  const start = name.start;
  p.expect('LP');
  p.push(3);
  let distinct = false;
  let star = false;
  let args: Expr[] = [];
  let orderBy: OrderingTerm[] = [];
  if (p.is('STAR')) {
    p.advance();
    star = true;
  } else {
    if (p.accept('DISTINCT')) distinct = true;
    else p.accept('ALL');
    if (!p.is('RP')) {
      if (!p.is('ORDER')) args = parseExprList(p);
      if (p.is('ORDER')) {
        p.advance();
        p.expect('BY');
        const terms = parseOrderingTerms(p);
        // SQLite drops the ORDER BY of a call without arguments (sqlite3ExprAddFunctionOrderBy).
        if (args.length > 0) orderBy = terms;
      }
    }
  }
  p.expect('RP');
  p.pop(3);
  if (args.length > MAX_FUNCTION_ARGS) throw syntaxError(`too many arguments on function ${name.text}`);
  let filter: Expr | null = null;
  let over: WindowRef | null = null;
  if (p.is('FILTER')) {
    p.advance();
    p.expect('LP');
    p.expect('WHERE');
    filter = parseExpr(p);
    p.expect('RP');
  }
  if (p.is('OVER')) {
    p.advance();
    if (p.is('LP')) {
      const specStart = p.start;
      p.advance();
      const body = parseWindowSpecBody(p, specStart);
      p.expect('RP');
      over = { ...body, end: p.prevEnd } satisfies WindowSpec;
    } else {
      over = { kind: 'WindowName', name: p.parseNm() };
    }
  }
  const node: FunctionCall = { kind: 'Function', name, distinct, star, args, orderBy, filter, over, start, end: p.prevEnd };
  return p.withHeight(node, p.maxHeight(args));
}
