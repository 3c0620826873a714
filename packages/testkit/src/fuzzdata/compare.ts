// Runs one fuzzed or generated script statement by statement on the engine under test and on two
// SQLite databases, and decides per statement whether the engine agrees with SQLite.
//
// What must match (the fuzzing contract): error or not, the number of columns, the rows (as a
// multiset when the statement has no ORDER BY) with every value's storage type. Error codes,
// messages and column names are not compared here (the .sqltest and sqllogictest runs check those).
// When both engines fail, rows produced before the failure are not compared.
//
// Non-determinism rule (never a blanket skip): every statement also runs on a second SQLite
// database (A, then the engine, then B, so the engine runs between the two). Whatever A and B agree
// on must also hold for the engine; only what SQLite itself gives differently on two runs is exempt
// (random(), randomblob(), and everything derived from them in tables and triggers). A clock value
// ('now', CURRENT_TIMESTAMP) that A and B agree on was the same for the engine, which ran between them.
// Random values can have little entropy (randomblob(1) collides or reads as a number a few times in
// a hundred), so A and B agreeing proves nothing about them: once a script has called random() or
// randomblob() (in this statement or an earlier one, trigger bodies and defaults included), its
// statements are checked for crashes and error-or-not only, and an error that depends on the values
// (a constraint failure as random keys collide, SQLITE_TOOBIG or integer overflow from a random size)
// on one side is exempt too; errors decided by the SQL text (syntax, names, misuse) still count.
//
// EXPLAIN (bytecode listing) and EXPLAIN QUERY PLAN output describe the implementation, not the
// data: those statements are compared on error-or-not and column count only.
//
// A crash is an exception that is not an SQL error (a TypeError, a stack overflow...): always a failure.

import { DriverError, type DriverFactory, type QueryResult, type SqlDriver, type SqlValue } from '../driver.js';
import { describeValue, rowKey, truncate } from '../format.js';
import { hasOrderBy, splitStatements } from '../sql/split.js';
import { nullParameters } from './params.js';

/** Divergence kinds, most serious first: a script is filed under its first divergence's kind. */
export type Divergence = 'crash' | 'hang' | 'error' | 'rows' | 'order' | 'typeof';

export interface StatementRun {
  error: { code: string; message: string } | null;
  crash: boolean;
  columns: number;
  rows: SqlValue[][];
}

export interface ScriptDiff {
  index: number;
  sql: string;
  kind: Divergence;
  detail: string;
}

export interface ScriptResult {
  statements: number;
  /** Statements where SQLite disagreed with itself (values exempt, see the rule above). */
  nondeterministic: number;
  /** The script called random() or randomblob(): its verdict can vary from run to run. */
  randomTainted: boolean;
  diffs: ScriptDiff[];
}

// better-sqlite3's API errors, which Tandem's API copies: they are statement errors, not crashes.
const API_ERRORS = ['The supplied SQL string contains more than one statement', 'The supplied SQL string contains no statements'];

export function runStatement(driver: SqlDriver, sql: string, params?: readonly SqlValue[]): StatementRun {
  let result: QueryResult;
  try {
    result = driver.query(sql, params);
  } catch (error) {
    if (error instanceof DriverError) {
      const crash = error.isCrash && !API_ERRORS.includes(error.message);
      return { error: { code: error.code, message: error.message }, crash, columns: error.partial?.columns.length ?? 0, rows: [] };
    }
    // Not even wrapped by the driver (should not happen): a crash.
    return { error: { code: 'JS_Unknown', message: String(error) }, crash: true, columns: 0, rows: [] };
  }
  return { error: null, crash: false, columns: result.columns.length, rows: result.rows };
}

