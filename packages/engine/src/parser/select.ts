// SELECT parsing: WITH, compound chains (parsed in a loop), cores, VALUES, result columns,
// FROM with joins, GROUP BY/HAVING, ORDER BY and LIMIT (WINDOW clauses: window.ts), and the parse-time
// checks SQLite makes on them.

import type {
  CommonTableExpr,
  CompoundOperator,
  CompoundPart,
  Expr,
  FromClause,
  IndexHint,
  JoinOperator,
  JoinedSource,
  LimitClause,
  Name,
  OrderingTerm,
  ResultColumn,
  Select,
  SelectCore,
  TableSource,
  WithClause,
} from './ast.js';
import { parseExpr, parseExprList } from './expressions.js';
import { parseWindowClause } from './window.js';
import { MAX_COMPOUND_SELECT, syntaxError, type ParserState } from './parser-state.js';
import type { TokenType } from './tokenizer.js';

export function startsSelect(type: TokenType): boolean {
  return type === 'SELECT' || type === 'VALUES' || type === 'WITH';
}

/** `select`: [WITH ...] core (op core)* with the ORDER BY/LIMIT of the last core. */
export function parseSelect(p: ParserState): Select {
  const start = p.start;
  const withClause = p.is('WITH') ? parseWith(p) : null;
  return parseSelectNoWith(p, start, withClause);
}

export function parseSelectNoWith(p: ParserState, start: number, withClause: WithClause | null): Select {
  const first = parseCore(p);
  let orderBy = first.orderBy;
  let limit = first.limit;
  const compounds: CompoundPart[] = [];
  // The last core (counting from the end) with ORDER BY/LIMIT before an operator, for the error.
  let misplaced: { clause: 'ORDER BY' | 'LIMIT'; op: CompoundOperator } | null = null;
  for (;;) {
    const op = compoundOperator(p);
    if (op === null) break;
    if (orderBy.length > 0 || limit !== null) misplaced = { clause: orderBy.length > 0 ? 'ORDER BY' : 'LIMIT', op };
    const next = parseCore(p);
    compounds.push({ op, core: next.core });
    orderBy = next.orderBy;
    limit = next.limit;
  }
  // SQLite checks these when the whole SELECT is reduced, i.e. once the next token is accepted.
  if (misplaced) p.failOnReduce(syntaxError(`${misplaced.clause} clause should come after ${misplaced.op} not before`));
  const last = compounds.length > 0 ? compounds[compounds.length - 1]!.core : first.core;
  if (compounds.length + 1 > MAX_COMPOUND_SELECT && last.kind !== 'Values') {
    p.failOnReduce(syntaxError('too many terms in compound SELECT'));
  }
  return { kind: 'Select', with: withClause, first: first.core, compounds, orderBy, limit, start, end: p.prevEnd };
}

function compoundOperator(p: ParserState): CompoundOperator | null {
  switch (p.type) {
    case 'UNION':
      p.advance();
      return p.accept('ALL') ? 'UNION ALL' : 'UNION';
    case 'INTERSECT':
      p.advance();
      return 'INTERSECT';
    case 'EXCEPT':
      p.advance();
      return 'EXCEPT';
    default:
      return null;
  }
}

/** `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (select), ...`. */
export function parseWith(p: ParserState): WithClause {
  const start = p.start;
  p.expect('WITH');
  const recursive = p.accept('RECURSIVE');
  const ctes: CommonTableExpr[] = [];
  do {
    const cteStart = p.start;
    const name = p.parseNm();
    const columns = p.is('LP') ? parseEidList(p) : null;
    p.expect('AS');
    let materialized: boolean | null = null;
    if (p.accept('MATERIALIZED')) materialized = true;
    else if (p.is('NOT')) {
      p.advance();
      p.expect('MATERIALIZED');
      materialized = false;
    }
    p.expect('LP');
    p.push(4);
    p.cteBodyDepth++;
    const select = parseSelect(p);
    p.cteBodyDepth--;
    p.pop(4);
    p.expect('RP');
    // SQLite's sqlite3WithAdd refuses a repeated name while parsing (even in a view never used).
    if (ctes.some((c) => c.name.text.toLowerCase() === name.text.toLowerCase())) throw syntaxError(`duplicate WITH table name: ${name.text}`);
    ctes.push({ name, columns, materialized, select, start: cteStart, end: p.prevEnd });
  } while (p.accept('COMMA'));
  return { recursive, ctes, start, end: p.prevEnd };
}

/**
 * `eidlist`: `(name [COLLATE x] [ASC|DESC], ...)`. SQLite parses COLLATE/ASC/DESC here only to
 * reject them (old schemas may contain them).
 */
