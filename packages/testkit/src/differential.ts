// The shared differential helper: run the same statements on two engines (by default a fresh
// Tandem database and a fresh better-sqlite3 database) and report every difference in errors
// (code and message), column names, values, storage types and row order.

import { DriverError, openDriver, type QueryResult, type SqlDriver, type SqlValue } from './driver.js';
import { describeValue, rowKey, sameValue, truncate } from './format.js';
import { hasOrderBy, splitStatements } from './sql/split.js';

/** What one statement did on one engine. */
export interface StatementOutcome {
  columns: string[];
  rows: SqlValue[][];
  error: { code: string; message: string } | null;
}

export interface StatementDiff {
  /** 0-based index of the statement in the script. */
  index: number;
  sql: string;
  problems: string[];
  left: StatementOutcome;
  right: StatementOutcome;
}

export interface DifferentialReport {
  leftName: string;
  rightName: string;
  statements: number;
  diffs: StatementDiff[];
  ok: boolean;
}

export interface CompareOptions {
  /** Compare rows as a multiset for statements without ORDER BY (SQLite leaves their order undefined). */
  unordered?: boolean;
  /** Compare error messages too, not only codes (default true). */
  compareMessages?: boolean;
  /** Bound parameters per statement index. */
  params?: Record<number, readonly SqlValue[]>;
}

export interface DifferentialOptions extends CompareOptions {
  /** Engines to compare; default: a fresh Tandem database (left) and a fresh better-sqlite3 database (right). */
  left?: SqlDriver;
  right?: SqlDriver;
  /** Database files to open instead of ':memory:' when the drivers are not given. */
  leftPath?: string;
  rightPath?: string;
}

function outcome(driver: SqlDriver, sql: string, params: readonly SqlValue[] | undefined): StatementOutcome {
  try {
    const result: QueryResult = driver.query(sql, params);
    return { columns: result.columns, rows: result.rows, error: null };
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    const partial = error.partial;
    return { columns: partial?.columns ?? [], rows: partial?.rows ?? [], error: { code: error.code, message: error.message } };
  }
}

function compareOutcomes(sql: string, a: StatementOutcome, b: StatementOutcome, names: [string, string], options: CompareOptions): string[] {
  const [l, r] = names;
  const problems: string[] = [];
  if (a.error || b.error) {
    if (!a.error || !b.error) {
      const failed = a.error ? l : r;
      const error = (a.error ?? b.error)!;
      problems.push(`only ${failed} failed: ${error.code}: ${error.message}`);
      return problems;
    }
    if (a.error.code !== b.error.code) problems.push(`error code: ${l} ${a.error.code}, ${r} ${b.error.code}`);
    if ((options.compareMessages ?? true) && a.error.message !== b.error.message) {
      problems.push(`error message: ${l} ${JSON.stringify(a.error.message)}, ${r} ${JSON.stringify(b.error.message)}`);
    }
  }
  if (a.columns.join('\u0000') !== b.columns.join('\u0000')) {
    problems.push(`columns: ${l} [${a.columns.join(', ')}], ${r} [${b.columns.join(', ')}]`);
  }
  if (options.unordered && !hasOrderBy(sql)) {
    compareAsMultisets(a.rows, b.rows, names, problems);
  } else {
    compareInOrder(a.rows, b.rows, names, problems);
  }
  return problems;
}

function compareInOrder(a: SqlValue[][], b: SqlValue[][], [l, r]: [string, string], problems: string[]): void {
  if (a.length !== b.length) problems.push(`row count: ${l} ${a.length}, ${r} ${b.length}`);
  const shown = problems.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ra = a[i]!;
    const rb = b[i]!;
    if (ra.length !== rb.length) {
      problems.push(`row ${i}: ${l} has ${ra.length} values, ${r} ${rb.length}`);
      continue;
    }
    for (let c = 0; c < ra.length; c++) {
      if (!sameValue(ra[c]!, rb[c]!)) problems.push(`row ${i} column ${c}: ${l} ${describeValue(ra[c]!)}, ${r} ${describeValue(rb[c]!)}`);
    }
    if (problems.length - shown >= 10) {
      problems.push('(further differences not shown)');
      return;
    }
  }
}

function compareAsMultisets(a: SqlValue[][], b: SqlValue[][], [l, r]: [string, string], problems: string[]): void {
  const counts = new Map<string, number>();
  for (const row of a) counts.set(rowKey(row), (counts.get(rowKey(row)) ?? 0) + 1);
  for (const row of b) counts.set(rowKey(row), (counts.get(rowKey(row)) ?? 0) - 1);
  let shown = 0;
  for (const [key, count] of counts) {
    if (count === 0) continue;
    if (shown++ === 10) {
      problems.push('(further differences not shown)');
      break;
    }
    problems.push(`row (${key}) appears ${Math.abs(count)} more time(s) in ${count > 0 ? l : r}`);
  }
}

/** Runs each statement of the script on both drivers in turn and compares the outcomes. */
export function compareDrivers(script: string | readonly string[], left: SqlDriver, right: SqlDriver, options: CompareOptions = {}): DifferentialReport {
  const statements = typeof script === 'string' ? splitStatements(script).map((s) => s.sql) : [...script];
  const names: [string, string] = left.name === right.name ? [`${left.name}(left)`, `${right.name}(right)`] : [left.name, right.name];
  const diffs: StatementDiff[] = [];
  statements.forEach((sql, index) => {
    const params = options.params?.[index];
    const a = outcome(left, sql, params);
    const b = outcome(right, sql, params);
    const problems = compareOutcomes(sql, a, b, names, options);
    if (problems.length > 0) diffs.push({ index, sql, problems, left: a, right: b });
  });
  return { leftName: names[0], rightName: names[1], statements: statements.length, diffs, ok: diffs.length === 0 };
}

/**
 * Runs the script on two engines and returns the differences. Drivers it opened itself are closed.
 *
 * @example
 *   const report = await runDifferential('CREATE TABLE t(a); INSERT INTO t VALUES (1); SELECT a FROM t');
 */
export async function runDifferential(script: string | readonly string[], options: DifferentialOptions = {}): Promise<DifferentialReport> {
  const left = options.left ?? (await openDriver('tandem', { path: options.leftPath ?? ':memory:' }));
  let right: SqlDriver | undefined;
  try {
    right = options.right ?? (await openDriver('sqlite', { path: options.rightPath ?? ':memory:' }));
    return compareDrivers(script, left, right, options);
  } finally {
    if (!options.left) left.close();
    if (right && !options.right) right.close();
  }
}

/** A readable multi-line report of the differences (empty string when there are none). */
export function formatReport(report: DifferentialReport): string {
  if (report.ok) return '';
  const lines = [`${report.diffs.length} of ${report.statements} statements differ between ${report.leftName} and ${report.rightName}:`];
  for (const diff of report.diffs) {
    lines.push(`  #${diff.index + 1}: ${truncate(diff.sql)}`);
    for (const problem of diff.problems) lines.push(`      ${problem}`);
  }
  return lines.join('\n');
}

/** Throws an Error carrying the readable report when the engines disagree (for vitest). */
export function assertSameResults(report: DifferentialReport): void {
  if (!report.ok) throw new Error(formatReport(report));
}

/** runDifferential + assertSameResults: `await expectSameResults('SELECT 1')` inside a test. */
export async function expectSameResults(script: string | readonly string[], options: DifferentialOptions = {}): Promise<DifferentialReport> {
  const report = await runDifferential(script, options);
  assertSameResults(report);
  return report;
}