const RANDOM = /\brandom(?:blob)?\s*\(/i;

const typeKey = (row: readonly SqlValue[]): string => row.map((v) => (v === null ? 'n' : typeof v === 'bigint' ? 'i' : typeof v === 'number' ? 'r' : typeof v === 'string' ? 't' : 'b')).join('');

function sameList(a: readonly string[], b: readonly string[], ordered: boolean): boolean {
  if (a.length !== b.length) return false;
  if (ordered) return a.every((x, i) => x === b[i]);
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

function showRun(run: StatementRun): string {
  if (run.error) return `${run.crash ? 'CRASH ' : 'error '}${run.error.code}: ${truncate(run.error.message, 160)}`;
  const shown = run.rows.slice(0, 4).map((r) => `(${r.map(describeValue).join(', ')})`);
  return `${run.rows.length} row(s) x ${run.columns} col(s)${shown.length ? ': ' + shown.join(' ') : ''}${run.rows.length > 4 ? ' …' : ''}`;
}

/**
 * Compares the engine's run of one statement with SQLite's two runs A and B. `ordered` says the
 * rows' order is defined (the statement has a full ORDER BY). Returns null when they agree.
 */
export function judge(engine: StatementRun, a: StatementRun, b: StatementRun, ordered: boolean, randomTainted = false): { kind: Divergence; detail: string } | null {
  const detail = (): string => `engine ${showRun(engine)} | sqlite ${showRun(a)}`;
  if (engine.crash) return { kind: 'crash', detail: detail() };
  const deterministicError = (a.error === null) === (b.error === null);
  if (deterministicError && (engine.error === null) !== (a.error === null)) {
    const error = (engine.error ?? a.error)!;
    const valueDependent = /^SQLITE_(CONSTRAINT|TOOBIG)/.test(error.code) || error.message.includes('integer overflow');
    return randomTainted && valueDependent ? null : { kind: 'error', detail: detail() };
  }
  if (engine.error || a.error || b.error || randomTainted) return null;
  if (a.columns === b.columns && engine.columns !== a.columns) return { kind: 'rows', detail: `column count: ${detail()}` };
  const keysA = a.rows.map(rowKey);
  const keysB = b.rows.map(rowKey);
  const keysE = engine.rows.map(rowKey);
  if (sameList(keysA, keysB, ordered)) {
    if (sameList(keysE, keysA, ordered)) return null;
    if (ordered && sameList(keysE, keysA, false)) return { kind: 'order', detail: detail() };
    const typesOnly = sameList(engine.rows.map(typeKey), a.rows.map(typeKey), ordered) === false && sameNumbers(engine.rows, a.rows, ordered);
    return { kind: typesOnly ? 'typeof' : 'rows', detail: detail() };
  }
  // SQLite disagrees with itself: only the row count and the storage types it agrees on must match.
  if (a.rows.length === b.rows.length && engine.rows.length !== a.rows.length) return { kind: 'rows', detail: `row count (values non-deterministic): ${detail()}` };
  const typesA = a.rows.map(typeKey);
  if (sameList(typesA, b.rows.map(typeKey), ordered) && !sameList(engine.rows.map(typeKey), typesA, ordered)) {
    return { kind: 'typeof', detail: `storage types (values non-deterministic): ${detail()}` };
  }
  return null;
}

const EXPLAIN = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*explain\b/i;

function judgeExplain(engine: StatementRun, a: StatementRun, b: StatementRun): { kind: Divergence; detail: string } | null {
  const verdict = judge(engine, a, b, false, true);
  if (verdict || engine.error || a.error) return verdict;
  return engine.columns === a.columns ? null : { kind: 'rows', detail: `EXPLAIN column count: engine ${engine.columns}, sqlite ${a.columns}` };
}

/** True when the rows hold the same numbers but some storage type differs (1 vs 1.0, '1' vs 1). */
function sameNumbers(x: SqlValue[][], y: SqlValue[][], ordered: boolean): boolean {
  const loose = (row: SqlValue[]): string => row.map((v) => (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' ? `v${Number(v)}` : rowKey([v]))).join(',');
  return sameList(x.map(loose), y.map(loose), ordered);
}

/** True when SQLite's two runs of the statement differ in any way the rule above compares. */
export function sqliteDisagrees(a: StatementRun, b: StatementRun, ordered: boolean): boolean {
  if ((a.error === null) !== (b.error === null)) return true;
  if (a.error) return false;
  return a.columns !== b.columns || !sameList(a.rows.map(rowKey), b.rows.map(rowKey), ordered);
}

export interface ScriptDrivers {
  engine: SqlDriver;
  sqliteA: SqlDriver;
  sqliteB: SqlDriver;
}

/** Opens a fresh :memory: database on each side. */
export function openScriptDrivers(engine: DriverFactory, sqlite: DriverFactory): ScriptDrivers {
  return { engine: engine({}), sqliteA: sqlite({}), sqliteB: sqlite({}) };
}

export function closeScriptDrivers(drivers: ScriptDrivers): void {
  for (const d of [drivers.engine, drivers.sqliteA, drivers.sqliteB]) {
    try {
      d.close();
    } catch {
      // A database left mid-statement by a crash may refuse to close; the script's verdict stands.
    }
  }
}

export interface StatementInput {
  sql: string;
  params?: readonly SqlValue[];
  /** Overrides the ORDER BY detection (generated queries know whether their order is total). */
  ordered?: boolean;
  /** Custom row comparison for generated queries (e.g. a partial ORDER BY); null = agree. */
  judge?: (engine: StatementRun, a: StatementRun, b: StatementRun) => { kind: Divergence; detail: string } | null;
}

/** Runs the statements on fresh databases; every statement runs even after a divergence. */
export function runScript(statements: readonly (string | StatementInput)[], engine: DriverFactory, sqlite: DriverFactory): ScriptResult {
  const drivers = openScriptDrivers(engine, sqlite);
  const result: ScriptResult = { statements: statements.length, nondeterministic: 0, randomTainted: false, diffs: [] };
  let randomTainted = false;
  try {
    statements.forEach((item, index) => {
      // Unbound parameters are NULL, as in SQLite's fuzz harness (see params.ts).
      const input: StatementInput = typeof item === 'string' ? { sql: item, params: nullParameters(item) as SqlValue[] } : item;
      const ordered = input.ordered ?? hasOrderBy(input.sql);
      randomTainted ||= RANDOM.test(input.sql);
      const a = runStatement(drivers.sqliteA, input.sql, input.params);
      const e = runStatement(drivers.engine, input.sql, input.params);
      const b = runStatement(drivers.sqliteB, input.sql, input.params);
      if (sqliteDisagrees(a, b, ordered)) result.nondeterministic++;
      const verdict = input.judge ? input.judge(e, a, b) : EXPLAIN.test(input.sql) ? judgeExplain(e, a, b) : judge(e, a, b, ordered, randomTainted);
      if (verdict) result.diffs.push({ index, sql: input.sql, ...verdict });
    });
  } finally {
    closeScriptDrivers(drivers);
  }
  result.randomTainted = randomTainted;
  return result;
}

/** A fuzzed script split the way the sqlite3 shell splits input (sqlite3_complete). */
export function scriptStatements(text: string): string[] {
  return splitStatements(text).map((s) => s.sql);
}
