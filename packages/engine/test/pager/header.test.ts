// The database header: fields of a real SQLite file read exactly, the new-database header
// accepted by SQLite, and garbage rejected with SQLITE_NOTADB.

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_SIZE, parseHeader, stampHeaderForCommit, writeNewHeader } from '../../src/pager/header.js';
import { tempDir, writeTableLeaf } from './helpers.js';

describe('database header', () => {
  it('reads every field of a header written by SQLite', () => {
    const file = path.join(tempDir('hdr'), 'a.db');
    const db = new Database(file);
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = DELETE');
    db.pragma('user_version = 77');
    db.pragma('application_id = 1234567');
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    const pageCount = db.pragma('page_count', { simple: true });
    const schemaVersion = db.pragma('schema_version', { simple: true });
    db.close();
    const header = parseHeader(fs.readFileSync(file).subarray(0, HEADER_SIZE));
    expect(header).toMatchObject({
      pageSize: 8192,
      writeVersion: 1,
      readVersion: 1,
      reservedBytes: 0,
      pageCount,
      schemaCookie: schemaVersion,
      schemaFormat: 4,
      textEncoding: 1,
      userVersion: 77,
      applicationId: 1234567,
      sqliteVersion: 3053002,
    });
    expect(header.versionValidFor).toBe(header.changeCounter);
  });

  it('encodes 65536 as 1 and writes a header SQLite opens as a WAL database', () => {
    for (const pageSize of [512, 4096, 65536]) {
      const page = new Uint8Array(pageSize);
      writeNewHeader(page, pageSize);
      writeTableLeaf(page, 100, []);
      stampHeaderForCommit(page, 1);
      expect(parseHeader(page)).toMatchObject({ pageSize, writeVersion: 2, readVersion: 2, pageCount: 1, changeCounter: 1 });
      const file = path.join(tempDir('newhdr'), 'n.db');
      fs.writeFileSync(file, page);
      const db = new Database(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('page_size', { simple: true })).toBe(pageSize);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('encoding', { simple: true })).toBe('UTF-8');
      db.close();
    }
  });

  it('treats the in-header page count as valid only when version-valid-for matches', () => {
    const page = new Uint8Array(4096);
    writeNewHeader(page, 4096);
    stampHeaderForCommit(page, 9);
    expect(parseHeader(page).pageCount).toBe(9);
    page[27] ^= 1; // change counter no longer equals version-valid-for
    expect(parseHeader(page).pageCount).toBeNull();
  });

  it('rejects garbage with SQLITE_NOTADB and UTF-16 databases with a clear error', () => {
    const garbage = new TextEncoder().encode('this is definitely not an sqlite database file, not at all'.repeat(2));
    expect(() => parseHeader(garbage)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB', message: 'file is not a database' }));
    const page = new Uint8Array(4096);
    writeNewHeader(page, 4096);
    page[16] = 0x03; // page size 0x0300: not a power of two
    expect(() => parseHeader(page)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    writeNewHeader(page, 4096);
    page[59] = 2; // UTF-16le
    expect(() => parseHeader(page)).toThrow(/UTF-16/);
  });
});
