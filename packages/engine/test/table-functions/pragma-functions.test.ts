// pragma_<name>() table functions against SQLite: schema listings with their hidden arg/schema
// columns, joined to sqlite_schema (correlated), inside CTEs and subqueries, and constrained by WHERE.

import { copyFileSync, rmSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const SCHEMA = [
  `CREATE TABLE users(id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name varchar(255) DEFAULT 'anon', score real CHECK (score >= 0), created text DEFAULT CURRENT_TIMESTAMP)`,
  `CREATE TABLE posts(id integer PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, title TEXT, body BLOB, UNIQUE(author_id, title), FOREIGN KEY (title) REFERENCES titles ON UPDATE SET NULL)`,
  'CREATE TABLE pairs(a, b, c INT, PRIMARY KEY (b, a))',
  'CREATE INDEX posts_title ON posts(title COLLATE NOCASE DESC, author_id)',
  'CREATE UNIQUE INDEX users_name ON users(name) WHERE name IS NOT NULL',
  'CREATE VIEW recent AS SELECT p.id, p.title AS heading, u.email, 1 + 1 AS two FROM posts p JOIN users u ON u.id = p.author_id',
];

describe('pragma table functions', () => {
  it('list columns, indexes and foreign keys like the PRAGMA statements', async () => {
    await expectSameResults([
      ...SCHEMA,
      // First: SQLite lists the temp database once something has used it.
      'SELECT * FROM pragma_database_list',
      "SELECT * FROM pragma_table_info('users')",
      "SELECT *, arg, schema FROM pragma_table_info('posts')",
      "SELECT * FROM pragma_table_xinfo('pairs')",
      "SELECT * FROM pragma_table_info('recent')",
      "SELECT * FROM pragma_table_xinfo('recent')",
      "SELECT * FROM pragma_table_info('sqlite_master')",
      "SELECT * FROM pragma_table_info('nope')",
      "SELECT * FROM pragma_table_info('users', 'main')",
      "SELECT * FROM pragma_table_info('users', 'temp')",
      "SELECT * FROM pragma_index_list('users')",
      "SELECT * FROM pragma_index_list('posts')",
      "SELECT * FROM pragma_index_list('pairs')",
      "SELECT * FROM pragma_index_info('posts_title')",
      "SELECT * FROM pragma_index_xinfo('posts_title')",
      "SELECT * FROM pragma_index_xinfo('sqlite_autoindex_pairs_1')",
      "SELECT * FROM pragma_index_info('users_name')",
      "SELECT * FROM pragma_foreign_key_list('posts')",
      "SELECT * FROM pragma_foreign_key_list('users')",
      "SELECT * FROM pragma_table_list('users')",
      'SELECT * FROM pragma_table_list ORDER BY schema, name',
      'SELECT * FROM pragma_collation_list',
      'SELECT * FROM pragma_user_version',
      'SELECT * FROM pragma_application_id',
      'SELECT * FROM pragma_encoding',
      'SELECT * FROM pragma_auto_vacuum',
      'SELECT * FROM pragma_freelist_count',
      'SELECT * FROM pragma_integrity_check',
      "SELECT * FROM pragma_quick_check('users')",
      'SELECT * FROM pragma_optimize',
      "SELECT * FROM pragma_table_info('users', 'main', 'x')",
      'SELECT * FROM pragma_user_version(1)',
      "SELECT * FROM pragma_table_info('users', 'aux')",
      "SELECT * FROM pragma_table_info('users', 'TEMP')",
      "SELECT * FROM pragma_page_count('main')",
      "SELECT * FROM pragma_page_count('aux')",
      "SELECT * FROM pragma_table_list('users', 'temp')",
      "SELECT schema, name FROM pragma_table_list WHERE arg = 'posts'",
    ]);
  });

  it('join sqlite_schema with correlated arguments, in CTEs, subqueries and through WHERE on arg', async () => {
    await expectSameResults([
      ...SCHEMA,
      "SELECT m.name, p.* FROM sqlite_schema m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid",
      "SELECT m.name, p.name FROM pragma_table_info(m.name) p, sqlite_schema m WHERE m.type = 'table' ORDER BY 1, p.cid",
      "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info p WHERE p.arg = m.name ORDER BY 1, p.cid",
      "SELECT * FROM pragma_table_info WHERE arg = 'users'",
      "SELECT name FROM pragma_table_info WHERE arg = 'users' AND schema = 'main'",
      'SELECT * FROM pragma_table_info',
      "WITH tl AS (SELECT name FROM sqlite_master WHERE type IN ('table', 'view')) SELECT tl.name, p.name, p.type FROM tl, pragma_table_info(tl.name) AS p ORDER BY tl.name, p.cid",
      "SELECT name, (SELECT count(*) FROM pragma_table_info(m.name)) FROM sqlite_master m ORDER BY name",
      "SELECT m.name FROM sqlite_master m WHERE EXISTS (SELECT 1 FROM pragma_index_list(m.name) WHERE origin = 'u') ORDER BY 1",
      "SELECT m.name, il.name, ii.name FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii WHERE m.type = 'table' ORDER BY 1, il.seq, ii.seqno",
      "SELECT m.name, p.name FROM sqlite_schema m LEFT JOIN pragma_table_info(m.name) p ON p.pk > 0 ORDER BY 1, 2",
      "SELECT count(*) FROM pragma_function_list WHERE name = 'json_each'",
      'SELECT * FROM json_each(\'[1]\') NATURAL JOIN (SELECT \'[9]\' AS json, 1 AS value)',
      "SELECT name, narg FROM pragma_function_list WHERE name IN ('abs', 'substr', 'json_extract', 'coalesce_x') ORDER BY 1, 2",
      "SELECT * FROM pragma_pragma_list WHERE name IN ('table_info', 'user_version', 'wal_checkpoint')",
    ]);
  });

  it('read every setting through its table function', async () => {
    const settings = [
      'application_id', 'auto_vacuum', 'busy_timeout', 'cache_size', 'cell_size_check', 'data_version', 'defer_foreign_keys', 'encoding',
      'freelist_count', 'ignore_check_constraints', 'journal_mode', 'legacy_alter_table', 'locking_mode', 'max_page_count', 'page_count',
      'page_size', 'query_only', 'schema_version', 'secure_delete', 'synchronous', 'temp_store', 'user_version', 'writable_schema',
      'analysis_limit', 'integrity_check', 'quick_check', 'recursive_triggers', 'reverse_unordered_selects',
    ];
    await expectSameResults(['CREATE TABLE t(a)', ...settings.map((name) => `SELECT * FROM pragma_${name}`), 'SELECT * FROM pragma_wal_checkpoint', 'SELECT * FROM pragma_mmap_size', 'SELECT * FROM pragma_case_sensitive_like']);
  });

  it('foreign-key pragmas as table functions', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = OFF',
      'SELECT * FROM pragma_foreign_keys',
      'SELECT * FROM pragma_defer_foreign_keys',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE c(id INTEGER PRIMARY KEY, pid REFERENCES p(id), qid REFERENCES q)',
      'INSERT INTO p VALUES (1)',
      'INSERT INTO c VALUES (10, 1, NULL), (11, 2, NULL), (12, NULL, 5)',
      'SELECT * FROM pragma_foreign_key_check',
      "SELECT * FROM pragma_foreign_key_check('c')",
      "SELECT \"table\", rowid, parent, fkid, arg FROM pragma_foreign_key_check WHERE arg = 'c'",
      "SELECT m.name, f.* FROM sqlite_master m, pragma_foreign_key_check(m.name) f ORDER BY 1, 3",
      "SELECT * FROM pragma_foreign_key_check('nope')",
    ], { unordered: true });
  });

  it('describe tables Tandem reads but cannot create yet (generated columns, WITHOUT ROWID) in a SQLite-made file', async () => {
    const made = `/tmp/tandem-pragma-made-${process.pid}.db`;
    const copy = `/tmp/tandem-pragma-copy-${process.pid}.db`;
    const sqlite = new Sqlite(made);
    sqlite.exec(`CREATE TABLE g(a INT, b INT GENERATED ALWAYS AS (a+1), c TEXT AS (a||'x') STORED, d);
      CREATE TABLE w(k TEXT PRIMARY KEY, v, z) WITHOUT ROWID;
      CREATE INDEX wz ON w(z COLLATE NOCASE);
      CREATE TABLE s(a INTEGER, b ANY) STRICT;`);
    sqlite.close();
    copyFileSync(made, copy);
    try {
      await expectSameResults([
        "SELECT * FROM pragma_table_info('g')",
        "SELECT * FROM pragma_table_xinfo('g')",
        "SELECT * FROM pragma_table_list WHERE name IN ('g', 'w', 's') ORDER BY name",
        "SELECT * FROM pragma_index_list('w')",
        "SELECT * FROM pragma_index_xinfo('sqlite_autoindex_w_1')",
        "SELECT * FROM pragma_index_xinfo('wz')",
        "SELECT * FROM pragma_index_info('w')",
        "PRAGMA index_info('w')",
      ], { leftPath: made, rightPath: copy });
      // A virtual table Tandem cannot interpret: "not supported", never an empty listing.
      const writer = new Sqlite(made);
      writer.exec('CREATE VIRTUAL TABLE docs USING fts5(body)');
      writer.close();
      const db = new Database(made);
      try {
        expect(() => db.prepare("SELECT * FROM pragma_table_info('docs')").all()).toThrow(/not supported by Tandem yet/);
        expect(() => db.prepare('SELECT * FROM pragma_table_list').all()).toThrow(/not supported by Tandem yet/);
        expect(db.prepare("SELECT count(*) FROM pragma_table_info('g')").pluck().get()).toBe(2);
      } finally {
        db.close();
      }
    } finally {
      for (const path of [made, copy]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  });

  it('report only true facts in compile_options, function_list and module_list', () => {
    const db = new Database(':memory:');
    const options = db.prepare('SELECT compile_options FROM pragma_compile_options').pluck().all() as string[];
    expect(options).toContain('DEFAULT_PAGE_SIZE=4096');
    expect(db.prepare('PRAGMA page_size').pluck().get()).toBe(4096);
    const modules = db.prepare('SELECT name FROM pragma_module_list').pluck().all();
    expect(modules).toEqual(expect.arrayContaining(['json_each', 'json_tree']));
    db.function('twice', { deterministic: true }, (x: unknown) => Number(x) * 2);
    const row = db.prepare("SELECT builtin, type, narg, flags FROM pragma_function_list WHERE name = 'twice'").get();
    expect(row).toEqual({ builtin: 0, type: 's', narg: 1, flags: 0x800 });
    const abs = db.prepare("SELECT builtin, type, narg, flags FROM pragma_function_list WHERE name = 'abs'").get();
    expect(abs).toEqual({ builtin: 1, type: 's', narg: 1, flags: 0x200800 });
    db.close();
  });
});
