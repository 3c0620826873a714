// Mutation fuzzing against SQLite: statements with one token deleted, two tokens swapped, a token
// doubled, or a keyword/punctuation token inserted must get the same verdict (and parse-error
// message) from us and from SQLite.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parser.js';
import { compareWithSqlite, corporaRoot, openOracle, tokenMutations, tokenSpans } from './syntax-oracle.js';
import { SETUP, STATEMENTS } from './syntax-statements.js';

function sqltestStatements(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.sqltest')) files.push(path);
    }
  };
  walk(root);
  const statements = new Set<string>();
  for (const file of files.sort()) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^(?:test|setup)\s+\S+\s*\{\n([^]*?)\n\}/gm)) {
      const sql = match[1]!;
      let offset = 0;
      try {
        for (;;) {
          const parsed = parseStatement(sql, offset);
          if (!parsed) break;
          const text = sql.slice(parsed.statement.start, parsed.statement.end);
          if (text.length < 250) statements.add(text);
          offset = parsed.tail;
        }
      } catch {
        // Blocks that are meant to fail are covered by the corpora test.
      }
    }
  }
  return [...statements];
}

describe('token mutations get SQLite verdicts', () => {
  it('of the grammar statement list', () => {
    const db = openOracle(SETUP);
    const mismatches: string[] = [];
    let compared = 0;
    for (const sql of STATEMENTS) {
      if (sql.includes('; SELECT 2') || sql.includes('; COMMIT')) continue;
      for (const variant of tokenMutations(sql)) {
        compared++;
        const mismatch = compareWithSqlite(db, variant, true);
        if (mismatch) mismatches.push(mismatch);
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('of the grammar statement list with a token inserted after each token', () => {
    const inserted = ['NOT', 'NULL', 'AS', 'ON', 'OVER', 'FILTER', '(', ')', ',', 'x', '#1', 'END', 'DEFAULT', 'VALUES'];
    const db = openOracle(SETUP);
    const mismatches: string[] = [];
    for (const sql of STATEMENTS) {
      if (sql.includes('; SELECT 2') || sql.includes('; COMMIT')) continue;
      for (const [, end] of tokenSpans(sql)) {
        for (const token of inserted) {
          const mismatch = compareWithSqlite(db, `${sql.slice(0, end)} ${token} ${sql.slice(end)}`, true);
          if (mismatch) mismatches.push(mismatch);
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  const corpus = corporaRoot();
  it.skipIf(!corpus)('of a sample of corpus statements', () => {
    const all = sqltestStatements(join(corpus!, 'turso-sqltest', 'sqlite-sqltests'));
    const sample = all.filter((_, i) => i % 20 === 0);
    const db = openOracle('CREATE TABLE t(a, b, c); CREATE TABLE t1(a, b, c); CREATE TABLE t2(a, b, c)');
    const mismatches: string[] = [];
    for (const sql of sample) {
      for (const variant of tokenMutations(sql)) {
        const mismatch = compareWithSqlite(db, variant, true);
        if (mismatch) mismatches.push(mismatch);
      }
    }
    expect(sample.length).toBeGreaterThan(300);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
