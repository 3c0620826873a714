// The drivers expose SQLite's storage classes, error codes and partial results uniformly.

import { describe, expect, it } from 'vitest';
import { DriverError, openSqlite, openTandem } from '../src/driver.js';
import { runDifferential } from '../src/differential.js';

describe('better-sqlite3 driver', () => {
  it('returns values with their storage types', () => {
    const db = openSqlite();
    const result = db.query("SELECT 1, 1.0, 'a', x'01', NULL, 9223372036854775807");
    expect(result.columns).toEqual(['1', '1.0', "'a'", "x'01'", 'NULL', '9223372036854775807']);
    expect(result.types).toEqual([['integer', 'real', 'text', 'blob', 'null', 'integer']]);
    expect(result.rows[0]![5]).toBe(9223372036854775807n);
    expect(result.rows[0]![3]).toEqual(Uint8Array.of(1));
  });

  it('binds parameters and runs statements without results', () => {
    const db = openSqlite();
    expect(db.query('CREATE TABLE t(a)')).toEqual({ columns: [], rows: [], types: [] });
    db.query('INSERT INTO t VALUES (?), (?)', [5n, Uint8Array.of(7)]);
    expect(db.query('SELECT typeof(a) FROM t ORDER BY rowid').rows).toEqual([['integer'], ['blob']]);
  });

  it('reports SQLite error codes and messages', () => {
    const db = openSqlite();
    db.exec('CREATE TABLE t(a UNIQUE); INSERT INTO t VALUES (1)');
    const error = (() => {
      try {
        db.query('INSERT INTO t VALUES (1)');
      } catch (e) {
        return e as DriverError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DriverError);
    expect(error!.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(error!.message).toBe('UNIQUE constraint failed: t.a');
    expect(error!.isCrash).toBe(false);
  });

  it('keeps the rows produced before a statement fails while stepping', () => {
    const db = openSqlite();
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1),(2),(3),(4)');
    try {
      db.query('SELECT CASE WHEN x = 3 THEN abs(x - 9223372036854775807 - 4) ELSE x END FROM t');
      expect.unreachable();
    } catch (e) {
      const error = e as DriverError;
      expect(error.message).toBe('integer overflow');
      expect(error.partial?.rows).toEqual([[1n], [2n]]);
    }
  });
});

describe('tandem driver', () => {
  it('opens @tandem/engine through its better-sqlite3 compatible API, or explains why it cannot', async () => {
    let driver;
    try {
      driver = await openTandem();
    } catch (error) {
      // While the engine is being written this is the expected path; the message must say what is missing.
      expect((error as Error).message).toMatch(/tandem|engine/i);
      return;
    }
    driver.close();
    const report = await runDifferential("SELECT 1, 2.5, 'x', NULL");
    expect(report.statements).toBe(1);
  });
});

describe('registerTandem', () => {
  it('makes the differential helper use the registered Database class as the engine under test', async () => {
    const { registerTandem } = await import('../src/driver.js');
    const { createRequire } = await import('node:module');
    // Registering better-sqlite3 itself: both sides agree, and the left side is named 'tandem'.
    registerTandem(createRequire(import.meta.url)('better-sqlite3'));
    const report = await runDifferential('SELECT 1; SELECT nope');
    expect(report.leftName).toBe('tandem');
    expect(report.ok).toBe(true);
  });
});
