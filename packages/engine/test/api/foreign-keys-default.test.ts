// Foreign keys start enforced on both public APIs, as better-sqlite3 builds SQLite
// (SQLITE_DEFAULT_FOREIGN_KEYS=1); the engine itself keeps sqlite3_open's default (off).

import BetterSqlite from 'better-sqlite3';
import { expect, it } from 'vitest';
import Database, { connect } from '../../src/index.js';
import { openConnection } from '../../src/internal.js';

const SCHEMA = 'CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(pid REFERENCES p(id))';

function orphanInsert(db: { exec(sql: string): unknown }): string {
  db.exec(SCHEMA);
  try {
    db.exec('INSERT INTO c VALUES (7)');
    return 'inserted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

it('the sync API enforces foreign keys by default, as better-sqlite3 does', () => {
  const oracle = new BetterSqlite(':memory:');
  const tandem = new Database(':memory:');
  expect(tandem.pragma('foreign_keys', { simple: true })).toBe(oracle.pragma('foreign_keys', { simple: true }));
  expect(orphanInsert(tandem)).toBe(orphanInsert(oracle));
  expect(orphanInsert(new Database(':memory:'))).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  oracle.close();
  tandem.close();
});

it('the async API enforces them by default; { foreignKeys: false } and the engine start with them off', async () => {
  const on = await connect(':memory:');
  const off = await connect(':memory:', { foreignKeys: false });
  expect(await on.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
  expect(await off.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 0 });
  await on.close();
  await off.close();
  const engine = openConnection(':memory:');
  expect(orphanInsert(engine)).toBe('inserted');
  engine.close();
});
