// db.transaction(): commit on return, rollback on throw, savepoints when nested, the
// deferred/immediate/exclusive variants, and inTransaction, as better-sqlite3 does them.

import { describeDifferential } from './support/differential.js';

describeDifferential('transactions', {
  'commit, rollback and nesting': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
    const insertMany = db.transaction((values: unknown[]) => {
      for (const v of values) insert.run(v);
      return values.length;
    });
    probe('commit returns value', () => insertMany([1, 2]));
    probe('rows after commit', rows);
    probe('throw rolls back', () =>
      db.transaction(() => {
        insert.run(3);
        throw new Error('boom');
      })(),
    );
    probe('rows after rollback', rows);
    probe('constraint error inside', () => {
      db.exec('CREATE TABLE u(k UNIQUE)');
      return db.transaction(() => {
        db.prepare('INSERT INTO u VALUES (1)').run();
        db.prepare('INSERT INTO u VALUES (1)').run();
      })();
    });
    probe('u after', () => db.prepare('SELECT count(*) FROM u').pluck().get());
    probe('inTransaction after', () => db.inTransaction);
    probe('this and arguments pass through', () => {
      const fn = db.transaction(function (this: unknown, a: number, b: number) {
        return [this, a + b];
      });
      return fn.call({ self: 1 }, 2, 3);
    });
  },

  'nested transactions use savepoints': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
    probe('nested success', () => db.transaction(() => db.transaction(() => insert.run(7).changes)())());
    probe('nested failure only undoes inner', () =>
      db.transaction(() => {
        insert.run(4);
        try {
          db.transaction(() => {
            insert.run(5);
            throw new RangeError('inner');
          })();
        } catch (error) {
          insert.run(`caught ${(error as Error).message}`);
        }
        insert.run(6);
        return db.inTransaction;
      })(),
    );
    probe('rows after nested', rows);
    probe('savepoint inside manual BEGIN', () => {
      db.exec('BEGIN');
      db.transaction(() => insert.run(8))();
      const inside = db.inTransaction;
      db.exec('ROLLBACK');
      return [inside, rows()];
    });
  },

  'variants and properties': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v)');
    const tx = db.transaction(() => db.inTransaction);
    probe('variants are functions', () => [typeof tx.deferred, typeof tx.immediate, typeof tx.exclusive, typeof tx.default]);
    probe('database property', () => (tx as unknown as { database: unknown }).database === db);
    probe('deferred', () => tx.deferred());
    probe('immediate', () => tx.immediate());
    probe('exclusive', () => tx.exclusive());
    probe('variant has variants', () => typeof (tx.immediate as unknown as { deferred: unknown }).deferred);
    probe('non-function', () => db.transaction(5 as unknown as () => void));
    probe('promise result is rejected and rolled back', () => {
      const result = db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        return Promise.resolve(1);
      })();
      return result;
    });
    probe('rows', () => db.prepare('SELECT count(*) FROM t').pluck().get());
  },

  'manual BEGIN/COMMIT and inTransaction': (Database, probe) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(v)');
    probe('before', () => db.inTransaction);
    probe('begin', () => db.prepare('BEGIN').run());
    probe('during', () => db.inTransaction);
    probe('begin twice', () => db.exec('BEGIN'));
    probe('insert', () => db.prepare('INSERT INTO t VALUES (1)').run().changes);
    probe('rollback', () => db.exec('ROLLBACK') && db.inTransaction);
    probe('rows', () => db.prepare('SELECT count(*) FROM t').pluck().get());
    probe('commit without transaction', () => db.exec('COMMIT'));
  },
});
