// Database files through the full stack: written by Tandem and checked by SQLite (integrity_check
// and identical contents), written by SQLite and modified by Tandem, and back again.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection, type Connection } from '../../src/internal.js';
import { formatOutcome, runOracle, runTandem } from '../sql/differential.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function exec(connection: Connection, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const outcome = runTandem(connection, sql, params);
  if ('error' in outcome) throw new Error(`${sql}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.rows;
}

/** Every table's rows, as text, through SQLite. */
function dumpWithSqlite(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return tables.map((t) => `${t}:\n${formatOutcome(runOracle(db, `SELECT rowid, * FROM "${t}" ORDER BY rowid`))}`).join('\n');
  } finally {
    db.close();
  }
}

function dumpWithTandem(path: string): string {
  const connection = openConnection(path);
  try {
    const tables = exec(connection, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map((r) => r[0] as string);
    return tables.map((t) => `${t}:\n${formatOutcome(runTandem(connection, `SELECT rowid, * FROM "${t}" ORDER BY rowid`))}`).join('\n');
  } finally {
    connection.close();
  }
}

function sqliteIntegrity(path: string): string[] {
  const db = new Database(path);
  try {
    return db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  } finally {
    db.close();
  }
}

function randomText(seed: number, length: number): string {
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s;
}

describe('files written by Tandem', () => {
  for (const pageSize of [1024, 4096, 65536]) {
    it(`pass SQLite's integrity_check and read back identically (page size ${pageSize})`, () => {
      const path = join(dir, `t${pageSize}.db`);
      const c = openConnection(path);
      exec(c, `PRAGMA page_size = ${pageSize}`);
      exec(c, 'CREATE TABLE small(id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, note)');
      exec(c, 'CREATE TABLE big(k INTEGER PRIMARY KEY, body TEXT, data BLOB)');
      exec(c, 'CREATE INDEX small_score ON small(score DESC, name)');
      exec(c, 'CREATE INDEX big_body ON big(body)');
      exec(c, 'BEGIN');
      for (let i = 0; i < 600; i++) {
        exec(c, 'INSERT INTO small(name, score, note) VALUES (?, ?, ?)', [`name-${i}`, (i * 37) % 101 / 3, i % 5 === 0 ? null : BigInt(i)]);
      }
      for (let i = 0; i < 60; i++) {
        const size = (i * 997) % (3 * pageSize) + 10;
        exec(c, 'INSERT INTO big(body, data) VALUES (?, ?)', [randomText(i, size), new Uint8Array(size).map((_, j) => (i + j) & 0xff)]);
      }
      exec(c, 'COMMIT');
      exec(c, 'DELETE FROM small WHERE id % 3 = 0');
      exec(c, 'DELETE FROM big WHERE k % 2 = 0');
      exec(c, "UPDATE small SET note = 'updated ' || name WHERE id % 7 = 1");
      exec(c, 'CREATE TABLE dropped(x)');
      exec(c, "INSERT INTO dropped VALUES ('soon gone')");
      exec(c, 'DROP TABLE dropped');
      expect(exec(c, 'PRAGMA integrity_check')).toEqual([['ok']]);
      c.close();
      expect(sqliteIntegrity(path)).toEqual(['ok']);
      expect(dumpWithTandem(path)).toEqual(dumpWithSqlite(path));
      const db = new Database(path, { readonly: true });
      expect(db.pragma('page_size', { simple: true })).toBe(pageSize);
      expect(db.prepare("SELECT count(*) FROM small WHERE name = 'name-10'").pluck().get()).toBe(1);
      db.close();
    });
  }

  it('are modified by SQLite and reopened by Tandem', () => {
    const path = join(dir, 'round.db');
    const c = openConnection(path);
    exec(c, 'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT)');
    exec(c, 'CREATE INDEX tb ON t(b)');
    exec(c, "INSERT INTO t(b) VALUES ('one'), ('two'), ('three')");
    c.close();
    const db = new Database(path);
    db.exec("INSERT INTO t(b) VALUES ('four'); CREATE TABLE u(x UNIQUE); INSERT INTO u VALUES (1), (2); DELETE FROM t WHERE a = 2;");
    db.close();
    const c2 = openConnection(path);
    expect(exec(c2, "SELECT a, b FROM t WHERE b >= 'o' ORDER BY b")).toEqual([[1n, 'one'], [3n, 'three']]);
    expect(exec(c2, 'SELECT x FROM u WHERE x = 2')).toEqual([[2n]]);
    expect(runTandem(c2, 'INSERT INTO u VALUES (1)')).toEqual({ error: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: u.x' } });
    exec(c2, 'INSERT INTO u VALUES (3)');
    expect(exec(c2, 'PRAGMA integrity_check')).toEqual([['ok']]);
    c2.close();
    expect(sqliteIntegrity(path)).toEqual(['ok']);
    expect(dumpWithTandem(path)).toEqual(dumpWithSqlite(path));
  });
});

