// iterate() is lazy and locks its statement and the connection's writers until it ends; close() and
// open/readonly/memory/name behave like better-sqlite3; unsupported features fail clearly.

import { join } from 'node:path';
import { inspect } from 'node:util';
import { describeDifferential } from './support/differential.js';

describeDifferential('iterate and the busy rule', {
  'lazy iteration and early return': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v); INSERT INTO t VALUES (1), (2), (3)');
    const stmt = db.prepare('SELECT v FROM t ORDER BY v');
    const it = stmt.iterate();
    probe('first', () => it.next());
    probe('statement busy', () => stmt.busy);
    probe('same statement reused', () => stmt.get());
    probe('other reader allowed', () => db.prepare('SELECT count(*) AS n FROM t').get());
    probe('writer blocked', () => db.prepare('INSERT INTO t VALUES (4)').run());
    probe('exec blocked', () => db.exec('SELECT 1'));
    probe('pragma blocked', () => db.pragma('user_version'));
    probe('function blocked', () => db.function('f', () => 1));
    probe('close blocked', () => db.close());
    probe('return', () => it.return!());
    probe('after return', () => [it.next(), stmt.busy]);
    probe('writer allowed again', () => db.prepare('INSERT INTO t VALUES (4)').run());
    probe('for-of with break releases', () => {
      for (const row of stmt.iterate()) if ((row as { v: number }).v === 2) break;
      return [stmt.busy, db.prepare('INSERT INTO t VALUES (5)').run().changes];
    });
    probe('exhaustion releases', () => [[...stmt.iterate()], stmt.busy]);
    probe('iterator is iterable', () => {
      const iter = stmt.iterate();
      const same = iter[Symbol.iterator]() === iter;
      iter.return!();
      return same;
    });
    probe('bound iterate', () => [...db.prepare('SELECT v FROM t WHERE v > ?').pluck().iterate(3)]);
  },

  'unsafe mode allows writes during iteration': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v); INSERT INTO t VALUES (1), (2)');
    db.unsafeMode();
    const it = db.prepare('SELECT v FROM t').iterate();
    probe('first', () => it.next());
    probe('write allowed', () => db.prepare('UPDATE t SET v = v + 10 WHERE v = 2').run());
    probe('close still blocked', () => db.close());
    probe('drain', () => [it.next().done, it.next().done]);
    probe('unsafeMode(false)', () => db.unsafeMode(false) === db);
    probe('unsafeMode(bad)', () => db.unsafeMode('x' as unknown as boolean));
  },
});

describeDifferential('database lifecycle', {
  'properties and close': (Database, probe, dir) => {
    const file = join(dir, 'a.db');
    const db = new Database(file);
    probe('props', () => [db.name === file, db.open, db.memory, db.readonly, db.inTransaction]);
    probe('inspect', () => inspect(db).replace(file, '<file>'));
    db.exec('CREATE TABLE t(v); INSERT INTO t VALUES (1)');
    const stmt = db.prepare('SELECT v FROM t');
    probe('inspect statement', () => inspect(stmt).replace(file, '<file>'));
    probe('close returns db', () => db.close() === db);
    probe('closed props', () => [db.open, db.inTransaction]);
    probe('close twice', () => db.close() === db);
    probe('prepare after close', () => db.prepare('SELECT 1'));
    probe('exec after close', () => db.exec('SELECT 1'));
    probe('statement after close', () => stmt.get());
    probe('columns after close', () => stmt.columns());
    const reopened = new Database(file, { readonly: true, fileMustExist: true });
    probe('readonly reopen reads', () => [reopened.readonly, reopened.prepare('SELECT v FROM t').pluck().all()]);
    probe('readonly write fails', () => reopened.exec('INSERT INTO t VALUES (2)'));
    probe('readonly statement flag', () => reopened.prepare('INSERT INTO t VALUES (2)').readonly);
    reopened.close();
    const mem = new Database();
    probe('default is anonymous', () => [mem.name, mem.memory]);
    probe('called without new', () => (Database as unknown as (f: string) => { memory: boolean })(':memory:').memory);
    probe('instanceof', () => [mem instanceof Database, (Database as unknown as (f: string) => object)(':memory:') instanceof Database]);
    probe('SqliteError is an Error', () => [typeof Database.SqliteError, new Database.SqliteError('m', 'SQLITE_ERROR') instanceof Error]);
  },

  'constructor validation': (Database, probe, dir) => {
    probe('missing directory', () => new Database(join(dir, 'no-such-dir', 'x.db')));
    probe('missing file with fileMustExist', () => new Database(join(dir, 'missing.db'), { fileMustExist: true }));
    probe('readonly memory', () => new Database(':memory:', { readonly: true }));
    probe('readOnly misspelled', () => new Database(':memory:', { readOnly: true } as never));
    probe('memory option', () => new Database(':memory:', { memory: true } as never));
    probe('bad timeout', () => new Database(':memory:', { timeout: -1 }));
    probe('huge timeout', () => new Database(':memory:', { timeout: 2 ** 31 }));
    probe('bad verbose', () => new Database(':memory:', { verbose: 5 } as never));
    probe('bad readonly type', () => new Database(':memory:', { readonly: 1 } as never));
    probe('bad filename', () => new Database(5 as never));
    probe('bad options', () => new Database(':memory:', 5 as never));
  },

  'verbose logs each statement': (Database, probe) => {
    const log: unknown[] = [];
    const db = new Database(':memory:', { verbose: (sql) => log.push(sql) });
    db.exec('CREATE TABLE t(v); INSERT INTO t VALUES (1)');
    db.prepare('SELECT v FROM t').all();
    [...db.prepare('SELECT v FROM t').iterate()];
    for (const value of [1.5, 0.1, 1 / 3, 1e15, 123456789012345678, 1e-5, -2.5e-7, 100, -0, 2 ** 53, 7n, 'it\'s', null, Buffer.from([1, 255])]) {
      db.prepare('SELECT ? AS v').get(value);
    }
    probe('mixed parameters', () => db.prepare('SELECT ?3 AS a, ? AS b, :x AS c, @y AS d, :x AS e, ?2 AS f').get(1, 9, { 3: 5n, x: 'text', y: Buffer.from([0]), 2: 2.5 }));
    probe('bound once', () => db.prepare('SELECT :x AS c, ? AS b').bind('q', { x: null }).get());
    probe('log', () => log);
  },
});
