// VACUUM and VACUUM INTO: the rebuilt file is compact (no free pages, fewer pages after deletes),
// reads back identically, passes SQLite's integrity_check, and lists sqlite_schema as SQLite's
// own VACUUM does; errors match better-sqlite3's.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import type { Connection } from '../../src/engine/types.js';
import { StepResult } from '../../src/engine/prepared.js';
import { differences, runTandem } from '../sql/differential.js';

const SETUP = [
  'CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, body BLOB, n REAL)',
  'CREATE INDEX t_n ON t(n DESC, name COLLATE NOCASE)',
  'CREATE TABLE plain(a, b)',
  'CREATE VIEW big AS SELECT id, name FROM t WHERE n > 100',
  'CREATE TABLE later(x PRIMARY KEY, y) ',
  ...Array.from({ length: 400 }, (_, k) => `INSERT INTO t(name, body, n) VALUES ('row${k + 1}', zeroblob(${((k + 1) * 7) % 3000}), ${(k + 1) * 1.5})`),
  'INSERT INTO plain SELECT id, name FROM t',
  "INSERT INTO later VALUES ('k1', 1), ('k2', 2)",
  'DELETE FROM t WHERE id % 3 <> 0',
  'DELETE FROM plain WHERE a > 50',
  'PRAGMA user_version = 42',
];

const CONTENT = [
  'SELECT id, name, length(body), n FROM t ORDER BY id',
  'SELECT * FROM plain ORDER BY a',
  'SELECT * FROM big ORDER BY id',
  'SELECT name FROM t WHERE n > 300 ORDER BY n DESC',
  'SELECT * FROM later',
  'SELECT * FROM sqlite_sequence',
  'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name',
  'PRAGMA user_version',
];
/** VACUUM reorders sqlite_schema (tables first, then indexes, views): compared with SQLite's own. */
const SCHEMA_ORDER = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid';

function query(connection: Connection, sql: string): SqlValue[][] {
  const outcome = runTandem(connection, sql);
  if ('error' in outcome) throw new Error(`${sql}: ${outcome.error.message}`);
  return outcome.rows;
}

