// Shared helpers for the parser's differential tests: the verdict of SQLite (better-sqlite3's
// prepare) and of our parser on one statement, and which SQLite messages are parse-time errors.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseStatement } from '../../src/parser/parser.js';
import { Scanner } from '../../src/parser/tokenizer.js';

/** Messages SQLite raises while parsing (tokenizer, grammar, and checks done in grammar actions). */
const PARSE_ERROR_PATTERNS: readonly RegExp[] = [
  /^near ".*": syntax error$/s,
  /^incomplete input$/,
  /^unrecognized token: /,
  /^Recursion limit$/,
  /^Expression tree is too large/,
  /^(ORDER BY|LIMIT) clause should come after .* not before$/,
  /^too many terms in compound SELECT$/,
  /^all VALUES must have the same number of terms$/,
  /^unknown join type: /,
  /^a JOIN clause is required before (ON|USING)$/,
  /^unknown table option: /,
  /^error in generated column /,
  /^variable number must be between /,
  /^syntax error after column name /,
  /^qualified table names are not allowed/,
  /^the (INDEXED BY|NOT INDEXED) clause is not allowed/,
  /^cannot use RETURNING in a trigger$/,
  /^unsupported use of NULLS (FIRST|LAST)$/,
  /^unsupported frame specification$/,
  /^too many arguments on function /,
  /^cannot use DEFAULT on a generated column$/,
];

export function isParseError(message: string): boolean {
  return PARSE_ERROR_PATTERNS.some((pattern) => pattern.test(message));
}

/** 'ok', or the parse-time error message; 'other' when SQLite failed for a non-parse reason. */
export type Verdict = { kind: 'ok' } | { kind: 'parse-error'; message: string } | { kind: 'other'; message: string };

export function openOracle(setup = ''): Database.Database {
  const db = new Database(':memory:');
  if (setup) db.exec(setup);
  return db;
}

export function sqliteVerdict(db: Database.Database, sql: string): Verdict {
  try {
    db.prepare(sql);
    return { kind: 'ok' };
  } catch (error) {
    const message = (error as Error).message;
    if ((error as { code?: string }).code === undefined) return { kind: 'other', message };
    return isParseError(message) ? { kind: 'parse-error', message } : { kind: 'other', message };
  }
}

export function ourVerdict(sql: string): { kind: 'ok' } | { kind: 'error'; message: string } {
  try {
    let offset = 0;
    for (;;) {
      const parsed = parseStatement(sql, offset);
      if (parsed === null) return { kind: 'ok' };
      if (parsed.tail <= offset) return { kind: 'ok' };
      offset = parsed.tail;
    }
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}

/**
 * Compares the two verdicts: when SQLite reports a parse error we must report the same message;
 * when SQLite accepts the syntax (success or a later, semantic error) we must parse it.
 * Returns a description of the mismatch, or null.
 */
export function compareWithSqlite(db: Database.Database, sql: string, lenient = false): string | null {
  const theirs = sqliteVerdict(db, sql);
  const ours = ourVerdict(sql);
  // SQLite stops at the first error, semantic ones included (e.g. in sqlite3StartTable), so after
  // a non-parse error nothing is known about the rest of the text.
  if (lenient && theirs.kind === 'other') return null;
  if (theirs.kind === 'parse-error') {
    if (ours.kind === 'error' && ours.message === theirs.message) return null;
    return `${sql}\n  sqlite: ${theirs.message}\n  ours:   ${ours.kind === 'ok' ? 'ok' : ours.message}`;
  }
  if (ours.kind === 'ok') return null;
  return `${sql}\n  sqlite: ${theirs.kind === 'ok' ? 'ok' : theirs.message}\n  ours:   ${ours.message}`;
}

/** [start, end) of every significant token of `sql` (our tokenizer; whitespace and comments skipped). */
export function tokenSpans(sql: string): [number, number][] {
  const scanner = new Scanner(sql);
  const spans: [number, number][] = [];
  let pos = 0;
  while (pos < sql.length) {
    const type = scanner.scan(pos);
    if (type === 'EOF' || scanner.end <= pos) break;
    if (type !== 'SPACE' && type !== 'COMMENT') spans.push([pos, scanner.end]);
    pos = scanner.end;
  }
  return spans;
}

/** Variants of `sql` with one token deleted, two adjacent tokens swapped, or one token doubled. */
export function tokenMutations(sql: string): string[] {
  const spans = tokenSpans(sql);
  const variants: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    const [s, e] = spans[i]!;
    variants.push(sql.slice(0, s) + sql.slice(e));
    variants.push(sql.slice(0, e) + ' ' + sql.slice(s, e) + sql.slice(e));
    if (i + 1 < spans.length) {
      const [s2, e2] = spans[i + 1]!;
      variants.push(sql.slice(0, s) + sql.slice(s2, e2) + sql.slice(e, s2) + sql.slice(s, e) + sql.slice(e2));
    }
  }
  return variants;
}

/** The shared test corpora: $TANDEM_CORPORA, else ../shared/corpora from the repository root; null if absent. */
export function corporaRoot(): string | null {
  const fromRepo = fileURLToPath(new URL('../../../../../shared/corpora', import.meta.url));
  for (const candidate of [process.env.TANDEM_CORPORA, fromRepo]) if (candidate && existsSync(candidate)) return candidate;
  return null;
}
