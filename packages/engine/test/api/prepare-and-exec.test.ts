// prepare() takes exactly one statement, exec() runs scripts, pragma() returns rows or a simple value,
// and SQL errors surface as SqliteError with SQLite's message and extended code.

import { describeDifferential } from './support/differential.js';

describeDifferential('prepare, exec and pragma', {
  'one statement per prepare()': (Database, probe) => {
    const db = new Database(':memory:');
    for (const sql of ['SELECT 1', 'SELECT 1;', 'SELECT 1;;  ', 'SELECT 1; -- done', 'SELECT 1; /* c */ ', 'SELECT 1; /* open', 'SELECT 1 -- trailing']) {
      probe(`accepted: ${sql}`, () => db.prepare(sql).source);
    }
    for (const sql of ['SELECT 1; SELECT 2', 'SELECT 1; x', 'SELECT 1; /* c */ SELECT 2']) probe(`two: ${sql}`, () => db.prepare(sql));
    for (const sql of ['', '   ', '-- only a comment', '/* c */']) probe(`empty: ${JSON.stringify(sql)}`, () => db.prepare(sql));
    probe('syntax error', () => db.prepare('SELEC 1'));
    probe('no such table', () => db.prepare('SELECT * FROM missing'));
    probe('non-string', () => db.prepare(42 as unknown as string));
  },

  'exec()': (Database, probe) => {
    const db = new Database(':memory:');
    probe('script', () => db.exec('CREATE TABLE t(a); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);') === db);
    probe('rows', () => db.prepare('SELECT a FROM t').pluck().all());
    probe('empty', () => db.exec('') === db);
    probe('comments only', () => db.exec('-- nothing\n/* at all */') === db);
    probe('error midway keeps earlier statements', () => db.exec('INSERT INTO t VALUES (3); INSERT INTO nope VALUES (4); INSERT INTO t VALUES (5)'));
    probe('after error', () => db.prepare('SELECT a FROM t').pluck().all());
    probe('non-string', () => db.exec(undefined as unknown as string));
  },

  'pragma()': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(a INTEGER NOT NULL, b TEXT DEFAULT \'x\')');
    probe('user_version simple', () => db.pragma('user_version', { simple: true }));
    probe('set user_version', () => db.pragma('user_version = 7'));
    probe('user_version rows', () => db.pragma('user_version'));
    probe('table_info', () => db.pragma('table_info(t)'));
    probe('simple of no rows', () => db.pragma('user_version = 8', { simple: true }));
    probe('bad options', () => db.pragma('user_version', { simple: 1 } as unknown as { simple: boolean }));
    probe('bad source', () => db.pragma(1 as unknown as string));
  },

  'constraint errors carry extended codes': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, u TEXT UNIQUE, n TEXT NOT NULL, c INTEGER CHECK (c > 0))');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    probe('ok', () => insert.run(1, 'a', 'x', 1));
    probe('primary key', () => insert.run(1, 'b', 'x', 1));
    probe('unique', () => insert.run(2, 'a', 'x', 1));
    probe('not null', () => insert.run(3, 'c', null, 1));
    probe('check', () => insert.run(4, 'd', 'x', 0));
    probe('datatype mismatch', () => insert.run('nope', 'e', 'x', 1));
    probe('statement still usable', () => insert.run(5, 'f', 'x', 1));
    probe('error is SqliteError', () => {
      try {
        insert.run(5, 'f', 'x', 1);
        return 'no error';
      } catch (error) {
        return [error instanceof Database.SqliteError, error instanceof Error, (error as Error).name];
      }
    });
  },
});
