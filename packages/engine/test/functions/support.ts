// Shared harness for the function-library tests: one Tandem connection and one better-sqlite3
// database, the same SELECTs on both, and argument grids built programmatically.

import Database from 'better-sqlite3';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection, type Connection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

export interface Pair {
  tandem: Connection;
  oracle: Database.Database;
  close(): void;
}

export function openPair(): Pair {
  const tandem = openConnection(':memory:');
  const oracle = new Database(':memory:');
  return {
    tandem,
    oracle,
    close() {
      tandem.close();
      oracle.close();
    },
  };
}

/** Runs every statement on both engines; returns the differences (empty when they agree). */
export function compareAll(pair: Pair, statements: readonly (string | [string, SqlValue[]])[]): string[] {
  return differences(pair.tandem, pair.oracle, statements);
}

/** SQL literals covering every storage class and the usual edge cases. */
export const SAMPLE_ARGS: readonly string[] = [
  'NULL', '0', '1', '-1', '2', '7', '-7', '3.5', '-3.5', '0.5', '-0.5', '2.5', '1e300', '-1e-300', '9223372036854775807',
  '-9223372036854775808', "'12'", "'3.7abc'", "'abc'", "''", "'  -4 '", "'héllo wörld'", "'日本語'", "'😀x'",
  "x''", "x'00ff41'", "x'616263'", "'0x1A'", "'1e2'",
];

/** All `f(a, b, ...)` calls over the cartesian product of `values` for the given arity. */
export function grid(fn: string, arity: number, values: readonly string[] = SAMPLE_ARGS): string[] {
  let combos: string[][] = [[]];
  for (let i = 0; i < arity; i++) combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  return combos.map((args) => `SELECT ${fn}(${args.join(', ')}), typeof(${fn}(${args.join(', ')}))`);
}
