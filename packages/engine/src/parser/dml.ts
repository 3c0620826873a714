// INSERT/REPLACE (with upsert and RETURNING), UPDATE and DELETE, both as top-level statements
// and in the restricted form SQLite allows inside trigger bodies.

import type {
  ConflictResolution,
  DeleteStatement,
  Expr,
  IndexHint,
  InsertStatement,
  Name,
  OrderingTerm,
  QualifiedName,
  ResultColumn,
  SetClause,
  UpdateStatement,
  UpsertClause,
  WithClause,
} from './ast.js';
import { parseExpr } from './expressions.js';
import { syntaxError, type ParserState } from './parser-state.js';
import { parseFrom, parseLimitOpt, parseOrderByOpt, parseOrderingTerms, parseResultColumns, parseSelect } from './select.js';

/** `OR ROLLBACK|ABORT|FAIL|IGNORE|REPLACE` after INSERT/UPDATE; null when absent. */
function parseOrConflict(p: ParserState): ConflictResolution | null {
  if (!p.accept('OR')) return null;
  return parseResolveType(p);
}

/** `resolvetype`: ROLLBACK, ABORT, FAIL, IGNORE or REPLACE. */
export function parseResolveType(p: ParserState): ConflictResolution {
  switch (p.type) {
    case 'ROLLBACK': case 'ABORT': case 'FAIL': case 'IGNORE': case 'REPLACE': {
      const value = p.type;
      p.advance();
      return value;
    }
    default:
      return p.fail();
  }
}

/** `xfullname`: `[schema.]table [AS alias]`; in triggers the schema is not allowed. */
function parseTargetTable(p: ParserState): { table: QualifiedName; alias: Name | null } {
  const table = p.parseQualifiedName();
  const alias = p.accept('AS') ? p.parseNm() : null;
  if (p.inTrigger && table.schema !== null) {
    p.triggerStepError ??= syntaxError('qualified table names are not allowed on INSERT, UPDATE, and DELETE statements within triggers');
  }
  return { table, alias };
}

/** `INDEXED BY name` / `NOT INDEXED` (rejected inside triggers). */
function parseIndexHint(p: ParserState): IndexHint | null {
  let hint: IndexHint | null = null;
  if (p.is('INDEXED')) {
    p.advance();
    p.expect('BY');
    hint = { kind: 'IndexedBy', index: p.parseNm() };
  } else if (p.is('NOT')) {
    p.advance();
    p.expect('INDEXED');
    hint = { kind: 'NotIndexed' };
  }
  if (hint && p.inTrigger) {
    const clause = hint.kind === 'IndexedBy' ? 'INDEXED BY' : 'NOT INDEXED';
    p.failOnReduce(syntaxError(`the ${clause} clause is not allowed on UPDATE or DELETE statements within triggers`));
  }
  return hint;
}

function parseReturning(p: ParserState): ResultColumn[] | null {
  if (!p.is('RETURNING')) return null;
  if (p.inTrigger) p.triggerStepError ??= syntaxError('cannot use RETURNING in a trigger');
  p.advance();
  return parseResultColumns(p);
}

