// What BEGIN CONCURRENT commits cost the WAL: one frame per changed page, as SQLite writes (page 1
// only when its header really changes), a log that restarts once checkpointed even though each
// commit happens while its own snapshot is open, and a ROLLBACK that keeps the schema it did not touch.

import Oracle from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { ConnectionImpl, openConnection } from '../../src/internal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-concurrent-wal-'));
  dirs.push(dir);
  return join(dir, name);
}

const walBytes = (path: string): number => statSync(`${path}-wal`).size;
const FRAME = 24 + 4096;

type Db = { exec(sql: string): unknown; pragma(source: string): unknown; close(): unknown };

function seed(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)');
  db.exec('WITH RECURSIVE ids(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM ids WHERE id < 200) INSERT INTO accounts SELECT id, id * 100 FROM ids');
}

it('writes one frame per UPDATE commit, as SQLite does in WAL mode', () => {
  const growth = (db: Db, path: string, begin: string): number => {
    const before = walBytes(path);
    for (let id = 1; id <= 20; id++) db.exec(`${begin}; UPDATE accounts SET balance = balance + 1 WHERE id = ${id}; COMMIT`);
    return (walBytes(path) - before) / 20;
  };
  const tandemPath = tempPath('t.db');
  const tandem = new Database(tandemPath) as unknown as Db;
  const oraclePath = tempPath('o.db');
  const oracle = new Oracle(oraclePath) as unknown as Db;
  oracle.pragma('journal_mode = WAL');
  try {
    seed(tandem);
    seed(oracle);
    const expected = growth(oracle, oraclePath, 'BEGIN');
    expect(expected).toBe(FRAME);
    expect(growth(tandem, tandemPath, 'BEGIN CONCURRENT')).toBe(expected);
    expect(growth(tandem, tandemPath, 'BEGIN')).toBe(expected);
  } finally {
    tandem.close();
    oracle.close();
  }
});

it('lets the WAL restart under back-to-back concurrent commits (it stays bounded)', () => {
  const path = tempPath('bounded.db');
  const db = new Database(path) as unknown as Db;
  try {
    seed(db);
    db.pragma('wal_autocheckpoint = 20');
    for (let i = 0; i < 300; i++) db.exec(`BEGIN CONCURRENT; UPDATE accounts SET balance = balance + 1 WHERE id = ${(i % 200) + 1}; COMMIT`);
    // Without the restart the log would hold every commit's frame (300 and more).
    expect(walBytes(path)).toBeLessThanOrEqual(32 + 25 * FRAME);
  } finally {
    db.close();
  }
});

it('keeps the schema across a ROLLBACK that changed only rows, and forgets rolled-back DDL', () => {
  const path = tempPath('schema.db');
  const connection = openConnection(path) as ConnectionImpl;
  const run = (sql: string): void => connection.exec(sql);
  try {
    run('CREATE TABLE t(a)');
    for (const begin of ['BEGIN CONCURRENT', 'BEGIN']) {
      run(`${begin}; INSERT INTO t VALUES (1)`);
      const generation = connection.schemaGeneration;
      run('ROLLBACK');
      run('SELECT * FROM t');
      expect(connection.schemaGeneration, begin).toBe(generation);
    }
    run('BEGIN; CREATE TABLE u(b)');
    run('ROLLBACK');
    expect(() => run('SELECT * FROM u')).toThrow(expect.objectContaining({ message: 'no such table: u' }));
    run('SELECT * FROM t');
  } finally {
    connection.close();
  }
});
