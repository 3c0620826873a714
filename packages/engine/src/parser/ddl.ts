// CREATE TABLE/INDEX/VIEW/TRIGGER/VIRTUAL TABLE, DROP and ALTER TABLE. Column definitions and
// table constraints are in table-definition.ts.

import type {
  AlterTableStatement,
  CreateIndexStatement,
  CreateTableStatement,
  CreateTriggerStatement,
  CreateViewStatement,
  CreateVirtualTableStatement,
  DropStatement,
  Name,
  Statement,
  TableConstraint,
  TriggerEvent,
  ColumnDefinition,
} from './ast.js';
import { parseDelete, parseInsert, parseUpdate } from './dml.js';
import { parseExpr } from './expressions.js';
import { syntaxError, type ParserState } from './parser-state.js';
import { parseEidList, parseOrderingTerms, parseSelect } from './select.js';
import {
  parseColumnDefinition,
  parseOnConflict,
  parseTableConstraint,
  parseTableConstraints,
  startsTableConstraint,
} from './table-definition.js';

/** CREATE ...; the current token is CREATE. */
export function parseCreate(p: ParserState, start: number): Statement {
  p.expect('CREATE');
  if (p.accept('UNIQUE')) return parseCreateIndex(p, start, true);
  if (p.is('INDEX')) return parseCreateIndex(p, start, false);
  if (p.accept('VIRTUAL')) return parseCreateVirtualTable(p, start);
  const temp = p.accept('TEMP') || p.accept('TEMPORARY');
  if (p.is('TABLE')) return parseCreateTable(p, start, temp);
  if (p.is('VIEW')) return parseCreateView(p, start, temp);
  if (p.is('TRIGGER')) return parseCreateTrigger(p, start, temp);
  return p.fail();
}

function parseIfNotExists(p: ParserState): boolean {
  if (!p.accept('IF')) return false;
  p.expect('NOT');
  p.expect('EXISTS');
  return true;
}

function parseIfExists(p: ParserState): boolean {
  if (!p.accept('IF')) return false;
  p.expect('EXISTS');
  return true;
}

function parseCreateTable(p: ParserState, start: number, temp: boolean): CreateTableStatement {
  p.expect('TABLE');
  const ifNotExists = parseIfNotExists(p);
  const name = p.parseQualifiedName();
  if (p.accept('AS')) {
    const asSelect = parseSelect(p);
    return {
      kind: 'CreateTable', temp, ifNotExists, name, columns: [], constraints: [], withoutRowid: false, strict: false,
      asSelect, start, end: p.prevEnd,
    };
  }
  p.expect('LP');
  const columns: ColumnDefinition[] = [];
  const constraints: TableConstraint[] = [];
  columns.push(parseColumnDefinition(p));
  while (p.accept('COMMA')) {
    if (startsTableConstraint(p)) {
      parseTableConstraints(p, constraints);
      break;
    }
    columns.push(parseColumnDefinition(p));
  }
  p.expect('RP');
  let withoutRowid = false;
  let strict = false;
  // table_option_set: [option] (COMMA option)*; an unknown option is reported on reduce.
  const parseOption = (): void => {
    const without = p.accept('WITHOUT');
    const option = p.parseNm();
    const word = p.sql.slice(option.start, option.end);
    if (without && word.toLowerCase() === 'rowid') withoutRowid = true;
    else if (!without && word.toLowerCase() === 'strict') strict = true;
    else p.failOnReduce(syntaxError(`unknown table option: ${word}`));
  };
  if (p.isNm()) parseOption();
  while (p.accept('COMMA')) parseOption();
  return { kind: 'CreateTable', temp, ifNotExists, name, columns, constraints, withoutRowid, strict, asSelect: null, start, end: p.prevEnd };
}

function parseCreateIndex(p: ParserState, start: number, unique: boolean): CreateIndexStatement {
  p.expect('INDEX');
  const ifNotExists = parseIfNotExists(p);
  const name = p.parseQualifiedName();
  p.expect('ON');
  const table = p.parseNm();
  p.expect('LP');
  const columns = parseOrderingTerms(p);
  p.expect('RP');
  const where = p.accept('WHERE') ? parseExpr(p) : null;
  for (const column of columns) {
    if (column.nulls !== null) p.failOnReduce(syntaxError(`unsupported use of NULLS ${column.nulls}`));
  }
  return { kind: 'CreateIndex', unique, ifNotExists, name, table, columns, where, start, end: p.prevEnd };
}

function parseCreateView(p: ParserState, start: number, temp: boolean): CreateViewStatement {
  p.expect('VIEW');
  const ifNotExists = parseIfNotExists(p);
  const name = p.parseQualifiedName();
  const columns = p.is('LP') ? parseEidList(p) : null;
  p.expect('AS');
  const select = parseSelect(p);
  return { kind: 'CreateView', temp, ifNotExists, name, columns, select, start, end: p.prevEnd };
}

