// The Chinook AUTOINCREMENT corpus database is writable: inserts (auto and explicit ids), upserts,
// RETURNING, updates and deletes on a copy give SQLite's results, sqlite_sequence ends up as
// SQLite's, and the file Tandem wrote passes SQLite's integrity check.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { expectSameResults, registerTandem } from '../../../testkit/src/index.js';
import { corpusDatabases } from '../e2e/support/corpora.js';

registerTandem(Database);

const chinook = corpusDatabases('AUTOINCREMENT corpus writes').find((path) => path.endsWith('chinook_autoincrement.sqlite'));
const dir = mkdtempSync(join(tmpdir(), 'tandem-autoinc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!chinook)('chinook_autoincrement.sqlite', () => {
  it('takes AUTOINCREMENT inserts, upserts and RETURNING exactly as SQLite does', async () => {
    const left = join(dir, 'tandem.sqlite');
    const right = join(dir, 'sqlite.sqlite');
    copyFileSync(chinook!, left);
    copyFileSync(chinook!, right);
    await expectSameResults(
      [
        'SELECT * FROM sqlite_sequence ORDER BY name',
        "INSERT INTO Artist(Name) VALUES ('Tandem Quartet') RETURNING ArtistId, Name",
        "INSERT INTO Artist(Name) VALUES ('Solo')",
        'SELECT changes(), last_insert_rowid()',
        "INSERT INTO Album(Title, ArtistId) SELECT 'Live ' || Name, ArtistId FROM Artist WHERE ArtistId BETWEEN 271 AND 276 RETURNING AlbumId, Title",
        'DELETE FROM Artist WHERE ArtistId = 277',
        "INSERT INTO Artist(Name) VALUES ('After Delete') RETURNING ArtistId",
        "INSERT INTO Artist VALUES (1000, 'Explicit')",
        "INSERT INTO Artist VALUES (1, 'AC/DC (again)') ON CONFLICT (ArtistId) DO UPDATE SET Name = excluded.Name RETURNING *",
        "INSERT INTO Genre(Name) VALUES ('Chiptune'), ('Vaporwave')",
        "UPDATE Genre SET Name = upper(Name) WHERE GenreId > 25 RETURNING GenreId, Name",
        'DELETE FROM Genre WHERE GenreId > 25 RETURNING GenreId',
        "INSERT INTO Genre(Name) VALUES ('Next') RETURNING GenreId",
        'SELECT * FROM sqlite_sequence ORDER BY name',
        'SELECT count(*), max(ArtistId) FROM Artist',
      ],
      { leftPath: left, rightPath: right },
    );
    const check = new Sqlite(left, { readonly: true });
    try {
      expect(check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      expect(check.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'Artist'").pluck().get()).toBe(1000);
    } finally {
      check.close();
    }
  });
});
