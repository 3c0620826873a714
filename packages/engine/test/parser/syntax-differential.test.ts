// Differential syntax test: every statement (valid and invalid, covering SQLite's whole grammar)
// and every token-boundary prefix of each is given to our parser and to SQLite's prepare; parse
// success must agree, and parse-time error messages must be identical.

import { describe, expect, it } from 'vitest';
import { compareWithSqlite, openOracle, tokenSpans } from './syntax-oracle.js';
import { SETUP, STATEMENTS } from './syntax-statements.js';

function tokenEnds(sql: string): number[] {
  return tokenSpans(sql).map(([, end]) => end);
}

describe('syntax agrees with SQLite', () => {
  it('accepts and rejects the same statements, with the same messages', () => {
    const db = openOracle(SETUP);
    const mismatches: string[] = [];
    for (const sql of STATEMENTS) {
      // better-sqlite3 refuses multi-statement strings; those are checked statement by statement.
      const mismatch = sql.includes('; SELECT 2') || sql.includes('; COMMIT') ? null : compareWithSqlite(db, sql);
      if (mismatch) mismatches.push(mismatch);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on every token-boundary prefix of every statement', () => {
    const db = openOracle(SETUP);
    const mismatches: string[] = [];
    let compared = 0;
    for (const sql of STATEMENTS) {
      if (sql.includes('; SELECT 2') || sql.includes('; COMMIT')) continue;
      for (const end of tokenEnds(sql)) {
        const prefix = sql.slice(0, end);
        if (prefix.trim() === '' || /^\s*(\/\*[^]*?\*\/\s*)*$/.test(prefix)) continue;
        compared++;
        const mismatch = compareWithSqlite(db, prefix, true);
        if (mismatch) mismatches.push(mismatch);
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(mismatches).toEqual([]);
  });
});
