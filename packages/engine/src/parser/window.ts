// Window definitions: the WINDOW clause, `OVER (...)` specifications and frames, with SQLite's
// check on frame bounds.

import type { Expr, FrameBound, Name, WindowDefinition, WindowFrame, WindowSpec } from './ast.js';
import { parseExpr, parseExprList } from './expressions.js';
import { syntaxError, type ParserState } from './parser-state.js';
import { parseOrderByOpt } from './select.js';

export function parseWindowClause(p: ParserState): WindowDefinition[] {
  p.expect('WINDOW');
  const windows: WindowDefinition[] = [];
  do {
    const start = p.start;
    const name = p.parseNm();
    p.expect('AS');
    const specStart = p.start;
    p.expect('LP');
    const body = parseWindowSpecBody(p, specStart);
    p.expect('RP');
    windows.push({ name, window: { ...body, end: p.prevEnd }, start, end: p.prevEnd });
  } while (p.accept('COMMA'));
  return windows;
}

/** The inside of `( ... )` of a window: [base] [PARTITION BY ..] [ORDER BY ..] [frame]. */
export function parseWindowSpecBody(p: ParserState, start: number): WindowSpec {
  let base: Name | null = null;
  if (p.isNm() && !p.is('PARTITION') && !p.is('RANGE') && !p.is('ROWS') && !p.is('GROUPS')) base = p.takeName();
  let partitionBy: Expr[] = [];
  if (p.is('PARTITION')) {
    p.advance();
    p.expect('BY');
    partitionBy = parseExprList(p);
  }
  const orderBy = parseOrderByOpt(p);
  const frame = p.is('RANGE') || p.is('ROWS') || p.is('GROUPS') ? parseFrame(p) : null;
  return { kind: 'WindowSpec', base, partitionBy, orderBy, frame, start, end: p.prevEnd };
}

function parseFrame(p: ParserState): WindowFrame {
  const units = p.type as 'RANGE' | 'ROWS' | 'GROUPS';
  p.advance();
  let start: FrameBound;
  let end: FrameBound | null = null;
  if (p.accept('BETWEEN')) {
    start = parseFrameBound(p, 'start');
    p.expect('AND');
    end = parseFrameBound(p, 'end');
  } else {
    start = parseFrameBound(p, 'start');
  }
  let exclude: WindowFrame['exclude'] = null;
  if (p.accept('EXCLUDE')) {
    if (p.accept('NO')) {
      p.expect('OTHERS');
      exclude = 'NO OTHERS';
    } else if (p.accept('CURRENT')) {
      p.expect('ROW');
      exclude = 'CURRENT ROW';
    } else if (p.accept('GROUP')) exclude = 'GROUP';
    else if (p.accept('TIES')) exclude = 'TIES';
    else p.fail();
  }
  const startKind = start.kind;
  const endKind = end === null ? 'CurrentRow' : end.kind;
  if (
    (startKind === 'CurrentRow' && endKind === 'Preceding') ||
    (startKind === 'Following' && (endKind === 'Preceding' || endKind === 'CurrentRow'))
  ) {
    p.failOnReduce(syntaxError('unsupported frame specification'));
  }
  return { units, start, end, exclude };
}

function parseFrameBound(p: ParserState, which: 'start' | 'end'): FrameBound {
  if (p.is('UNBOUNDED')) {
    p.advance();
    p.expect(which === 'start' ? 'PRECEDING' : 'FOLLOWING');
    return { kind: which === 'start' ? 'UnboundedPreceding' : 'UnboundedFollowing' };
  }
  if (p.is('CURRENT')) {
    p.advance();
    p.expect('ROW');
    return { kind: 'CurrentRow' };
  }
  const offset = parseExpr(p);
  if (p.accept('PRECEDING')) return { kind: 'Preceding', offset };
  if (p.accept('FOLLOWING')) return { kind: 'Following', offset };
  return p.fail();
}