function scalar(connection: Connection, sql: string): number {
  return Number(query(connection, sql)[0]![0]);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-vacuum-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('VACUUM', () => {
  it('rebuilds the file compactly, with the same content and schema order as SQLite', () => {
    const path = join(dir, 'db.sqlite');
    const connection = openConnection(path);
    const oracle = new Database(':memory:');
    try {
      for (const sql of SETUP) {
        connection.exec(sql);
        oracle.exec(sql);
      }
      const before = CONTENT.map((sql) => query(connection, sql));
      const pagesBefore = scalar(connection, 'PRAGMA page_count');
      expect(scalar(connection, 'PRAGMA freelist_count')).toBeGreaterThan(0);
      const cookie = scalar(connection, 'PRAGMA schema_version');

      expect(differences(connection, oracle, ['VACUUM', ...CONTENT, SCHEMA_ORDER, 'PRAGMA freelist_count', 'PRAGMA integrity_check'])).toEqual([]);
      expect(CONTENT.map((sql) => query(connection, sql))).toEqual(before);
      expect(scalar(connection, 'PRAGMA page_count')).toBeLessThan(pagesBefore);
      expect(scalar(connection, 'PRAGMA schema_version')).toBe(cookie + 1);
      // Writes keep working on the new image.
      connection.exec("INSERT INTO t(name, n) VALUES ('after', 1e9)");
      expect(query(connection, "SELECT id FROM t WHERE name = 'after'")).toEqual([[401n]]);
    } finally {
      connection.close();
      oracle.close();
    }
    const reopened = new Database(path, { readonly: true });
    try {
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(reopened.prepare('SELECT count(*) FROM t').pluck().get()).toBe(134);
    } finally {
      reopened.close();
    }
  });

  it('works on an in-memory and on an empty database', () => {
    const memory = openConnection(':memory:');
    try {
      for (const sql of SETUP) memory.exec(sql);
      const before = CONTENT.map((sql) => query(memory, sql));
      memory.exec('VACUUM');
      expect(CONTENT.map((sql) => query(memory, sql))).toEqual(before);
      expect(query(memory, 'PRAGMA integrity_check')).toEqual([['ok']]);
    } finally {
      memory.close();
    }
    const empty = openConnection(':memory:');
    try {
      empty.exec('VACUUM');
      expect(query(empty, 'SELECT count(*) FROM sqlite_schema')).toEqual([[0n]]);
    } finally {
      empty.close();
    }
  });

  it("raises SQLite's errors", () => {
    const connection = openConnection(':memory:');
    const oracle = new Database(':memory:');
    try {
      expect(
        differences(connection, oracle, ['CREATE TABLE t(a)', 'BEGIN', 'VACUUM', 'COMMIT', 'VACUUM nope', 'VACUUM INTO NULL', 'VACUUM INTO 5', 'VACUUM main']),
      ).toEqual([]);
    } finally {
      connection.close();
      oracle.close();
    }
  });
});

describe('VACUUM while a statement runs', () => {
  it('is refused, as SQLite refuses it', () => {
    const connection = openConnection(':memory:');
    try {
      connection.exec('CREATE TABLE t(a); INSERT INTO t VALUES (1), (2)');
      const { statement } = connection.prepare('SELECT a FROM t');
      expect(statement!.step()).toBe(StepResult.Row);
      expect(runTandem(connection, 'VACUUM')).toEqual({ error: { code: 'SQLITE_ERROR', message: 'cannot VACUUM - SQL statements in progress' } });
      statement!.finalize();
      expect(runTandem(connection, 'VACUUM')).toEqual({ rows: [] });
    } finally {
      connection.close();
    }
  });
});

describe('VACUUM INTO', () => {
  it('writes a standalone compact copy that SQLite reads back identically', () => {
    const source = openConnection(':memory:');
    const oracle = new Database(':memory:');
    const ours = join(dir, 'ours.db');
    const theirs = join(dir, 'theirs.db');
    try {
      for (const sql of SETUP) {
        source.exec(sql);
        oracle.exec(sql);
      }
      source.exec(`VACUUM INTO '${ours}'`);
      oracle.exec(`VACUUM INTO '${theirs}'`);
    } finally {
      source.close();
      oracle.close();
    }
    const a = new Database(ours, { readonly: true });
    const b = new Database(theirs, { readonly: true });
    try {
      expect(a.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(a.pragma('freelist_count', { simple: true })).toBe(0);
      for (const sql of [...CONTENT, SCHEMA_ORDER]) expect(a.prepare(sql).raw().all(), sql).toEqual(b.prepare(sql).raw().all());
    } finally {
      a.close();
      b.close();
    }
    const reopened = openConnection(ours);
    try {
      expect(query(reopened, 'SELECT count(*) FROM t')).toEqual([[133n]]);
    } finally {
      reopened.close();
    }
  });

  it('refuses an existing file, accepts an empty one and a bound file name', () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database, not empty');
    const existing = join(dir, 'existing.db');
    new Database(existing).exec('CREATE TABLE q(a)').close();
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const connection = openConnection(':memory:');
    const oracle = new Database(':memory:');
    try {
      const refused = [`VACUUM INTO '${garbage}'`, `VACUUM INTO '${existing}'`, `VACUUM INTO '${join(dir, 'no', 'such', 'dir.db')}'`];
      expect(differences(connection, oracle, ['CREATE TABLE t(a)', ...refused])).toEqual([]);
      expect(runTandem(connection, `VACUUM INTO '${empty}'`)).toEqual({ rows: [] });
      const target = join(dir, 'bound.db');
      expect(runTandem(connection, 'VACUUM INTO ?', [target])).toEqual({ rows: [] });
      const check = new Database(target, { readonly: true });
      try {
        expect(check.prepare('SELECT sql FROM sqlite_schema').pluck().all()).toEqual(['CREATE TABLE t(a)']);
      } finally {
        check.close();
      }
    } finally {
      connection.close();
      oracle.close();
    }
  });
});