/** INSERT/REPLACE; the current token is INSERT or REPLACE. */
export function parseInsert(p: ParserState, start: number, withClause: WithClause | null): InsertStatement {
  let orConflict: ConflictResolution | null;
  if (p.accept('REPLACE')) orConflict = 'REPLACE';
  else {
    p.expect('INSERT');
    orConflict = parseOrConflict(p);
  }
  p.expect('INTO');
  const { table, alias } = parseTargetTable(p);
  const columns = p.is('LP') ? p.parseNameList() : null;
  // Trigger steps have no DEFAULT VALUES form.
  if (p.is('DEFAULT') && !p.inTrigger) {
    p.advance();
    p.expect('VALUES');
    const returning = parseReturning(p);
    return {
      kind: 'Insert', with: withClause, orConflict, table, alias, columns, source: { kind: 'DefaultValues' },
      upserts: [], returning, start, end: p.prevEnd,
    };
  }
  const select = parseSelect(p);
  const upserts: UpsertClause[] = [];
  let returning: ResultColumn[] | null = null;
  for (;;) {
    if (p.is('RETURNING')) {
      returning = parseReturning(p);
      break;
    }
    if (!p.is('ON')) break;
    const upsertStart = p.start;
    p.advance();
    p.expect('CONFLICT');
    let target: UpsertClause['target'] = null;
    if (p.accept('LP')) {
      const targetColumns: OrderingTerm[] = parseOrderingTerms(p);
      p.expect('RP');
      for (const column of targetColumns) {
        if (column.nulls !== null) p.failLater(syntaxError(`unsupported use of NULLS ${column.nulls}`));
      }
      const where = p.accept('WHERE') ? parseExpr(p) : null;
      target = { columns: targetColumns, where };
    }
    p.expect('DO');
    let action: UpsertClause['action'];
    if (p.accept('NOTHING')) action = { kind: 'Nothing' };
    else {
      p.expect('UPDATE');
      p.expect('SET');
      const sets = parseSetList(p);
      const where = p.accept('WHERE') ? parseExpr(p) : null;
      action = { kind: 'Update', sets, where };
    }
    upserts.push({ target, action, start: upsertStart, end: p.prevEnd });
    // A target-less upsert must be the last one (it may only be followed by RETURNING).
    if (target === null) {
      returning = parseReturning(p);
      break;
    }
  }
  return {
    kind: 'Insert', with: withClause, orConflict, table, alias, columns, source: { kind: 'Select', select },
    upserts, returning, start, end: p.prevEnd,
  };
}

/** `setlist`: `col = expr` or `(a, b) = expr`, comma-separated. */
export function parseSetList(p: ParserState): SetClause[] {
  const sets: SetClause[] = [];
  do {
    if (p.is('LP')) {
      const columns = p.parseNameList();
      p.expect('EQ');
      sets.push({ columns, parenthesized: true, value: parseExpr(p) });
    } else {
      const column = p.parseNm();
      p.expect('EQ');
      sets.push({ columns: [column], parenthesized: false, value: parseExpr(p) });
    }
  } while (p.accept('COMMA'));
  return sets;
}

/** `where_opt_ret`: [WHERE expr] [RETURNING ...] (no RETURNING inside triggers). */
function parseWhereReturning(p: ParserState): { where: Expr | null; returning: ResultColumn[] | null } {
  const where = p.accept('WHERE') ? parseExpr(p) : null;
  const returning = p.inTrigger ? null : parseReturning(p);
  return { where, returning };
}

export function parseUpdate(p: ParserState, start: number, withClause: WithClause | null): UpdateStatement {
  p.expect('UPDATE');
  const orConflict = parseOrConflict(p);
  const { table, alias } = parseTargetTable(p);
  const indexHint = parseIndexHint(p);
  p.expect('SET');
  const sets = parseSetList(p);
  const from = p.accept('FROM') ? parseFrom(p) : null;
  const { where, returning } = parseWhereReturning(p);
  const orderBy = p.inTrigger ? [] : parseOrderByOpt(p);
  const limit = p.inTrigger ? null : parseLimitOpt(p);
  return {
    kind: 'Update', with: withClause, orConflict, table, alias, indexHint, sets, from, where, returning, orderBy, limit,
    start, end: p.prevEnd,
  };
}

export function parseDelete(p: ParserState, start: number, withClause: WithClause | null): DeleteStatement {
  p.expect('DELETE');
  p.expect('FROM');
  const { table, alias } = parseTargetTable(p);
  const indexHint = parseIndexHint(p);
  const { where, returning } = parseWhereReturning(p);
  const orderBy = p.inTrigger ? [] : parseOrderByOpt(p);
  const limit = p.inTrigger ? null : parseLimitOpt(p);
  return { kind: 'Delete', with: withClause, table, alias, indexHint, where, returning, orderBy, limit, start, end: p.prevEnd };
}
