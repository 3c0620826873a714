// A small differential harness: runs the same SQL on a Tandem connection and on better-sqlite3
// and reports every difference in result rows (values and storage classes) or errors (code and
// message). expectSameInMemory is the one-line form tests use.

import Database from 'better-sqlite3';
import { SqliteError } from '../../src/common/errors.js';
import type { SqlValue } from '../../src/common/values.js';
import { StepResult } from '../../src/engine/prepared.js';
import type { Connection } from '../../src/engine/types.js';
import { openConnection } from '../../src/internal.js';
import { expect } from 'vitest';

export type Outcome = { rows: SqlValue[][] } | { error: { code: string; message: string } };

function normalize(value: unknown): SqlValue {
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  return value as SqlValue;
}

export function runOracle(db: Database.Database, sql: string, params: SqlValue[] = []): Outcome {
  try {
    const statement = db.prepare(sql).safeIntegers(true);
    const bound = params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p));
    if (statement.reader) return { rows: (statement.raw(true).all(...bound) as unknown[][]).map((r) => r.map(normalize)) };
    statement.run(...bound);
    return { rows: [] };
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { error: { code: e.code ?? 'unknown', message: e.message } };
  }
}

export function runTandem(connection: Connection, sql: string, params: SqlValue[] = []): Outcome {
  try {
    const { statement } = connection.prepare(sql);
    if (!statement) return { rows: [] };
    try {
      params.forEach((p, i) => statement.bind(i + 1, p));
      const rows: SqlValue[][] = [];
      for (;;) {
        const result = statement.step();
        if (result === StepResult.Row) rows.push(statement.row().slice());
        else if (result === StepResult.Done) break;
        else throw new Error(`unexpected step result ${result}`);
      }
      return { rows };
    } finally {
      statement.finalize();
    }
  } catch (error) {
    if (error instanceof SqliteError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

function describe(v: SqlValue): string {
  if (v instanceof Uint8Array) return `x'${Buffer.from(v).toString('hex')}'`;
  if (typeof v === 'number') return `${Object.is(v, -0) ? '-0' : String(v)}r`;
  if (typeof v === 'bigint') return `${v}i`;
  return JSON.stringify(v);
}

export function formatOutcome(o: Outcome): string {
  if ('error' in o) return `ERROR ${o.error.code}: ${o.error.message}`;
  return o.rows.map((r) => r.map(describe).join('|')).join('\n') || '(no rows)';
}

/** Runs each statement on both engines; returns a list of human-readable differences. */
export function differences(connection: Connection, oracle: Database.Database, statements: readonly (string | [string, SqlValue[]])[], options: { ordered?: boolean } = {}): string[] {
  const diffs: string[] = [];
  for (const item of statements) {
    const [sql, params] = typeof item === 'string' ? [item, []] : item;
    const want = runOracle(oracle, sql, params);
    const got = runTandem(connection, sql, params);
    let a = formatOutcome(got);
    let b = formatOutcome(want);
    if (options.ordered === false && 'rows' in got && 'rows' in want) {
      a = a.split('\n').sort().join('\n');
      b = b.split('\n').sort().join('\n');
    }
    if (a !== b) diffs.push(`${sql}\n  tandem: ${a.replace(/\n/g, '\n          ')}\n  sqlite: ${b.replace(/\n/g, '\n          ')}`);
  }
  return diffs;
}

/** Runs `statements` on a fresh in-memory Tandem connection and on better-sqlite3; expects no difference. */
export function expectSameInMemory(statements: readonly (string | [string, SqlValue[]])[], options: { ordered?: boolean } = {}): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, statements, options)).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
}