export function parseEidList(p: ParserState): Name[] {
  p.expect('LP');
  const names: Name[] = [];
  do {
    const name = p.parseNm();
    let decorated = false;
    if (p.accept('COLLATE')) {
      p.parseIds();
      decorated = true;
    }
    if (p.accept('ASC') || p.accept('DESC')) decorated = true;
    if (decorated) p.failOnReduce(syntaxError(`syntax error after column name "${p.sql.slice(name.start, name.end)}"`));
    names.push(name);
  } while (p.accept('COMMA'));
  p.expect('RP');
  return names;
}

interface ParsedCore {
  core: SelectCore;
  orderBy: readonly OrderingTerm[];
  limit: LimitClause | null;
}

function parseCore(p: ParserState): ParsedCore {
  if (p.is('VALUES')) return { core: parseValues(p), orderBy: [], limit: null };
  const start = p.start;
  p.expect('SELECT');
  let distinct = false;
  if (p.accept('DISTINCT')) distinct = true;
  else p.accept('ALL');
  p.push(4);
  const columns = parseResultColumns(p);
  p.pop(4);
  p.push(5);
  const from = p.accept('FROM') ? parseFrom(p) : null;
  const where = p.accept('WHERE') ? parseExpr(p) : null;
  let groupBy: Expr[] = [];
  if (p.is('GROUP')) {
    p.advance();
    p.expect('BY');
    groupBy = parseExprList(p);
  }
  const having = p.accept('HAVING') ? parseExpr(p) : null;
  const windows = p.is('WINDOW') ? parseWindowClause(p) : [];
  const end = p.prevEnd;
  const orderBy = parseOrderByOpt(p);
  const limit = parseLimitOpt(p);
  p.pop(5);
  return {
    core: { kind: 'SelectClause', distinct, columns, from, where, groupBy, having, windows, start, end },
    orderBy,
    limit,
  };
}

function parseValues(p: ParserState): SelectCore {
  const start = p.start;
  p.expect('VALUES');
  const rows: Expr[][] = [];
  do {
    p.expect('LP');
    p.push(3);
    const row = parseExprList(p);
    p.pop(3);
    p.expect('RP');
    if (rows.length > 0 && row.length !== rows[0]!.length) {
      // Reported when the row is reduced; directly inside a CTE SQLite's parser reports it later.
      const error = syntaxError('all VALUES must have the same number of terms');
      if (p.cteBodyDepth > 0) p.failLater(error);
      else p.failOnReduce(error);
    }
    rows.push(row);
  } while (p.accept('COMMA'));
  return { kind: 'Values', rows, start, end: p.prevEnd };
}

/** `selcollist`: `*`, `t.*`, or `expr [[AS] alias]`, comma-separated. Also used by RETURNING. */
export function parseResultColumns(p: ParserState): ResultColumn[] {
  const columns: ResultColumn[] = [];
  do {
    const start = p.start;
    if (p.is('STAR')) {
      p.advance();
      columns.push({ kind: 'Star', start, end: p.prevEnd });
      continue;
    }
    if (p.isNm() && p.peekNext() === 'DOT' && p.peekAfterNext() === 'STAR') {
      const table = p.takeName();
      p.advance();
      p.advance();
      columns.push({ kind: 'TableStar', table, start, end: p.prevEnd });
      continue;
    }
    const expr = parseExpr(p);
    const end = p.prevEnd;
    const alias = parseAliasOpt(p);
    columns.push({ kind: 'ExprColumn', expr, alias, start, end });
  } while (p.accept('COMMA'));
  return columns;
}

/** `as`: `AS nm`, a bare `ids`, or nothing. */
function parseAliasOpt(p: ParserState): Name | null {
  if (p.accept('AS')) return p.parseNm();
  if (p.isIds()) return p.takeName();
  return null;
}

/** `FROM` list (the FROM keyword already consumed). */
export function parseFrom(p: ParserState): FromClause {
  const start = p.start;
  const sources: JoinedSource[] = [];
  let join: JoinOperator | null = null;
  for (;;) {
    const source = parseTableSource(p, sources.length === 0 && join === null);
    let on: Expr | null = null;
    let using: Name[] | null = null;
    if (p.accept('ON')) on = parseExpr(p);
    else if (p.accept('USING')) using = p.parseNameList();
    if (sources.length === 0 && (on !== null || using !== null)) {
      p.failOnReduce(syntaxError(`a JOIN clause is required before ${on !== null ? 'ON' : 'USING'}`));
    }
    sources.push({ join, source, on, using });
    join = parseJoinOperator(p);
    if (join === null) break;
  }
  return { sources, start, end: p.prevEnd };
}

function parseJoinOperator(p: ParserState): JoinOperator | null {
  if (p.accept('COMMA')) return { natural: false, type: 'COMMA' };
  if (p.accept('JOIN')) return { natural: false, type: 'INNER' };
  if (!isJoinKeyword(p.type)) return null;
  const words = [p.text];
  p.advance();
  while (!p.is('JOIN')) {
    if (words.length === 3 || !p.isNm()) p.fail();
    words.push(p.text);
    p.advance();
  }
  p.advance();
  return joinType(p, words);
}

