// Foreign key corner cases against SQLite: conflict clauses (OR IGNORE still fails, OR REPLACE
// removing a parent), rowid updates of a parent, self-referencing composite keys, constraints
// beside triggers, deep cascades, RETURNING, and prepared statements recompiled when
// PRAGMA foreign_keys changes.

import { describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

describe('foreign key corner cases', () => {
  it('conflict clauses do not bypass foreign keys', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY, k UNIQUE)',
      'CREATE TABLE c(pid REFERENCES p ON DELETE CASCADE, v UNIQUE)',
      "INSERT INTO p VALUES (1, 'a'), (2, 'b')",
      'INSERT INTO c VALUES (1, 10), (2, 20)',
      'INSERT OR IGNORE INTO c VALUES (9, 30)',
      'INSERT OR IGNORE INTO c VALUES (9, 10)',
      'INSERT OR REPLACE INTO c VALUES (2, 10)',
      'SELECT * FROM c ORDER BY v',
      "UPDATE OR REPLACE p SET k = 'a' WHERE id = 2",
      'SELECT * FROM p ORDER BY id',
      'SELECT * FROM c ORDER BY v',
      'UPDATE p SET rowid = 7 WHERE id = 2',
      'SELECT * FROM c ORDER BY v',
      'INSERT INTO c VALUES (7, 40) RETURNING *',
      'INSERT INTO c VALUES (8, 50) RETURNING *',
      'DELETE FROM p RETURNING id',
      'SELECT count(*) FROM c',
    ]);
  });

  it('self-referencing composite keys', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE t(a, b, pa, pb, PRIMARY KEY (a, b), FOREIGN KEY (pa, pb) REFERENCES t(a, b) ON UPDATE CASCADE)',
      'INSERT INTO t VALUES (1, 1, 1, 1)',
      'INSERT INTO t VALUES (1, 2, 1, 1), (1, 3, 1, 2)',
      'INSERT INTO t VALUES (2, 2, 2, 3)',
      'UPDATE t SET b = 5 WHERE a = 1 AND b = 1',
      'SELECT * FROM t ORDER BY a, b',
      'UPDATE t SET b = b + 10',
      'SELECT * FROM t ORDER BY a, b',
      'DELETE FROM t WHERE b = 12',
      'DELETE FROM t WHERE b = 13',
      'DELETE FROM t',
    ]);
  });

  it('cascades beside triggers', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE c(pid REFERENCES p ON DELETE CASCADE ON UPDATE SET NULL, n)',
      'CREATE TABLE log(what, x)',
      "CREATE TRIGGER cd AFTER DELETE ON c BEGIN INSERT INTO log VALUES ('c deleted', old.n); END",
      "CREATE TRIGGER cu AFTER UPDATE ON c BEGIN INSERT INTO log VALUES ('c updated', old.pid || '>' || coalesce(new.pid, 'null')); END",
      "CREATE TRIGGER pd BEFORE DELETE ON p BEGIN INSERT INTO log VALUES ('p deleting', old.id); END",
      'CREATE TRIGGER bad AFTER INSERT ON log WHEN new.x = 99 BEGIN INSERT INTO c VALUES (1000, 0); END',
      'INSERT INTO p VALUES (1), (2), (3)',
      'INSERT INTO c VALUES (1, 1), (1, 2), (2, 3)',
      'DELETE FROM p WHERE id = 1',
      'UPDATE p SET id = 20 WHERE id = 2',
      "INSERT INTO log VALUES ('x', 99)",
      'SELECT * FROM log ORDER BY rowid',
      'SELECT * FROM c ORDER BY rowid',
      'SELECT changes(), total_changes()',
    ]);
  });

  it('cascades through a long chain', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `(${i + 1}, ${i === 0 ? 'NULL' : i})`).join(', ');
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE chain(id INTEGER PRIMARY KEY, prev REFERENCES chain ON DELETE CASCADE)',
      `INSERT INTO chain VALUES ${rows}`,
      'DELETE FROM chain WHERE id = 100',
      'SELECT count(*), max(id) FROM chain',
    ]);
  });

  it('applies the parent key affinity, and treats a view parent as a mismatch', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY, t TEXT UNIQUE)',
      'CREATE VIEW v AS SELECT * FROM p',
      'CREATE TABLE cv(x REFERENCES v(id))',
      'INSERT INTO cv VALUES (1)',
      'PRAGMA foreign_key_check(cv)',
      'CREATE TABLE c(a INTEGER REFERENCES p(id), b TEXT REFERENCES p(t), n INTEGER REFERENCES p)',
      "INSERT INTO p VALUES (1, '1'), (2, 'x')",
      "INSERT INTO c VALUES ('1', 1, NULL)",
      'INSERT INTO c VALUES (NULL, 1.0, NULL)',
      "INSERT INTO c VALUES (NULL, NULL, '2')",
      'INSERT INTO c VALUES (NULL, NULL, 2.0)',
      'SELECT a, typeof(a), b, typeof(b), n, typeof(n) FROM c ORDER BY rowid',
      'CREATE TABLE s(id INTEGER PRIMARY KEY, up REFERENCES s ON UPDATE CASCADE ON DELETE SET NULL)',
      'INSERT INTO s VALUES (1, 1), (2, 1), (3, 2)',
      'UPDATE s SET id = id * 10',
      'SELECT * FROM s ORDER BY id',
      'DELETE FROM s WHERE id = 10',
      'SELECT * FROM s ORDER BY id',
      'INSERT INTO s VALUES (NULL, 999)',
      'INSERT INTO s(up) VALUES (last_insert_rowid() + 1)',
    ]);
  });

  it("reproduces SQLite's counting quirks", async () => {
    await expectSameResults([
      // Orphans made while foreign keys were off are not counted; a statement that resolves more
      // violations than it counted ends below zero, which fails too.
      'PRAGMA foreign_keys = OFF',
      'CREATE TABLE t(id INTEGER PRIMARY KEY, up REFERENCES t)',
      'INSERT INTO t VALUES (1, 5), (2, 5)',
      'PRAGMA foreign_keys = ON',
      'INSERT INTO t VALUES (4, 99), (5, NULL)',
      'INSERT INTO t VALUES (5, NULL), (4, 99)',
      'SELECT * FROM t ORDER BY id',
      // A REPLACE that compiled the SET NULL action of a self-reference skips checking that key.
      'CREATE TABLE s(id INTEGER PRIMARY KEY, up INTEGER REFERENCES s ON DELETE SET NULL)',
      'INSERT OR REPLACE INTO s VALUES (0, 9)',
      'INSERT INTO s VALUES (1, 9)',
      'SELECT * FROM s',
      'PRAGMA foreign_key_check(s)',
      // COMMIT or ROLLBACK with no transaction switches defer_foreign_keys off.
      'PRAGMA defer_foreign_keys = ON',
      'COMMIT',
      'PRAGMA defer_foreign_keys',
    ]);
  });

  it('RETURNING reports a violation before its first row', () => {
    for (const db of [new Database(':memory:'), new Sqlite(':memory:')]) {
      db.exec('PRAGMA foreign_keys = ON; CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(pid REFERENCES p)');
      expect(() => db.prepare('INSERT INTO c VALUES (1), (2) RETURNING pid').get()).toThrow('FOREIGN KEY constraint failed');
      expect(db.prepare('SELECT count(*) AS n FROM c').get()).toEqual({ n: 0 });
      db.close();
    }
  });

  it('a statement reset before its end does not commit deferred violations', () => {
    const counts = [new Database(':memory:'), new Sqlite(':memory:')].map((db) => {
      db.exec('PRAGMA foreign_keys = ON; CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(pid REFERENCES p DEFERRABLE INITIALLY DEFERRED)');
      let outcome: unknown;
      try {
        outcome = db.prepare('INSERT INTO c VALUES (1), (2) RETURNING pid').get();
      } catch (error) {
        outcome = (error as Error).message;
      }
      const count = db.prepare('SELECT count(*) AS n FROM c').get();
      db.close();
      return { outcome, count };
    });
    expect(counts[0]).toEqual(counts[1]);
  });

  it('prepared statements follow PRAGMA foreign_keys changes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF'); // the API starts with them on, as better-sqlite3
    db.exec('CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(pid REFERENCES p)');
    const insert = db.prepare('INSERT INTO c VALUES (?)');
    insert.run(1);
    db.pragma('foreign_keys = ON');
    expect(() => insert.run(2)).toThrow('FOREIGN KEY constraint failed');
    db.pragma('foreign_keys = OFF');
    insert.run(3);
    expect(db.prepare('SELECT count(*) AS n FROM c').get()).toEqual({ n: 2 });
    db.close();
  });
});
