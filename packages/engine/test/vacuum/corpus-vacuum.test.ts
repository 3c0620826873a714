// VACUUM INTO and VACUUM over the real sample databases of the corpora (Chinook, Northwind with
// overflow BLOBs, 1024-byte pages, Turso's test databases): the copies pass SQLite's
// integrity_check and read back exactly as the originals, through SQLite itself.

import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { corpusDatabases } from '../e2e/support/corpora.js';
import { readEverything } from '../e2e/support/read-all.js';

const databases = corpusDatabases('VACUUM over the corpus databases');
const dir = mkdtempSync(join(tmpdir(), 'tandem-vacuum-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sqliteRead(path: string) {
  const outcome = readEverything(BetterSqlite3, path, { includeViews: true });
  // VACUUM reorders sqlite_schema and renumbers root pages: compare those rows as a set, without rootpage.
  const schema = outcome.tables.sqlite_schema;
  if (Array.isArray(schema)) outcome.tables.sqlite_schema = schema.map((row) => row.filter((_, i) => i !== 3)).sort();
  return outcome;
}

function integrity(path: string): unknown {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

describe.skipIf(databases.length === 0)('VACUUM over the corpus databases', () => {
  it.each(databases.map((path) => [basename(path), path]))('%s: VACUUM INTO and VACUUM', (name, path) => {
    const original = join(dir, `original-${name}`);
    copyFileSync(path, original);
    const expected = sqliteRead(original);

    const copy = join(dir, `into-${name}`);
    const db = new Database(original, { readonly: true });
    try {
      db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
    } finally {
      db.close();
    }
    expect(integrity(copy)).toBe('ok');
    expect(sqliteRead(copy)).toEqual(expected);

    const inPlace = join(dir, `in-place-${name}`);
    copyFileSync(path, inPlace);
    const writer = new Database(inPlace);
    try {
      writer.exec('VACUUM');
      expect(writer.pragma('freelist_count', { simple: true })).toBe(0);
    } finally {
      writer.close();
    }
    expect(integrity(inPlace)).toBe('ok');
    expect(sqliteRead(inPlace)).toEqual(expected);
  });
});
