// Transaction control, SAVEPOINT/RELEASE, PRAGMA, ATTACH/DETACH, ANALYZE, REINDEX, VACUUM.

import type {
  AnalyzeStatement,
  AttachStatement,
  BeginStatement,
  CommitStatement,
  DetachStatement,
  PragmaStatement,
  PragmaValue,
  QualifiedName,
  ReindexStatement,
  ReleaseStatement,
  RollbackStatement,
  SavepointStatement,
  VacuumStatement,
} from './ast.js';
import { parseExpr } from './expressions.js';
import type { ParserState } from './parser-state.js';
import { dequote } from './tokenizer.js';

/** `[TRANSACTION [name]]` after BEGIN/COMMIT/END/ROLLBACK. */
function parseTransactionOpt(p: ParserState): void {
  if (p.accept('TRANSACTION') && p.isNm()) p.takeName();
}

export function parseBegin(p: ParserState, start: number): BeginStatement {
  p.expect('BEGIN');
  let mode: BeginStatement['mode'] = null;
  if (p.is('DEFERRED') || p.is('IMMEDIATE') || p.is('EXCLUSIVE')) {
    mode = p.type as 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE';
    p.advance();
  } else if (p.is('ID') && p.text.toUpperCase() === 'CONCURRENT') {
    // Tandem extension (as in Turso): stock SQLite rejects BEGIN CONCURRENT.
    mode = 'CONCURRENT';
    p.advance();
  }
  parseTransactionOpt(p);
  return { kind: 'Begin', mode, start, end: p.prevEnd };
}

export function parseCommit(p: ParserState, start: number): CommitStatement {
  p.advance(); // COMMIT or END
  parseTransactionOpt(p);
  return { kind: 'Commit', start, end: p.prevEnd };
}

export function parseRollback(p: ParserState, start: number): RollbackStatement {
  p.expect('ROLLBACK');
  parseTransactionOpt(p);
  if (!p.accept('TO')) return { kind: 'Rollback', savepoint: null, start, end: p.prevEnd };
  p.accept('SAVEPOINT');
  const savepoint = p.parseNm();
  return { kind: 'Rollback', savepoint, start, end: p.prevEnd };
}

export function parseSavepoint(p: ParserState, start: number): SavepointStatement {
  p.expect('SAVEPOINT');
  const name = p.parseNm();
  return { kind: 'Savepoint', name, start, end: p.prevEnd };
}

export function parseRelease(p: ParserState, start: number): ReleaseStatement {
  p.expect('RELEASE');
  p.accept('SAVEPOINT');
  const name = p.parseNm();
  return { kind: 'Release', name, start, end: p.prevEnd };
}

export function parsePragma(p: ParserState, start: number): PragmaStatement {
  p.expect('PRAGMA');
  const name = p.parseQualifiedName();
  let form: PragmaStatement['form'] = null;
  let value: PragmaValue | null = null;
  if (p.accept('EQ')) {
    form = '=';
    value = parsePragmaValue(p);
  } else if (p.accept('LP')) {
    form = 'call';
    value = parsePragmaValue(p);
    p.expect('RP');
  }
  return { kind: 'Pragma', name, value, form, start, end: p.prevEnd };
}

/** `nmnum` or `minus_num`: [+|-]number, a name, a string, ON, DELETE or DEFAULT. */
function parsePragmaValue(p: ParserState): PragmaValue {
  const start = p.start;
  if (p.is('PLUS') || p.is('MINUS')) {
    const sign = p.is('MINUS') ? '-' : '';
    p.advance();
    if (!p.is('INTEGER') && !p.is('FLOAT')) p.fail();
    const text = sign + p.text.replace(/_/g, '');
    p.advance();
    return { kind: 'Number', text, start, end: p.prevEnd };
  }
  if (p.is('INTEGER') || p.is('FLOAT')) {
    const text = p.text.replace(/_/g, '');
    p.advance();
    return { kind: 'Number', text, start, end: p.prevEnd };
  }
  if (p.is('STRING')) {
    const text = dequote(p.text);
    p.advance();
    return { kind: 'String', text, start, end: p.prevEnd };
  }
  if (p.isNm() || p.is('ON') || p.is('DELETE') || p.is('DEFAULT')) {
    const text = dequote(p.text);
    p.advance();
    return { kind: 'Name', text, start, end: p.prevEnd };
  }
  return p.fail();
}

export function parseAttach(p: ParserState, start: number): AttachStatement {
  p.expect('ATTACH');
  p.accept('DATABASE');
  const file = parseExpr(p);
  p.expect('AS');
  const schema = parseExpr(p);
  const key = p.accept('KEY') ? parseExpr(p) : null;
  return { kind: 'Attach', file, schema, key, start, end: p.prevEnd };
}

export function parseDetach(p: ParserState, start: number): DetachStatement {
  p.expect('DETACH');
  p.accept('DATABASE');
  const schema = parseExpr(p);
  return { kind: 'Detach', schema, start, end: p.prevEnd };
}

function parseOptionalQualifiedName(p: ParserState): QualifiedName | null {
  return p.isNm() ? p.parseQualifiedName() : null;
}

export function parseAnalyze(p: ParserState, start: number): AnalyzeStatement {
  p.expect('ANALYZE');
  return { kind: 'Analyze', name: parseOptionalQualifiedName(p), start, end: p.prevEnd };
}

export function parseReindex(p: ParserState, start: number): ReindexStatement {
  p.expect('REINDEX');
  return { kind: 'Reindex', name: parseOptionalQualifiedName(p), start, end: p.prevEnd };
}

export function parseVacuum(p: ParserState, start: number): VacuumStatement {
  p.expect('VACUUM');
  const schema = p.isNm() ? p.takeName() : null;
  const into = p.accept('INTO') ? parseExpr(p) : null;
  return { kind: 'Vacuum', schema, into, start, end: p.prevEnd };
}

