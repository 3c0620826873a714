// Files written through the public API are real SQLite files: better-sqlite3 finds them intact
// (integrity_check) with the same rows, and files better-sqlite3 then changes read back in Tandem.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { tandemEngineAvailable } from '../api/support/differential.js';
import { selectAll } from './support/read-all.js';

const workDir = mkdtempSync(join(tmpdir(), 'tandem-roundtrip-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function writeWorkload(db: BetterSqlite3.Database): void {
  db.exec(`CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, photo BLOB);
    CREATE INDEX people_name ON people(name);
    CREATE TABLE notes(person INTEGER, body TEXT)`);
  const person = db.prepare('INSERT INTO people(name, score, photo) VALUES (?, ?, ?)');
  const note = db.prepare('INSERT INTO notes VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const { lastInsertRowid } = person.run(`person-${i % 97}-${i}`, i * 1.25, i % 5 === 0 ? Buffer.alloc(3000 + i, i % 256) : null);
      note.run(lastInsertRowid, 'x'.repeat(i % 40) + i);
    }
  })();
  db.prepare('DELETE FROM people WHERE id % 7 = 0').run();
  db.prepare("UPDATE notes SET body = body || '!' WHERE person % 3 = 0").run();
}

const everything = (db: BetterSqlite3.Database) => ({
  people: selectAll(db, 'SELECT * FROM people ORDER BY id'),
  notes: selectAll(db, 'SELECT * FROM notes ORDER BY rowid'),
});

describe.skipIf(!tandemEngineAvailable())('files written through the public API', () => {
  it('pass integrity_check in SQLite and read back identically both ways', () => {
    const path = join(workDir, 'written-by-tandem.db');
    const tandem = new Database(path) as unknown as BetterSqlite3.Database;
    writeWorkload(tandem);
    const written = everything(tandem);
    tandem.close();

    const oracle = new BetterSqlite3(path);
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(everything(oracle)).toEqual(written);
    oracle.prepare("INSERT INTO people(name, score) VALUES ('from sqlite', 0.5)").run();
    oracle.prepare('DELETE FROM notes WHERE person < 50').run();
    const changed = everything(oracle);
    oracle.close();

    const reopened = new Database(path) as unknown as BetterSqlite3.Database;
    expect(everything(reopened)).toEqual(changed);
    reopened.close();
  });

  it('reads what better-sqlite3 wrote', () => {
    const path = join(workDir, 'written-by-sqlite.db');
    const oracle = new BetterSqlite3(path);
    writeWorkload(oracle);
    const written = everything(oracle);
    oracle.close();
    const tandem = new Database(path, { readonly: true }) as unknown as BetterSqlite3.Database;
    expect(everything(tandem)).toEqual(written);
    tandem.close();
  });
});
