// Files with generated columns and STRICT tables cross between Tandem and SQLite: the records
// Tandem writes are byte for byte SQLite's (VIRTUAL columns absent, STORED ones in column order),
// SQLite reads and checks Tandem's file, and Tandem reads and updates SQLite's. (REAL columns get
// no integral values here: SQLite stores those as integers, Tandem as reals, in every table.)

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndexCursor, openTableCursor } from '../../src/btree/btree.js';
import { binaryCollation } from '../../src/values/collation.js';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection, type Connection } from '../../src/internal.js';
import { MemoryPages } from '../btree/memory-pages.js';
import { formatOutcome, runOracle, runTandem } from '../sql/differential.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-generated-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SCHEMA = [
  "CREATE TABLE g(id INTEGER PRIMARY KEY, v1 AS (a * 2) VIRTUAL, a, s1 TEXT AS (a || '-' || b) STORED, b NUMERIC, v2 AS (s1 || v1), s2 INT AS (length(s1)) STORED)",
  'CREATE INDEX g_v2 ON g(v2)',
  'CREATE INDEX g_s1 ON g(s1, b)',
  'CREATE TABLE s(k INTEGER PRIMARY KEY, i INT, r REAL, t TEXT, x BLOB, y ANY, z INT AS (i + 1) STORED) STRICT',
  'CREATE TABLE w(t TEXT, v AS (t || \'!\'), k INT PRIMARY KEY, s AS (k * 3) STORED) WITHOUT ROWID',
];

function rows(seed: number): [string, SqlValue[]][] {
  let x = seed;
  const random = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pool: SqlValue[] = [null, 1n, -5n, 123456789n, 2.5, -0.125, 3.0, 'abc', '17', '', new Uint8Array([9, 8])];
  const out: [string, SqlValue[]][] = [];
  for (let i = 0; i < 60; i++) {
    const pick = (): SqlValue => pool[Math.floor(random() * pool.length)]!;
    out.push(['INSERT INTO g(a, b) VALUES (?, ?)', [pick(), pick()]]);
    out.push(['INSERT INTO s(i, r, t, x, y) VALUES (?, ?, ?, ?, ?)', [BigInt(i), i + 0.25, `t${i}`, new Uint8Array([i]), pick()]]);
    out.push(['INSERT INTO w(t, k) VALUES (?, ?)', [pick(), BigInt(i)]]);
  }
  out.push(['UPDATE g SET a = a + 1 WHERE id % 3 = 0', []]);
  out.push(['DELETE FROM g WHERE id % 7 = 0', []]);
  return out;
}

function execTandem(connection: Connection, sql: string, params: SqlValue[] = []): void {
  const outcome = runTandem(connection, sql, params);
  if ('error' in outcome) throw new Error(`${sql}: ${outcome.error.code} ${outcome.error.message}`);
}

function payloads(path: string, table: string): string[] {
  const db = new Database(path, { readonly: true });
  const root = Number(db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table));
  db.close();
  const cursor = openTableCursor(MemoryPages.load(path), root);
  const out: string[] = [];
  for (let ok = cursor.first(); ok; ok = cursor.next()) out.push(`${cursor.rowid()}:${Buffer.from(cursor.payload()).toString('hex')}`);
  return out;
}

/** The entries of a WITHOUT ROWID table (an index b-tree), as hex. */
function entries(path: string, table: string): string[] {
  const db = new Database(path, { readonly: true });
  const root = Number(db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table));
  db.close();
  const cursor = openIndexCursor(MemoryPages.load(path), root, { collations: [binaryCollation], descending: [false] });
  const out: string[] = [];
  for (let ok = cursor.first(); ok; ok = cursor.next()) out.push(Buffer.from(cursor.payload()).toString('hex'));
  return out;
}

function dump(run: (sql: string) => string): string {
  return ['SELECT id, v1, a, s1, b, v2, s2 FROM g ORDER BY id', 'SELECT id FROM g WHERE v2 > \'a\' ORDER BY v2, id', 'SELECT * FROM s ORDER BY k', 'SELECT * FROM w ORDER BY k', 'PRAGMA integrity_check'].map(run).join('\n');
}

describe('files with generated columns and STRICT tables', () => {
  it('Tandem writes the records SQLite writes, and SQLite reads them back', () => {
    const mine = join(dir, 'tandem.db');
    const theirs = join(dir, 'sqlite.db');
    const connection = openConnection(mine);
    const oracle = new Database(theirs);
    oracle.defaultSafeIntegers(true);
    for (const sql of SCHEMA) {
      execTandem(connection, sql);
      oracle.exec(sql);
    }
    for (const [sql, params] of rows(5)) {
      execTandem(connection, sql, params);
      runOracle(oracle, sql, params);
    }
    connection.close();
    oracle.close();
    for (const table of ['g', 's']) expect(payloads(mine, table)).toEqual(payloads(theirs, table));
    expect(entries(mine, 'w')).toEqual(entries(theirs, 'w'));
    const readMine = new Database(mine, { readonly: true });
    const readTheirs = new Database(theirs, { readonly: true });
    try {
      expect(dump((sql) => formatOutcome(runOracle(readMine, sql)))).toBe(dump((sql) => formatOutcome(runOracle(readTheirs, sql))));
    } finally {
      readMine.close();
      readTheirs.close();
    }
  });

  it('Tandem reads and updates a file SQLite wrote, which SQLite then checks clean', () => {
    const path = join(dir, 'made.db');
    const made = new Database(path);
    for (const sql of SCHEMA) made.exec(sql);
    for (const [sql, params] of rows(9)) runOracle(made, sql, params);
    const expected = dump((sql) => formatOutcome(runOracle(made, sql)));
    made.close();
    const connection = openConnection(path);
    expect(dump((sql) => formatOutcome(runTandem(connection, sql)))).toBe(expected);
    execTandem(connection, "UPDATE g SET b = b * 2, a = 'z' || a WHERE id % 2 = 0");
    execTandem(connection, "INSERT INTO g(a, b) VALUES ('new', 1.5)");
    execTandem(connection, 'DELETE FROM g WHERE id % 5 = 1');
    execTandem(connection, "UPDATE s SET i = i * 10, y = 'changed' WHERE k % 4 = 0");
    const afterTandem = dump((sql) => formatOutcome(runTandem(connection, sql)));
    connection.close();
    const check = new Database(path, { readonly: true });
    try {
      expect(dump((sql) => formatOutcome(runOracle(check, sql)))).toBe(afterTandem);
      expect(check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    } finally {
      check.close();
    }
  });
});
