// Deferred constraints and the transaction rules against SQLite: DEFERRABLE INITIALLY DEFERRED
// violations wait for COMMIT (which fails and keeps the transaction open), autocommit statements
// commit at their end, PRAGMA defer_foreign_keys defers immediate constraints until COMMIT and
// switches itself off there, PRAGMA foreign_keys is a no-op inside a transaction, and statement
// and savepoint rollbacks restore the deferred counts.

import { describe, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const SCHEMA = [
  'PRAGMA foreign_keys = ON',
  'CREATE TABLE p(id INTEGER PRIMARY KEY)',
  'CREATE TABLE d(pid REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)',
  'CREATE TABLE i(pid REFERENCES p(id))',
];

describe('deferred foreign keys', () => {
  it('wait for COMMIT, which fails and leaves the transaction open', async () => {
    await expectSameResults([
      ...SCHEMA,
      'INSERT INTO d VALUES (1)',
      'BEGIN',
      'INSERT INTO d VALUES (1)',
      'SELECT count(*) FROM d',
      'COMMIT',
      'SELECT count(*) FROM d',
      'INSERT INTO p VALUES (1)',
      'COMMIT',
      'SELECT * FROM d',
      'BEGIN',
      'DELETE FROM p',
      'COMMIT',
      'ROLLBACK',
      'SELECT * FROM p',
      'BEGIN',
      'DELETE FROM p',
      'INSERT INTO p VALUES (1)',
      'COMMIT',
      'BEGIN',
      'INSERT INTO d VALUES (2)',
      'DELETE FROM d WHERE pid = 2',
      'COMMIT',
      'SELECT * FROM d',
    ]);
  });

  it('are restored by statement and savepoint rollbacks', async () => {
    await expectSameResults([
      ...SCHEMA,
      'CREATE TABLE u(x UNIQUE)',
      'INSERT INTO u VALUES (1)',
      'BEGIN',
      'INSERT INTO d VALUES (5)',
      'SAVEPOINT s1',
      'INSERT INTO d VALUES (6)',
      'ROLLBACK TO s1',
      'INSERT INTO p VALUES (5)',
      'COMMIT',
      'SELECT * FROM d ORDER BY pid',
      'BEGIN',
      'INSERT INTO u VALUES (2)',
      'COMMIT',
      'BEGIN',
      'SAVEPOINT a',
      'INSERT INTO d VALUES (7)',
      'RELEASE a',
      'COMMIT',
      'ROLLBACK',
      'SELECT * FROM d ORDER BY pid',
    ]);
  });

  it('defer_foreign_keys defers immediate constraints and resets at COMMIT', async () => {
    await expectSameResults([
      ...SCHEMA,
      'PRAGMA defer_foreign_keys',
      'BEGIN',
      'PRAGMA defer_foreign_keys = ON',
      'PRAGMA defer_foreign_keys',
      'INSERT INTO i VALUES (9)',
      'COMMIT',
      'INSERT INTO p VALUES (9)',
      'COMMIT',
      'PRAGMA defer_foreign_keys',
      'BEGIN',
      'PRAGMA defer_foreign_keys = 1',
      'INSERT INTO i VALUES (10)',
      'PRAGMA defer_foreign_keys = 0',
      'COMMIT',
      'SELECT * FROM i ORDER BY pid',
      'BEGIN',
      'PRAGMA defer_foreign_keys = ON',
      'INSERT INTO i VALUES (11)',
      'PRAGMA defer_foreign_keys = OFF',
      'PRAGMA defer_foreign_keys = ON',
      'INSERT INTO p VALUES (12)',
      'COMMIT',
      'PRAGMA foreign_key_check',
      'PRAGMA foreign_key_check(i)',
    ]);
  });

  it('PRAGMA foreign_keys does nothing inside a transaction', async () => {
    await expectSameResults([
      ...SCHEMA,
      'BEGIN',
      'PRAGMA foreign_keys = OFF',
      'PRAGMA foreign_keys',
      'INSERT INTO i VALUES (3)',
      'COMMIT',
      'PRAGMA foreign_keys = OFF',
      'BEGIN',
      'PRAGMA foreign_keys = ON',
      'PRAGMA foreign_keys',
      'INSERT INTO i VALUES (3)',
      'COMMIT',
      'SELECT * FROM i',
    ]);
  });

  it('RESTRICT is immediate even on a deferred constraint, but waits under defer_foreign_keys', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE r(pid REFERENCES p ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED)',
      'INSERT INTO p VALUES (1)',
      'INSERT INTO r VALUES (1)',
      'BEGIN',
      'DELETE FROM p',
      'PRAGMA defer_foreign_keys = ON',
      'DELETE FROM p',
      'INSERT INTO p VALUES (1)',
      'COMMIT',
      'SELECT * FROM p',
    ]);
  });

  it('DROP TABLE deletes implicitly and fails on the violations it leaves', async () => {
    await expectSameResults([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE i(pid REFERENCES p)',
      'CREATE TABLE d(pid REFERENCES p DEFERRABLE INITIALLY DEFERRED)',
      'INSERT INTO p VALUES (1), (2)',
      'INSERT INTO i VALUES (1)',
      'INSERT INTO d VALUES (2)',
      'DROP TABLE p',
      'DELETE FROM i',
      'DROP TABLE p',
      'BEGIN',
      'DROP TABLE p',
      'SELECT name FROM sqlite_master ORDER BY name',
      'COMMIT',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'INSERT INTO p VALUES (2)',
      'COMMIT',
      'SELECT name FROM sqlite_master ORDER BY name',
      'BEGIN',
      'INSERT INTO d VALUES (3)',
      'DROP TABLE d',
      'COMMIT',
      'SELECT name FROM sqlite_master ORDER BY name',
    ]);
  });
});