function isJoinKeyword(type: TokenType): boolean {
  return type === 'LEFT' || type === 'RIGHT' || type === 'FULL' || type === 'INNER' || type === 'OUTER' || type === 'CROSS' || type === 'NATURAL';
}

/** sqlite3JoinType: validates the keyword combination. */
function joinType(p: ParserState, words: string[]): JoinOperator {
  let natural = false, left = false, right = false, outer = false, inner = false, cross = false, bad = false;
  for (const word of words) {
    switch (word.toLowerCase()) {
      case 'natural': natural = true; break;
      case 'left': left = outer = true; break;
      case 'outer': outer = true; break;
      case 'right': right = outer = true; break;
      case 'full': left = right = outer = true; break;
      case 'inner': inner = true; break;
      case 'cross': inner = cross = true; break;
      default: bad = true;
    }
    if (bad) break;
  }
  if ((inner && outer) || bad || (outer && !left && !right)) {
    p.failOnReduce(syntaxError(`unknown join type: ${words.join(' ')}`));
    return { natural, type: 'INNER' };
  }
  const type = cross ? 'CROSS' : left && right ? 'FULL' : left ? 'LEFT' : right ? 'RIGHT' : 'INNER';
  return { natural, type };
}

function parseTableSource(p: ParserState, first: boolean): TableSource {
  const start = p.start;
  if (p.is('LP')) {
    p.advance();
    p.push(1);
    if (startsSelect(p.type)) {
      const select = parseSelect(p);
      p.expect('RP');
      p.pop(1);
      const alias = parseAliasOpt(p);
      return { kind: 'Subquery', select, alias, start, end: p.prevEnd };
    }
    const inner = parseFrom(p);
    p.expect('RP');
    p.pop(1);
    const alias = parseAliasOpt(p);
    // SQLite unwraps a parenthesized single source (the outer alias replaces the inner one).
    if (inner.sources.length === 1) {
      const only = inner.sources[0]!.source;
      if (alias !== null) return { ...only, alias };
      if (first && !p.is('ON') && !p.is('USING')) return only;
      return { ...only, alias: null };
    }
    return { kind: 'JoinGroup', from: inner, alias, start, end: p.prevEnd };
  }
  const name = p.parseQualifiedName();
  if (p.is('LP')) {
    p.advance();
    const args = p.is('RP') ? [] : parseExprList(p);
    p.expect('RP');
    const alias = parseAliasOpt(p);
    return { kind: 'TableFunction', name, args, alias, start, end: p.prevEnd };
  }
  const alias = parseAliasOpt(p);
  let indexHint: IndexHint | null = null;
  if (p.is('INDEXED')) {
    p.advance();
    p.expect('BY');
    indexHint = { kind: 'IndexedBy', index: p.parseNm() };
  } else if (p.is('NOT')) {
    p.advance();
    p.expect('INDEXED');
    indexHint = { kind: 'NotIndexed' };
  }
  return { kind: 'TableRef', name, alias, indexHint, start, end: p.prevEnd };
}

/** `sortlist`: `expr [ASC|DESC] [NULLS FIRST|LAST], ...`. */
export function parseOrderingTerms(p: ParserState): OrderingTerm[] {
  const terms: OrderingTerm[] = [];
  do {
    const expr = parseExpr(p);
    let direction: 'ASC' | 'DESC' | null = null;
    if (p.accept('ASC')) direction = 'ASC';
    else if (p.accept('DESC')) direction = 'DESC';
    let nulls: 'FIRST' | 'LAST' | null = null;
    if (p.is('NULLS')) {
      p.advance();
      if (p.accept('FIRST')) nulls = 'FIRST';
      else if (p.accept('LAST')) nulls = 'LAST';
      else p.fail();
    }
    terms.push({ expr, direction, nulls, start: expr.start, end: p.prevEnd });
  } while (p.accept('COMMA'));
  return terms;
}

export function parseOrderByOpt(p: ParserState): OrderingTerm[] {
  if (!p.is('ORDER')) return [];
  p.advance();
  p.expect('BY');
  return parseOrderingTerms(p);
}

/** `LIMIT x [OFFSET y]` or `LIMIT y, x`. */
export function parseLimitOpt(p: ParserState): LimitClause | null {
  if (!p.accept('LIMIT')) return null;
  const first = parseExpr(p);
  if (p.accept('OFFSET')) return { limit: first, offset: parseExpr(p) };
  if (p.accept('COMMA')) return { limit: parseExpr(p), offset: first };
  return { limit: first, offset: null };
}
