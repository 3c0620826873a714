// A better-sqlite3 oracle for value-level tests: evaluates one SQL expression over bound engine
// values and returns the result as an engine value (bigint/number/string/Uint8Array/null).

import Database from 'better-sqlite3';
import type { SqlValue } from '../../src/common/values.js';

export function toOracleParam(value: SqlValue): unknown {
  return value instanceof Uint8Array ? Buffer.from(value) : value;
}

export function fromOracleValue(value: unknown): SqlValue {
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  return value as SqlValue;
}

export class ExpressionOracle {
  private readonly db = new Database(':memory:');
  private readonly cache = new Map<string, Database.Statement>();

  eval(expression: string, ...params: SqlValue[]): SqlValue {
    let statement = this.cache.get(expression);
    if (!statement) {
      statement = this.db.prepare(`SELECT ${expression}`).pluck().safeIntegers(true);
      this.cache.set(expression, statement);
    }
    return fromOracleValue(statement.get(...params.map(toOracleParam)));
  }

  /** Runs a statement for its side effects. */
  run(sql: string, ...params: SqlValue[]): void {
    this.db.prepare(sql).run(...params.map(toOracleParam));
  }

  close(): void {
    this.db.close();
  }
}

/** A deterministic list of awkward values: numbers as text in every form, extremes, blobs. */
export function awkwardValues(): SqlValue[] {
  const texts = [
    '', ' ', '0', '-0', '+5', ' 12 ', '12abc', 'abc', '1e3', '1E-2', '3.0', '5.', '.5', '-.5', '1.5abc', '0x10',
    '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
    '99999999999999999999', '123456789012345678901', '1e20', '1e400', '-1e400', ' 7\t', '\n3.25\r', '1 2', 'e5',
    '1e', '1e+', '- 1', '00012', '0.000', '4503599627370497', '2251799813685248.0', 'inf', 'NaN', 'é',
  ];
  const reals = [0, -0, 0.5, -0.5, 1, 1.5, 3, -7.25, 1e15, 1e16, 1e18, 9.3e18, -9.3e18, 1e20, 2 ** 51, 2 ** 53 + 2, 0.1 + 0.2, Infinity, -Infinity, 1e-300, 123.456];
  const integers = [0n, 1n, -1n, 7n, -7n, 2n ** 62n, 9223372036854775807n, -9223372036854775808n, 1000n];
  const blobs = [new Uint8Array([0x31, 0x32]), new Uint8Array([]), new Uint8Array([0x61, 0x62]), new Uint8Array([0x33, 0x2e, 0x35])];
  return [null, ...texts, ...reals, ...integers, ...blobs];
}