function parseCreateTrigger(p: ParserState, start: number, temp: boolean): CreateTriggerStatement {
  p.expect('TRIGGER');
  const ifNotExists = parseIfNotExists(p);
  const name = p.parseQualifiedName();
  let timing: CreateTriggerStatement['timing'] = null;
  if (p.accept('BEFORE')) timing = 'BEFORE';
  else if (p.accept('AFTER')) timing = 'AFTER';
  else if (p.is('INSTEAD')) {
    p.advance();
    p.expect('OF');
    timing = 'INSTEAD OF';
  }
  let event: TriggerEvent;
  if (p.accept('DELETE')) event = { kind: 'Delete' };
  else if (p.accept('INSERT')) event = { kind: 'Insert' };
  else if (p.accept('UPDATE')) {
    if (p.accept('OF')) {
      const columns = [p.parseNm()];
      while (p.accept('COMMA')) columns.push(p.parseNm());
      event = { kind: 'Update', columns };
    } else event = { kind: 'Update', columns: null };
  } else return p.fail();
  p.expect('ON');
  const table = p.parseQualifiedName();
  let forEachRow = false;
  if (p.accept('FOR')) {
    p.expect('EACH');
    p.expect('ROW');
    forEachRow = true;
  }
  const when = p.accept('WHEN') ? parseExpr(p) : null;
  p.expect('BEGIN');
  const body: CreateTriggerStatement['body'][number][] = [];
  p.inTrigger = true;
  do {
    const stepStart = p.start;
    switch (p.type) {
      case 'UPDATE': body.push(parseUpdate(p, stepStart, null)); break;
      case 'DELETE': body.push(parseDelete(p, stepStart, null)); break;
      case 'INSERT': case 'REPLACE': body.push(parseInsert(p, stepStart, null)); break;
      case 'SELECT': case 'VALUES': case 'WITH': body.push(parseSelect(p)); break;
      default: p.fail();
    }
    // At the end of input SQLite feeds a `;`, which completes the step: its errors come first.
    if (!p.is('SEMI') && !p.is('EOF')) p.fail();
    if (p.pendingError) throw p.pendingError;
    if (p.triggerStepError) throw p.triggerStepError;
    if (p.is('EOF')) p.fail();
    p.advance();
  } while (!p.is('END'));
  p.inTrigger = false;
  p.advance();
  return { kind: 'CreateTrigger', temp, ifNotExists, name, timing, event, table, forEachRow, when, body, start, end: p.prevEnd };
}

function parseCreateVirtualTable(p: ParserState, start: number): CreateVirtualTableStatement {
  p.expect('TABLE');
  const ifNotExists = parseIfNotExists(p);
  const name = p.parseQualifiedName();
  p.expect('USING');
  const module = p.parseNm();
  let args: string[] | null = null;
  if (p.accept('LP')) {
    args = [];
    let argStart = -1;
    let argEnd = -1;
    let depth = 0;
    for (;;) {
      if (p.is('EOF')) p.fail();
      if (depth === 0 && (p.is('COMMA') || p.is('RP'))) {
        if (argStart >= 0) args.push(p.sql.slice(argStart, argEnd));
        argStart = -1;
        if (p.accept('RP')) break;
        p.advance();
        continue;
      }
      if (p.is('LP')) depth++;
      else if (p.is('RP')) depth--;
      if (argStart < 0) argStart = p.start;
      argEnd = p.end;
      p.advance();
    }
  }
  return { kind: 'CreateVirtualTable', ifNotExists, name, module, args, start, end: p.prevEnd };
}

/** DROP TABLE|INDEX|VIEW|TRIGGER [IF EXISTS] [schema.]name. */
export function parseDrop(p: ParserState, start: number): DropStatement {
  p.expect('DROP');
  let objectType: DropStatement['objectType'];
  switch (p.type) {
    case 'TABLE': case 'INDEX': case 'VIEW': case 'TRIGGER':
      objectType = p.type;
      break;
    default:
      return p.fail();
  }
  p.advance();
  const ifExists = parseIfExists(p);
  const name = p.parseQualifiedName();
  return { kind: 'Drop', objectType, ifExists, name, start, end: p.prevEnd };
}

/** ALTER TABLE ... RENAME / ADD / DROP / ALTER COLUMN. */
export function parseAlterTable(p: ParserState, start: number): AlterTableStatement {
  p.expect('ALTER');
  p.expect('TABLE');
  const table = p.parseQualifiedName();
  const done = (action: AlterTableStatement['action']): AlterTableStatement => ({
    kind: 'AlterTable', table, action, start, end: p.prevEnd,
  });
  if (p.accept('RENAME')) {
    if (p.accept('TO')) return done({ kind: 'RenameTable', newName: p.parseNm() });
    p.accept('COLUMN');
    const column = p.parseNm();
    p.expect('TO');
    return done({ kind: 'RenameColumn', column, newName: p.parseNm() });
  }
  if (p.accept('ADD')) {
    if (p.is('CONSTRAINT') || p.is('CHECK')) {
      const constraintStart = p.start;
      let name: Name | null = null;
      if (p.accept('CONSTRAINT')) name = p.parseNm();
      if (!p.is('CHECK')) p.fail();
      const check = parseTableConstraint(p);
      return done({ kind: 'AddConstraint', constraint: { ...check, name, start: constraintStart } });
    }
    p.accept('COLUMN');
    return done({ kind: 'AddColumn', column: parseColumnDefinition(p) });
  }
  if (p.accept('DROP')) {
    if (p.accept('CONSTRAINT')) return done({ kind: 'DropConstraint', name: p.parseNm() });
    p.accept('COLUMN');
    return done({ kind: 'DropColumn', column: p.parseNm() });
  }
  if (p.accept('ALTER')) {
    p.accept('COLUMN');
    const column = p.parseNm();
    if (p.accept('SET')) {
      p.expect('NOT');
      p.expect('NULL');
      return done({ kind: 'SetNotNull', column, onConflict: parseOnConflict(p) });
    }
    p.expect('DROP');
    p.expect('NOT');
    p.expect('NULL');
    return done({ kind: 'DropNotNull', column });
  }
  return p.fail();
}
