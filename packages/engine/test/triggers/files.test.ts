// A database file written by SQLite with triggers (on tables and views) opens in Tandem, its
// writes fire those triggers exactly as SQLite's do on a copy of the same file, and a trigger
// Tandem creates is stored so that SQLite runs it and the file stays clean.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';

registerTandem(Database);

const dir = mkdtempSync(join(tmpdir(), 'tandem-triggers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('triggers in database files', () => {
  it('a file SQLite wrote with triggers loads, and writes fire them as SQLite does', async () => {
    const original = join(dir, 'original.sqlite');
    const sqlite = new Sqlite(original);
    sqlite.exec(`
      CREATE TABLE account(id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE audit(at INTEGER PRIMARY KEY, what TEXT, account INTEGER, amount INTEGER);
      CREATE TRIGGER account_insert AFTER INSERT ON account
        BEGIN INSERT INTO audit(what, account, amount) VALUES ('open', new.id, new.balance); END;
      CREATE TRIGGER account_guard BEFORE UPDATE OF balance ON account WHEN new.balance < 0
        BEGIN SELECT RAISE(ABORT, 'overdrawn: ' || old.owner); END;
      CREATE TRIGGER account_update AFTER UPDATE OF balance ON account
        BEGIN INSERT INTO audit(what, account, amount) VALUES ('move', new.id, new.balance - old.balance); END;
      CREATE TRIGGER account_delete BEFORE DELETE ON account
        BEGIN DELETE FROM audit WHERE account = old.id; END;
      CREATE VIEW summary AS SELECT owner, balance FROM account;
      CREATE TRIGGER summary_insert INSTEAD OF INSERT ON summary
        BEGIN INSERT INTO account(owner, balance) VALUES (new.owner, new.balance); END;
      INSERT INTO account(owner, balance) VALUES ('ada', 100), ('bob', 50);
    `);
    sqlite.close();
    const left = join(dir, 'tandem.sqlite');
    const right = join(dir, 'sqlite.sqlite');
    copyFileSync(original, left);
    copyFileSync(original, right);
    await expectSameResults(
      [
        'SELECT * FROM audit ORDER BY at',
        "INSERT INTO account(owner, balance) VALUES ('cy', 10)",
        'UPDATE account SET balance = balance - 30 WHERE owner = ?',
        'UPDATE account SET balance = balance - 500',
        "UPDATE account SET owner = upper(owner) WHERE id = 1",
        "INSERT INTO summary VALUES ('dee', 7)",
        'DELETE FROM account WHERE id = 2',
        'SELECT changes(), total_changes(), last_insert_rowid()',
        'SELECT * FROM account ORDER BY id',
        'SELECT * FROM audit ORDER BY at',
        "CREATE TRIGGER made_by_tandem AFTER DELETE ON account BEGIN INSERT INTO audit(what, account) VALUES ('closed', old.id); END",
        'DELETE FROM account WHERE id = 3',
        'SELECT * FROM audit ORDER BY at',
      ],
      { leftPath: left, rightPath: right, params: { 2: ['ada'] } },
    );
    // The file Tandem wrote: SQLite reads the new trigger, runs it, and finds the file intact.
    const check = new Sqlite(left);
    expect(check.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    check.exec('DELETE FROM account WHERE id = 1');
    expect(check.prepare("SELECT count(*) FROM audit WHERE what = 'closed'").pluck().get()).toBe(2);
    check.close();
  });
});
