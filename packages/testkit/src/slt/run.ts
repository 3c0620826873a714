// Runs one sqllogictest script against a driver in validation mode, with the reference
// runner's rules (sqllogictest.c): sort modes compare rendered strings with strcmp, results with
// more values than the hash threshold are compared as "N values hashing to <md5>", labels must
// hash alike, and a query that fails while stepping keeps the rows produced before the failure.
// Unlike the reference runner, a result with fewer or more values than expected is a failure.

import { createHash } from 'node:crypto';
import { DriverError, type SqlDriver, type SqlValue } from '../driver.js';
import { truncate } from '../format.js';
import { parseSlt, type QueryRecord, type SltRecord } from './parse.js';
import { renderSltValue } from './render.js';

export interface SltFailure {
  line: number;
  message: string;
  sql: string;
}

export interface SltResult {
  passed: number;
  failed: number;
  skipped: number;
  failures: SltFailure[];
  /** True when a 'halt' record or an invalid record stopped the script early. */
  halted: boolean;
}

export interface SltOptions {
  /** The engine name skipif/onlyif conditions are matched against (case-insensitive). Default 'sqlite'. */
  engine?: string;
  /** Overrides every hash-threshold record (the reference runner's -ht option). */
  hashThreshold?: number;
  /** Stop collecting failure details after this many (counting continues). Default 100. */
  maxFailureDetails?: number;
}

/** The reference runner's default when a script sets no hash-threshold. */
const DEFAULT_HASH_THRESHOLD = 8;

export function md5Values(values: readonly string[]): string {
  const hash = createHash('md5');
  for (const v of values) {
    hash.update(v);
    hash.update('\n');
  }
  return hash.digest('hex');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts rendered values as the reference runner does (strcmp on each value, row by row). */
export function sortValues(values: string[], columns: number, mode: QueryRecord['sortMode']): string[] {
  if (mode === 'nosort') return values;
  if (mode === 'valuesort') return [...values].sort(compareStrings);
  const rows: string[][] = [];
  for (let i = 0; i + columns <= values.length; i += columns) rows.push(values.slice(i, i + columns));
  rows.sort((a, b) => {
    for (let c = 0; c < columns; c++) {
      const d = compareStrings(a[c]!, b[c]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  return rows.flat();
}

function skippedFor(record: SltRecord, engine: string): boolean {
  let skip = false;
  for (const condition of record.conditions) {
    const match = condition.engine.toLowerCase() === engine.toLowerCase();
    if (condition.kind === 'skipif' ? match : !match) skip = true;
  }
  return skip;
}

/** The hash a labelled query's expected lines stand for (as the runner computes for skipped records). */
function expectedHash(expected: readonly string[]): string {
  const match = expected.length > 0 ? /^\d+ values hashing to ([0-9a-f]{32})$/.exec(expected[0]!) : null;
  return match ? match[1]! : md5Values(expected);
}

export function runSltScript(script: string, driver: SqlDriver, options: SltOptions = {}): SltResult {
  const engine = options.engine ?? 'sqlite';
  const maxDetails = options.maxFailureDetails ?? 100;
  const result: SltResult = { passed: 0, failed: 0, skipped: 0, failures: [], halted: false };
  const labels = new Map<string, string>();
  let threshold = options.hashThreshold ?? DEFAULT_HASH_THRESHOLD;

  const fail = (record: { line: number }, message: string, sql = ''): void => {
    result.failed++;
    if (result.failures.length < maxDetails) result.failures.push({ line: record.line, message, sql: truncate(sql, 300) });
  };
  const checkLabel = (record: QueryRecord, hash: string): boolean => {
    if (!record.label) return true;
    const previous = labels.get(record.label);
    if (previous === undefined) labels.set(record.label, hash);
    return previous === undefined || previous === hash;
  };

  for (const record of parseSlt(script)) {
    // Conditions apply to every record kind: "onlyif mssql" + "halt" stops only mssql runs.
    if (skippedFor(record, engine)) {
      result.skipped++;
      // A skipped labelled query still contributes its expected hash to the label's check.
      if (record.kind === 'query' && record.label && record.expected.length > 0 && !checkLabel(record, expectedHash(record.expected))) {
        fail(record, `labeled result [${record.label}] does not agree with previous values`, record.sql);
      }
      continue;
    }
    if (record.kind === 'halt') {
      result.halted = true;
      break;
    }
    if (record.kind === 'invalid') {
      fail(record, record.reason);
      result.halted = true;
      break;
    }
    if (record.kind === 'hash-threshold') {
      if (options.hashThreshold === undefined) threshold = record.threshold;
      continue;
    }
    if (record.kind === 'statement') {
      let error: DriverError | null = null;
      try {
        driver.exec(record.sql);
      } catch (e) {
        if (!(e instanceof DriverError)) throw e;
        error = e;
      }
      if (error?.isCrash) fail(record, `engine crashed: ${error.code}: ${error.message}`, record.sql);
      else if (record.expectError === (error !== null)) result.passed++;
      else fail(record, record.expectError ? 'statement succeeded but an error was expected' : `statement failed: ${error!.code}: ${error!.message}`, record.sql);
      continue;
    }
    const problem = runQuery(record, driver, threshold, checkLabel);
    if (problem) fail(record, problem, record.sql);
    else result.passed++;
  }
  return result;
}

/** Runs one query record; returns a description of the mismatch, or null when it passes. */
function runQuery(record: QueryRecord, driver: SqlDriver, threshold: number, checkLabel: (r: QueryRecord, hash: string) => boolean): string | null {
  let columns: string[];
  let rows: SqlValue[][];
  try {
    ({ columns, rows } = driver.query(record.sql));
  } catch (e) {
    if (!(e instanceof DriverError)) throw e;
    if (e.isCrash) return `engine crashed: ${e.code}: ${e.message}`;
    if (!e.partial) return `query failed: ${e.code}: ${e.message}`;
    // Stepping failed: the reference driver keeps the rows it already produced.
    ({ columns, rows } = e.partial);
  }
  const width = record.types.length;
  if (columns.length !== width) return `wrong number of result columns: expected ${width} but got ${columns.length}`;
  const values: string[] = [];
  for (const row of rows) for (let c = 0; c < width; c++) values.push(renderSltValue(row[c]!, record.types[c]!));
  const sorted = sortValues(values, width, record.sortMode);
  const hashed = threshold > 0 && sorted.length > threshold;
  const hash = hashed || record.label ? md5Values(sorted) : '';
  if (record.label && !checkLabel(record, hash)) return `labeled result [${record.label}] does not agree with previous values`;
  if (hashed) {
    const actual = `${sorted.length} values hashing to ${hash}`;
    return record.expected[0] === actual && record.expected.length === 1 ? null : `wrong result hash: expected ${JSON.stringify(record.expected[0] ?? '')}, got ${JSON.stringify(actual)}`;
  }
  for (let i = 0; i < Math.max(sorted.length, record.expected.length); i++) {
    if (sorted[i] !== record.expected[i]) {
      if (i >= sorted.length) return `wrong result: ${sorted.length} values, expected ${record.expected.length}`;
      if (i >= record.expected.length) return `wrong result: ${sorted.length} values, expected ${record.expected.length} (first extra: ${JSON.stringify(sorted[i])})`;
      return `wrong result at value ${i + 1}: expected ${JSON.stringify(record.expected[i])}, got ${JSON.stringify(sorted[i])}`;
    }
  }
  return null;
}
