// ROLLBACK TO puts pages back under cursors that statements still hold (kept for reuse after a
// run, or mid-iteration): those cursors must re-seek, never read the changed pages. Compared with
// better-sqlite3 running the same calls.

import BetterSqlite from 'better-sqlite3';
import { expect, it } from 'vitest';
import Database from '../../src/index.js';

type Db = { prepare(sql: string): { run(...a: unknown[]): unknown; all(): unknown[]; iterate(): IterableIterator<unknown> }; close(): void };

function script(db: Db): unknown[] {
  const seen: unknown[] = [];
  const run = (sql: string) => {
    try {
      db.prepare(sql).run();
    } catch (error) {
      seen.push((error as { code: string }).code);
    }
  };
  // The smallest case: the INSERT of 'b' keeps its index cursor on the one leaf page.
  run('CREATE TABLE small(e TEXT UNIQUE)');
  for (const sql of ['BEGIN', "INSERT INTO small VALUES ('a')", 'SAVEPOINT s', "INSERT INTO small VALUES ('b')", 'ROLLBACK TO s', "INSERT INTO small VALUES ('c')", 'COMMIT']) run(sql);
  seen.push(db.prepare('SELECT e FROM small ORDER BY e').all());
  run('CREATE TABLE u(id INTEGER PRIMARY KEY, e TEXT UNIQUE, pad TEXT)');
  run('BEGIN');
  for (let i = 0; i < 300; i++) run(`INSERT INTO u(e, pad) VALUES ('k${i}', '${'x'.repeat(i % 50)}')`);
  run('SAVEPOINT s');
  // A reader stops half-way through the table and stays open across the rollback.
  const reader = db.prepare('SELECT id, e FROM u ORDER BY e').iterate();
  for (let i = 0; i < 100; i++) reader.next();
  for (let i = 300; i < 600; i++) run(`INSERT INTO u(e, pad) VALUES ('k${i}', '${'y'.repeat(i % 70)}')`);
  run("DELETE FROM u WHERE e LIKE 'k1%'");
  run('ROLLBACK TO s');
  seen.push(reader.next().value);
  reader.return?.();
  run("INSERT INTO u(e) VALUES ('after')");
  run("INSERT INTO u(e) VALUES ('k5')"); // a UNIQUE violation: a statement-level rollback
  run("INSERT INTO u(e) VALUES ('after2')");
  run('COMMIT');
  seen.push(db.prepare('SELECT count(*) AS n, max(e) AS top FROM u').all());
  seen.push(db.prepare('PRAGMA integrity_check').all());
  return seen;
}

it('cursors kept by unfinalized statements and open iterators survive ROLLBACK TO', () => {
  const tandem = new Database(':memory:') as unknown as Db;
  const oracle = new BetterSqlite(':memory:') as unknown as Db;
  try {
    const expected = script(oracle);
    expect(script(tandem)).toEqual(expected);
    expect(expected.at(-1)).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    tandem.close();
    oracle.close();
  }
});
