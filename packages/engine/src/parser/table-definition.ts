// Column definitions and table constraints (CREATE TABLE and ALTER TABLE ADD): types,
// DEFAULT/CHECK/COLLATE/REFERENCES/GENERATED and key constraints, with SQLite's parse-time checks.

import type {
  ColumnConstraint,
  ColumnDefinition,
  ConflictResolution,
  Expr,
  ForeignKeyAction,
  ForeignKeyClause,
  Name,
  TableConstraint,
} from './ast.js';
import { parseResolveType } from './dml.js';
import { parseExpr } from './expressions.js';
import { syntaxError, type ParserState } from './parser-state.js';
import { parseTermToken, parseTypeName } from './primary.js';
import { parseEidList, parseOrderingTerms } from './select.js';
import { FALLBACK_ID } from './keywords.js';
import { dequote } from './tokenizer.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function startsTableConstraint(p: ParserState): boolean {
  return p.is('CONSTRAINT') || p.is('PRIMARY') || p.is('UNIQUE') || p.is('CHECK') || p.is('FOREIGN');
}

/** `columnname carglist`: a column definition (also used by ALTER TABLE ADD COLUMN). */
export function parseColumnDefinition(p: ParserState): ColumnDefinition {
  const start = p.start;
  const name = p.parseNm();
  const type = parseTypeName(p);
  const constraints: ColumnConstraint[] = [];
  let pendingName: Name | null = null;
  let pendingStart = 0;
  for (;;) {
    const constraintStart = pendingName ? pendingStart : p.start;
    if (p.is('CONSTRAINT')) {
      pendingStart = p.start;
      p.advance();
      pendingName = p.parseNm();
      continue;
    }
    const constraint = parseColumnConstraint(p, name, constraints);
    if (constraint === undefined) break;
    if (constraint !== null) checkGeneratedAndDefault(p, name, constraints, constraint);
    if (constraint !== null) {
      constraints.push({ ...constraint, name: pendingName, start: constraintStart, end: p.prevEnd } as ColumnConstraint);
    }
    pendingName = null;
  }
  return { name, type, constraints, start, end: p.prevEnd };
}