describe('files written by SQLite', () => {
  it('are read, modified and kept valid by Tandem', () => {
    const path = join(dir, 'sqlite.db');
    const db = new Database(path);
    db.exec(`
      CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INT, UNIQUE(name, age));
      CREATE INDEX people_age ON people(age);
      CREATE TABLE notes(body TEXT);
    `);
    const insert = db.prepare('INSERT INTO people(name, age) VALUES (?, ?)');
    for (let i = 0; i < 300; i++) insert.run(`p${i}`, i % 90);
    db.prepare('INSERT INTO notes VALUES (?)').run('x'.repeat(20000));
    db.close();

    const c = openConnection(path);
    expect(exec(c, 'SELECT count(*) FROM people WHERE age = 42')).toEqual([[3n]]);
    expect(exec(c, 'SELECT length(body) FROM notes')).toEqual([[20000n]]);
    exec(c, 'UPDATE people SET age = age + 1 WHERE age < 10');
    exec(c, 'DELETE FROM people WHERE id > 250');
    exec(c, "INSERT INTO notes VALUES ('short')");
    exec(c, 'CREATE INDEX people_name ON people(name)');
    expect(runTandem(c, "INSERT INTO people(name, age) VALUES ('p11', 11)")).toEqual({
      error: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: people.name, people.age' },
    });
    expect(exec(c, 'PRAGMA integrity_check')).toEqual([['ok']]);
    c.close();
    expect(sqliteIntegrity(path)).toEqual(['ok']);
    expect(dumpWithTandem(path)).toEqual(dumpWithSqlite(path));
  });
});

describe('databases with objects Tandem does not support yet', () => {
  it('stay readable; touching those objects raises "not supported", never a wrong result', () => {
    const path = join(dir, 'features.db');
    const db = new Database(path);
    db.exec(`
      CREATE TABLE plain(a, b);
      INSERT INTO plain VALUES (1, 'x'), (2, 'y');
      CREATE TABLE logged(v);
      CREATE TABLE log(msg);
      CREATE TRIGGER logged_ins AFTER INSERT ON logged BEGIN INSERT INTO log VALUES ('inserted'); END;
      CREATE TABLE gen(a, b AS (a * 2));
      CREATE TABLE wr(k PRIMARY KEY, v) WITHOUT ROWID;
      CREATE TABLE expr(a, b);
      CREATE INDEX expr_sum ON expr(a + b);
      CREATE VIEW v AS SELECT a FROM plain;
    `);
    db.close();
    const c = openConnection(path);
    expect(exec(c, 'SELECT a, b FROM plain ORDER BY a')).toEqual([[1n, 'x'], [2n, 'y']]);
    exec(c, "INSERT INTO plain VALUES (3, 'z')");
    // WITHOUT ROWID tables and indexes on expressions are supported: Tandem writes into SQLite's trees.
    exec(c, "INSERT INTO wr VALUES ('k', 1)");
    expect(exec(c, 'SELECT * FROM wr')).toEqual([['k', 1n]]);
    exec(c, 'INSERT INTO expr VALUES (1, 2)');
    expect(exec(c, 'SELECT count(*) FROM expr WHERE a + b = 3')).toEqual([[1n]]);
    // Generated columns are supported: the VIRTUAL one is computed, not stored.
    exec(c, 'INSERT INTO gen(a) VALUES (21)');
    expect(exec(c, 'SELECT a, b FROM gen')).toEqual([[21n, 42n]]);
    // Triggers are supported: the one SQLite wrote fires.
    exec(c, 'INSERT INTO logged VALUES (1)');
    expect(exec(c, 'SELECT msg FROM log')).toEqual([['inserted']]);
    // Views are supported: the one SQLite wrote reads the rows Tandem inserted.
    expect(exec(c, 'SELECT * FROM v ORDER BY a')).toEqual([[1n], [2n], [3n]]);
    c.close();
    expect(sqliteIntegrity(path)).toEqual(['ok']);
  });
});
