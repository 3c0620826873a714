// PRAGMA statements ORMs and tools use, against SQLite: result columns and values, setter
// semantics (which setters return a row), schema-qualified forms and silently ignored unknowns.

import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

describe('PRAGMA statements', () => {
  it('list the schema like SQLite', async () => {
    await expectSameResults([
      'CREATE TABLE "Post"(id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "authorId" INTEGER NOT NULL, title TEXT, CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE)',
      'CREATE UNIQUE INDEX "Post_title_key" ON "Post"("title")',
      'CREATE TABLE t(a UNIQUE ON CONFLICT REPLACE, b UNIQUE, c PRIMARY KEY ON CONFLICT REPLACE)',
      'PRAGMA table_info ("Post")',
      'PRAGMA table_xinfo(Post)',
      'PRAGMA main.table_info(Post)',
      'PRAGMA temp.table_info(Post)',
      'PRAGMA index_list("Post");',
      'PRAGMA index_info("Post_title_key");',
      'PRAGMA index_xinfo("Post_title_key");',
      'PRAGMA index_list(t)',
      'PRAGMA foreign_key_list("Post");',
      'PRAGMA table_list(t)',
      'PRAGMA table_info',
      'PRAGMA aux.user_version',
      'PRAGMA collation_list',
      'PRAGMA integrity_check',
      'PRAGMA integrity_check(2)',
      'PRAGMA integrity_check(t)',
      'PRAGMA integrity_check(nope)',
      "PRAGMA quick_check('t')",
    ]);
    // SQLite lists tables in its hash order: compare as sets.
    await expectSameResults(['CREATE TABLE a(x)', 'CREATE TABLE "B"(x, y)', 'CREATE VIEW v AS SELECT x, 2 FROM a', 'PRAGMA table_list'], { unordered: true });
  });

  it('read and set header fields and connection settings', async () => {
    await expectSameResults([
      'CREATE TABLE t(a)',
      'PRAGMA schema_version',
      'PRAGMA user_version',
      'PRAGMA user_version = 7',
      'PRAGMA main.user_version',
      'PRAGMA application_id = -5',
      'PRAGMA application_id',
      'PRAGMA freelist_count',
      'PRAGMA freelist_count = 3',
      'PRAGMA page_count = 3',
      'PRAGMA data_version',
      'PRAGMA data_version = 5',
      'PRAGMA encoding',
      "PRAGMA encoding = 'UTF-8'",
      'PRAGMA auto_vacuum',
      'PRAGMA auto_vacuum = 0',
      'PRAGMA busy_timeout = 100',
      'PRAGMA busy_timeout',
      'PRAGMA busy_timeout = -4',
      'PRAGMA locking_mode',
      'PRAGMA main.locking_mode = EXCLUSIVE',
      'PRAGMA locking_mode = bogus',
      'PRAGMA locking_mode = normal',
      'PRAGMA main.locking_mode',
      'PRAGMA legacy_alter_table',
      'PRAGMA legacy_alter_table = ON',
      'PRAGMA legacy_alter_table',
      'PRAGMA legacy_alter_table = OFF',
      'PRAGMA legacy_alter_table',
      'PRAGMA temp_store',
      'PRAGMA temp_store = memory',
      'PRAGMA temp_store',
      'PRAGMA temp_store = 7',
      'PRAGMA temp_store',
      'PRAGMA secure_delete',
      'PRAGMA secure_delete = 0',
      'PRAGMA cell_size_check = 1',
      'PRAGMA cell_size_check',
      'PRAGMA analysis_limit = -5',
      'PRAGMA analysis_limit = 50',
      'PRAGMA analysis_limit',
      'PRAGMA max_page_count',
      'PRAGMA max_page_count = 0',
      'PRAGMA mmap_size',
      'PRAGMA mmap_size = 1000',
      'PRAGMA wal_autocheckpoint',
      'PRAGMA wal_autocheckpoint = 10',
      'PRAGMA wal_checkpoint',
      'PRAGMA wal_checkpoint(TRUNCATE)',
      'PRAGMA writable_schema',
      'PRAGMA reverse_unordered_selects',
      'PRAGMA reverse_unordered_selects = 0',
      'PRAGMA ignore_check_constraints',
      'PRAGMA optimize',
      'PRAGMA optimize(2)',
      'PRAGMA case_sensitive_like',
      'PRAGMA no_such_pragma',
      'PRAGMA no_such_pragma = 1',
    ]);
  });

  it('query_only refuses writes; case_sensitive_like changes LIKE', async () => {
    await expectSameResults([
      'CREATE TABLE t(a)',
      'PRAGMA query_only = 1',
      'PRAGMA query_only',
      'INSERT INTO t VALUES (1)',
      'PRAGMA user_version = 3',
      'SELECT count(*) FROM t',
      'PRAGMA query_only = 0',
      'INSERT INTO t VALUES (1)',
      "SELECT 'ABC' LIKE 'abc', 'ABC' LIKE 'a%' ESCAPE '\\'",
      'PRAGMA case_sensitive_like = 1',
      "SELECT 'ABC' LIKE 'abc', 'ABC' LIKE 'A%', 'abc' LIKE 'abc'",
      'PRAGMA case_sensitive_like = 0',
      "SELECT 'ABC' LIKE 'abc'",
    ]);
  });

  it('ignore_check_constraints skips CHECK on INSERT and UPDATE, also for statements prepared before', async () => {
    await expectSameResults([
      'CREATE TABLE c(x CHECK (x > 0))',
      'INSERT INTO c VALUES (-1)',
      'PRAGMA ignore_check_constraints = 1',
      'PRAGMA ignore_check_constraints',
      'INSERT INTO c VALUES (-2)',
      'UPDATE c SET x = -3',
      'PRAGMA ignore_check_constraints = 0',
      'INSERT INTO c VALUES (-4)',
      'UPDATE c SET x = -5',
      'SELECT * FROM c',
    ]);
    const db = new Database(':memory:');
    db.exec('CREATE TABLE c(x CHECK (x > 0))');
    const insert = db.prepare('INSERT INTO c VALUES (?)');
    expect(() => insert.run(-1)).toThrow(/CHECK constraint failed/);
    db.exec('PRAGMA ignore_check_constraints = 1');
    expect(insert.run(-1).changes).toBe(1);
    db.exec('BEGIN');
    db.exec('PRAGMA ignore_check_constraints = 0');
    expect(() => insert.run(-1)).toThrow(/CHECK constraint failed/);
    db.exec('COMMIT');
    db.close();
  });

  it('refuse settings Tandem cannot honour, and let busy_timeout drive the API timeout', () => {
    const db = new Database(':memory:');
    expect(() => db.exec('PRAGMA secure_delete = 1')).toThrow(/not supported by Tandem yet/);
    expect(() => db.exec('PRAGMA writable_schema = 1')).toThrow(/not supported by Tandem yet/);
    expect(() => db.exec('PRAGMA reverse_unordered_selects = 1')).toThrow(/not supported by Tandem yet/);
    expect(() => db.exec('PRAGMA optimize = 0x10002')).toThrow(/not supported by Tandem yet/);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.pragma('busy_timeout = 250');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(250);
    db.close();
    const other = new Database(':memory:', { timeout: 42 });
    expect(other.pragma('busy_timeout', { simple: true })).toBe(42);
    other.close();
  });

  it('database_list names the file; wal_checkpoint reports busy, log and checkpointed frames', () => {
    const path = `/tmp/tandem-pragma-file-${process.pid}.db`;
    const db = new Database(path);
    try {
      expect(db.prepare('PRAGMA database_list').raw().all()).toEqual([[0, 'main', path]]);
      db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
      const checkpoint = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(checkpoint.columns().map((c) => c.name)).toEqual(['busy', 'log', 'checkpointed']);
      expect(checkpoint.raw().get()).toEqual([0, 0, 0]);
      db.exec('INSERT INTO t VALUES (2)');
      const [busy, log, done] = db.prepare('PRAGMA wal_checkpoint').raw().get() as number[];
      expect(busy).toBe(0);
      expect(log).toBeGreaterThan(0);
      expect(done).toBe(log);
      expect(db.pragma('mmap_size', { simple: true })).toBe(0);
    } finally {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  });

  it('locking_mode EXCLUSIVE keeps other connections out until the holder accesses the file in NORMAL mode', () => {
    const path = `/tmp/tandem-locking-${process.pid}.db`;
    const a = new Database(path, { timeout: 0 });
    const b = new Database(path, { timeout: 0 });
    try {
      a.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
      expect(a.pragma('main.locking_mode = EXCLUSIVE', { simple: true })).toBe('exclusive');
      expect(b.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
      a.prepare('SELECT * FROM t').all();
      expect(() => b.prepare('SELECT * FROM t').all()).toThrow(/database is locked/);
      expect(() => b.exec('INSERT INTO t VALUES (2)')).toThrow(/database is locked/);
      a.exec('INSERT INTO t VALUES (3)');
      expect(a.pragma('locking_mode = NORMAL', { simple: true })).toBe('normal');
      expect(() => b.prepare('SELECT * FROM t').all()).toThrow(/database is locked/);
      a.prepare('SELECT * FROM t').all();
      expect(b.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
      a.pragma('locking_mode = EXCLUSIVE');
      a.prepare('SELECT * FROM t').all();
      expect(() => b.prepare('SELECT * FROM t').all()).toThrow(/database is locked/);
      a.close();
      expect(b.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
    } finally {
      a.close();
      b.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  });

  it('integrity_check(table) checks only that table and its indexes', async () => {
    const made = `/tmp/tandem-integrity-made-${process.pid}.db`;
    const copy = `/tmp/tandem-integrity-copy-${process.pid}.db`;
    const sqlite = new Sqlite(made);
    sqlite.exec(`PRAGMA journal_mode = DELETE;
      CREATE TABLE good(x); CREATE INDEX good_x ON good(x); INSERT INTO good VALUES (1), (2);
      CREATE TABLE bad(y); INSERT INTO bad SELECT value FROM json_each('[1,2,3]');`);
    const root = sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'bad'").pluck().get() as number;
    sqlite.close();
    // Damage the bad table's root page: its b-tree page type byte becomes invalid.
    const bytes = readFileSync(made);
    bytes[(root - 1) * 4096] = 0x77;
    writeFileSync(made, bytes);
    copyFileSync(made, copy);
    try {
      await expectSameResults(['PRAGMA integrity_check(good)', 'PRAGMA quick_check(good)', "SELECT * FROM pragma_integrity_check('good')"], { leftPath: made, rightPath: copy });
      const db = new Database(made);
      expect(db.prepare('PRAGMA integrity_check(bad)').pluck().all()).not.toEqual(['ok']);
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).not.toEqual(['ok']);
      db.close();
    } finally {
      for (const path of [made, copy]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  });

  it('data_version changes only for other connections’ commits', () => {
    const path = `/tmp/tandem-data-version-${process.pid}.db`;
    const a = new Database(path);
    const b = new Database(path);
    try {
      a.exec('CREATE TABLE t(x)');
      const before = b.pragma('data_version', { simple: true });
      const own = a.pragma('data_version', { simple: true });
      a.exec('INSERT INTO t VALUES (1)');
      expect(a.pragma('data_version', { simple: true })).toBe(own);
      expect(b.pragma('data_version', { simple: true })).not.toBe(before);
    } finally {
      a.close();
      b.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  });
});
