// The parser's public API: parseStatement (one statement and its tail), parseStatements (a
// script) and parseExpression (DEFAULT/CHECK texts). Errors are SqliteError(SQLITE_ERROR) with
// SQLite's message text.

import { SqliteError } from '../common/errors.js';
import type { Expr, ParameterTable, ParsedStatement, Statement } from './ast.js';
import { parseAlterTable, parseCreate, parseDrop } from './ddl.js';
import { parseDelete, parseInsert, parseUpdate } from './dml.js';
import { parseExpr } from './expressions.js';
import {
  parseAnalyze,
  parseAttach,
  parseBegin,
  parseCommit,
  parseDetach,
  parsePragma,
  parseRelease,
  parseReindex,
  parseRollback,
  parseSavepoint,
  parseVacuum,
} from './misc.js';
import { ParserState, syntaxError } from './parser-state.js';
import { parseSelectNoWith, parseWith } from './select.js';

/**
 * Parses the first statement of `sql` at or after `offset`. Returns null when only whitespace,
 * comments and `;` remain. `tail` is the offset after the statement's terminating `;` (or the end).
 *
 * @example
 *   const parsed = parseStatement('SELECT 1; SELECT 2');
 *   parsed.statement.kind === 'Select'; sql.slice(parsed.tail) === ' SELECT 2'
 */
export function parseStatement(sql: string, offset = 0, options: { keepAllNames?: boolean } = {}): ParsedStatement | null {
  const p = newState(sql, offset);
  p.keepAllNames = options.keepAllNames ?? false;
  while (p.is('SEMI')) p.advance();
  if (p.is('EOF')) return null;
  const statement = parseCommand(p);
  if (!p.is('SEMI') && !p.is('EOF')) p.fail();
  if (p.pendingError) throw p.pendingError;
  if (p.deferredError) throw p.deferredError;
  // The tail starts right after the `;` (SQLite's pzTail), or at the end of input. The token
  // after `;` is not scanned: it belongs to the next statement (and may be an error there).
  const tail = p.is('SEMI') ? p.end : sql.length;
  return { statement, tail, parameters: parameterTable(p) };
}

/** Parses every statement of a script, in order. */
export function parseStatements(sql: string): ParsedStatement[] {
  const result: ParsedStatement[] = [];
  let offset = 0;
  for (;;) {
    const parsed = parseStatement(sql, offset);
    if (parsed === null) return result;
    result.push(parsed);
    if (parsed.tail <= offset) return result;
    offset = parsed.tail;
  }
}

/** Parses a standalone expression (e.g. a stored DEFAULT or CHECK text). */
export function parseExpression(text: string): Expr {
  const p = newState(text, 0);
  try {
    const expr = parseExpr(p);
    if (!p.is('EOF')) p.fail();
    if (p.pendingError) throw p.pendingError;
    if (p.deferredError) throw p.deferredError;
    return expr;
  } catch (error) {
    throw asSqliteError(error);
  }
}

function newState(sql: string, offset: number): ParserState {
  try {
    return new ParserState(sql, offset);
  } catch (error) {
    throw asSqliteError(error);
  }
}

function asSqliteError(error: unknown): unknown {
  // A pathological input that still exhausts the JS stack is reported the way SQLite reports
  // its parser stack overflow, never as a RangeError escaping the engine.
  if (error instanceof RangeError) return syntaxError('Recursion limit');
  return error;
}

function parameterTable(p: ParserState): ParameterTable {
  const names: (string | null)[] = [];
  for (let i = 0; i < p.paramCount; i++) names.push(p.paramNames[i] ?? null);
  return { count: p.paramCount, names };
}

function parseCommand(p: ParserState): Statement {
  try {
    return parseCommandUnguarded(p);
  } catch (error) {
    if (error instanceof SqliteError) throw error;
    throw asSqliteError(error);
  }
}

function parseCommandUnguarded(p: ParserState): Statement {
  const start = p.start;
  switch (p.type) {
    case 'EXPLAIN': {
      p.advance();
      let queryPlan = false;
      if (p.is('QUERY')) {
        p.advance();
        p.expect('PLAN');
        queryPlan = true;
      }
      if (p.is('EXPLAIN')) p.fail();
      const statement = parseCommandUnguarded(p);
      return { kind: 'Explain', queryPlan, statement, start, end: p.prevEnd };
    }
    case 'SELECT':
    case 'VALUES':
      return parseSelectNoWith(p, start, null);
    case 'WITH': {
      const withClause = parseWith(p);
      switch (p.current()) {
        case 'INSERT': case 'REPLACE': return parseInsert(p, start, withClause);
        case 'UPDATE': return parseUpdate(p, start, withClause);
        case 'DELETE': return parseDelete(p, start, withClause);
        default: return parseSelectNoWith(p, start, withClause);
      }
    }
    case 'INSERT':
    case 'REPLACE':
      return parseInsert(p, start, null);
    case 'UPDATE':
      return parseUpdate(p, start, null);
    case 'DELETE':
      return parseDelete(p, start, null);
    case 'CREATE':
      return parseCreate(p, start);
    case 'DROP':
      return parseDrop(p, start);
    case 'ALTER':
      return parseAlterTable(p, start);
    case 'BEGIN':
      return parseBegin(p, start);
    case 'COMMIT':
    case 'END':
      return parseCommit(p, start);
    case 'ROLLBACK':
      return parseRollback(p, start);
    case 'SAVEPOINT':
      return parseSavepoint(p, start);
    case 'RELEASE':
      return parseRelease(p, start);
    case 'PRAGMA':
      return parsePragma(p, start);
    case 'ATTACH':
      return parseAttach(p, start);
    case 'DETACH':
      return parseDetach(p, start);
    case 'ANALYZE':
      return parseAnalyze(p, start);
    case 'REINDEX':
      return parseReindex(p, start);
    case 'VACUUM':
      return parseVacuum(p, start);
    default:
      return p.fail();
  }
}
