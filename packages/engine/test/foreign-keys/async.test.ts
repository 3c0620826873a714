// Foreign key enforcement through the async API, whose statements run in time slices: a cascade
// that yields inside its action sub-programs resumes where it stopped, and a deferred violation
// fails COMMIT of transaction() and rolls the transaction back.

import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';

const SCHEMA = `PRAGMA foreign_keys = ON;
  CREATE TABLE p(id INTEGER PRIMARY KEY);
  CREATE TABLE c(id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p ON DELETE CASCADE, n INTEGER);
  CREATE INDEX c_pid ON c(pid);
  CREATE TABLE g(cid INTEGER REFERENCES c ON DELETE SET NULL);
  CREATE TABLE d(pid INTEGER REFERENCES p DEFERRABLE INITIALLY DEFERRED)`;

describe('foreign keys through the async API', () => {
  it('cascades across many time slices and agrees with SQLite', async () => {
    const db = await connect(':memory:', { timeSlice: 0 });
    const oracle = new BetterSqlite3(':memory:');
    try {
      await db.exec(SCHEMA);
      oracle.exec(SCHEMA);
      const fill = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n';
      for (const sql of [`INSERT INTO p ${fill}`, `INSERT INTO c(pid, n) SELECT i % 50 + 1, i FROM (${fill})`, 'INSERT INTO g SELECT id FROM c WHERE n % 3 = 0']) {
        await db.exec(sql);
        oracle.exec(sql);
      }
      const del = 'DELETE FROM p WHERE id <= 25';
      expect(await db.prepare(del).run()).toEqual(oracle.prepare(del).run());
      for (const sql of ['SELECT count(*) AS n FROM c', 'SELECT count(*) AS n, count(cid) AS k FROM g']) {
        expect(await db.prepare(sql).get()).toEqual(oracle.prepare(sql).get());
      }
      await expect(db.transaction(async (tx) => {
        await tx.exec('INSERT INTO d VALUES (999)');
      })).rejects.toThrow('FOREIGN KEY constraint failed');
      expect(await db.prepare('SELECT count(*) AS n FROM d').get()).toEqual({ n: 0 });
      expect(db.inTransaction).toBe(false);
    } finally {
      await db.close();
      oracle.close();
    }
  });
});