/** sqlite3AddGenerated / sqlite3AddDefaultValue: a column cannot have both DEFAULT and AS (...). */
function checkGeneratedAndDefault(p: ParserState, column: Name, earlier: ColumnConstraint[], added: ConstraintBody): void {
  if (added.kind === 'Generated' && earlier.some((c) => c.kind === 'Default')) {
    p.failOnReduce(syntaxError(`error in generated column "${column.text}"`));
  } else if (added.kind === 'Default' && earlier.some((c) => c.kind === 'Generated')) {
    p.failOnReduce(syntaxError('cannot use DEFAULT on a generated column'));
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ConstraintBody = DistributiveOmit<ColumnConstraint, 'name' | 'start' | 'end'>;

/**
 * One `ccons` (without CONSTRAINT name). Returns undefined when the current token starts no
 * constraint, null for a clause merged into an earlier constraint (DEFERRABLE).
 */
function parseColumnConstraint(p: ParserState, column: Name, earlier: ColumnConstraint[]): ConstraintBody | null | undefined {
  switch (p.type) {
    case 'DEFAULT':
      p.advance();
      return { kind: 'Default', expr: parseDefaultValue(p) };
    case 'NULL':
      p.advance();
      return { kind: 'Null', onConflict: parseOnConflict(p) };
    case 'NOT':
      p.advance();
      if (p.is('DEFERRABLE')) {
        applyDeferrable(p, earlier, true);
        return null;
      }
      p.expect('NULL');
      return { kind: 'NotNull', onConflict: parseOnConflict(p) };
    case 'PRIMARY': {
      p.advance();
      p.expect('KEY');
      const direction = p.accept('ASC') ? 'ASC' : p.accept('DESC') ? 'DESC' : null;
      const onConflict = parseOnConflict(p);
      const autoincrement = p.accept('AUTOINCREMENT');
      return { kind: 'PrimaryKey', direction, onConflict, autoincrement };
    }
    case 'UNIQUE':
      p.advance();
      return { kind: 'Unique', onConflict: parseOnConflict(p) };
    case 'CHECK': {
      p.advance();
      p.expect('LP');
      const expr = parseExpr(p);
      p.expect('RP');
      return { kind: 'Check', expr };
    }
    case 'REFERENCES':
      return { kind: 'References', foreignKey: parseForeignKeyClause(p) };
    case 'DEFERRABLE':
      applyDeferrable(p, earlier, false);
      return null;
    case 'COLLATE':
      p.advance();
      return { kind: 'Collate', collation: p.parseIds() };
    case 'GENERATED':
      p.advance();
      p.expect('ALWAYS');
      p.expect('AS');
      return parseGenerated(p, column);
    case 'AS':
      p.advance();
      return parseGenerated(p, column);
    default:
      return undefined;
  }
}

/** `DEFAULT` value: a literal, a signed literal, `(expr)`, or a bare identifier (a string). */
function parseDefaultValue(p: ParserState): Expr {
  const start = p.start;
  if (p.is('LP')) {
    p.advance();
    const expr = parseExpr(p);
    p.expect('RP');
    return expr;
  }
  if (p.is('PLUS') || p.is('MINUS')) {
    const minus = p.is('MINUS');
    p.advance();
    const term = parseTerm(p);
    if (!minus) return { ...term, start };
    if (term.kind === 'Real' && /^0*9223372036854775808$/.test(p.sql.slice(term.start, term.end).replace(/_/g, ''))) {
      return { kind: 'Integer', value: -0x8000000000000000n, start, end: term.end };
    }
    const text = p.sql.slice(term.start, term.end);
    if (term.kind === 'Integer' && term.value === -0x8000000000000000n && term.hexTooBig === undefined && /^0x/i.test(text)) {
      // -0x8000000000000000: as in expressions (makeUnary), an error once coded, a REAL as a value.
      return { kind: 'Integer', value: term.value, hexTooBig: `hex literal too big: -${text}`, start, end: term.end };
    }
    return { kind: 'Unary', op: '-', operand: term, start, end: term.end };
  }
  if (isTermStart(p)) return parseTerm(p);
  if (p.isId()) {
    const name = p.takeName();
    const lower = name.text.toLowerCase();
    if (!name.quoted && (lower === 'true' || lower === 'false')) {
      return { kind: 'Boolean', value: lower === 'true', name, start, end: name.end };
    }
    return { kind: 'String', value: name.text, start, end: name.end };
  }
  return p.fail();
}

function isTermStart(p: ParserState): boolean {
  switch (p.type) {
    case 'NULL': case 'FLOAT': case 'BLOB': case 'STRING': case 'INTEGER': case 'QNUMBER':
    case 'CURRENT_TIME': case 'CURRENT_DATE': case 'CURRENT_TIMESTAMP':
      return true;
    default:
      return false;
  }
}

/** `term`: a literal token (parsed through the expression parser's primary rules). */
function parseTerm(p: ParserState): Expr {
  if (!isTermStart(p)) p.fail();
  if (p.is('STRING')) {
    const start = p.start;
    const value = dequote(p.text);
    p.advance();
    return { kind: 'String', value, start, end: p.prevEnd };
  }
  // Every other term is a single literal token: the primary-expression rule consumes exactly it.
  return parseTermToken(p);
}

function parseGenerated(p: ParserState, column: Name): ConstraintBody {
  p.expect('LP');
  const expr = parseExpr(p);
  p.expect('RP');
  let storage: 'VIRTUAL' | 'STORED' = 'VIRTUAL';
  // `generated ::= LP expr RP ID`: any word that can fall back to ID is taken as the storage type.
  if (p.is('ID') || (FALLBACK_ID.has(p.type) && !p.is('GENERATED'))) {
    const word = p.text.toLowerCase();
    p.advance();
    if (word === 'stored') storage = 'STORED';
    else if (word !== 'virtual') p.failOnReduce(syntaxError(`error in generated column "${column.text}"`));
  }
  return { kind: 'Generated', expr, storage };
}

export function parseOnConflict(p: ParserState): ConflictResolution | null {
  if (!p.is('ON')) return null;
  p.advance();
  p.expect('CONFLICT');
  return parseResolveType(p);
}

/** `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`, applied to the column's last REFERENCES. */
function applyDeferrable(p: ParserState, earlier: ColumnConstraint[], not: boolean): void {
  const deferrable = parseDeferrableTail(p, not);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const constraint = earlier[i]!;
    if (constraint.kind === 'References') {
      (constraint.foreignKey as Mutable<ForeignKeyClause>).deferrable = deferrable;
      return;
    }
  }
}

/** The current token is DEFERRABLE. */
function parseDeferrableTail(p: ParserState, not: boolean): ForeignKeyClause['deferrable'] {
  p.expect('DEFERRABLE');
  let initially: 'DEFERRED' | 'IMMEDIATE' | null = null;
  if (p.accept('INITIALLY')) {
    if (p.accept('DEFERRED')) initially = 'DEFERRED';
    else if (p.accept('IMMEDIATE')) initially = 'IMMEDIATE';
    else p.fail();
  }
  return { not, initially };
}

/** `REFERENCES table [(cols)] refargs`; the current token is REFERENCES. */
function parseForeignKeyClause(p: ParserState): ForeignKeyClause {
  const start = p.start;
  p.expect('REFERENCES');
  const table = p.parseNm();
  const columns = p.is('LP') ? parseEidList(p) : null;
  const clause: Mutable<ForeignKeyClause> = {
    table, columns, onDelete: null, onUpdate: null, match: null, deferrable: null, start, end: 0,
  };
  for (;;) {
    if (p.accept('MATCH')) {
      clause.match = p.parseNm();
    } else if (p.is('ON')) {
      p.advance();
      if (p.accept('DELETE')) clause.onDelete = parseForeignKeyAction(p);
      else if (p.accept('UPDATE')) clause.onUpdate = parseForeignKeyAction(p);
      else if (p.accept('INSERT')) parseForeignKeyAction(p);
      else p.fail();
    } else break;
  }
  clause.end = p.prevEnd;
  return clause;
}

function parseForeignKeyAction(p: ParserState): ForeignKeyAction {
  if (p.accept('SET')) {
    if (p.accept('NULL')) return 'SET NULL';
    p.expect('DEFAULT');
    return 'SET DEFAULT';
  }
  if (p.accept('CASCADE')) return 'CASCADE';
  if (p.accept('RESTRICT')) return 'RESTRICT';
  p.expect('NO');
  p.expect('ACTION');
  return 'NO ACTION';
}

/** `conslist`: table constraints, separated by commas or by nothing. */
export function parseTableConstraints(p: ParserState, into: TableConstraint[]): void {
  for (;;) {
    const constraint = parseTableConstraint(p, true);
    if (constraint !== null) into.push(constraint);
    if (p.accept('COMMA')) {
      if (!startsTableConstraint(p)) p.fail();
      continue;
    }
    if (!startsTableConstraint(p)) return;
  }
}

/** One table constraint, with its optional `CONSTRAINT name` prefix. */
export function parseTableConstraint(p: ParserState, allowDangling: true): TableConstraint | null;
export function parseTableConstraint(p: ParserState): TableConstraint;
export function parseTableConstraint(p: ParserState, allowDangling = false): TableConstraint | null {
  const start = p.start;
  let name: Name | null = null;
  while (p.accept('CONSTRAINT')) name = p.parseNm();
  // `CONSTRAINT name` alone is a complete (ignored) table constraint in SQLite's grammar.
  if (allowDangling && name !== null && (p.is('COMMA') || p.is('RP'))) return null;
  switch (p.current()) {
    case 'PRIMARY': {
      p.advance();
      p.expect('KEY');
      p.expect('LP');
      const columns = parseOrderingTerms(p);
      const autoincrement = p.accept('AUTOINCREMENT');
      p.expect('RP');
      const onConflict = parseOnConflict(p);
      return { kind: 'PrimaryKey', name, columns, autoincrement, onConflict, start, end: p.prevEnd };
    }
    case 'UNIQUE': {
      p.advance();
      p.expect('LP');
      const columns = parseOrderingTerms(p);
      p.expect('RP');
      const onConflict = parseOnConflict(p);
      return { kind: 'Unique', name, columns, onConflict, start, end: p.prevEnd };
    }
    case 'CHECK': {
      p.advance();
      p.expect('LP');
      const expr = parseExpr(p);
      p.expect('RP');
      const onConflict = parseOnConflict(p);
      return { kind: 'Check', name, expr, onConflict, start, end: p.prevEnd };
    }
    case 'FOREIGN': {
      p.advance();
      p.expect('KEY');
      const columns = parseEidList(p);
      const foreignKey = parseForeignKeyClause(p);
      if (p.is('DEFERRABLE') || p.is('NOT')) {
        const not = p.accept('NOT');
        (foreignKey as Mutable<ForeignKeyClause>).deferrable = parseDeferrableTail(p, not);
        (foreignKey as Mutable<ForeignKeyClause>).end = p.prevEnd;
      }
      return { kind: 'ForeignKey', name, columns, foreignKey, start, end: p.prevEnd };
    }
    default:
      return p.fail();
  }
}
