// Opening databases: read-only opens (a WAL is read, nothing is written), create: false,
// reserved bytes (usableSize), and the lazy creation of a new database.

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { copyFiles, tempDir } from './helpers.js';

describe('opening databases', () => {
  it('a read-only open reads the WAL, refuses writes, and changes no file', () => {
    const dir = tempDir('ro');
    const file = path.join(dir, 'r.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('in the wal')");
    const copy = path.join(dir, 'copy.db');
    copyFiles(file, copy);
    db.close();
    const before = [fs.readFileSync(copy), fs.readFileSync(`${copy}-wal`)];
    const pager = Pager.open(nodeVfs(), copy, { readonly: true });
    const read = pager.beginRead();
    expect(read.pageCount()).toBe(2);
    expect(new TextDecoder().decode(read.getPage(2))).toContain('in the wal');
    expect(() => pager.tryBeginWrite(read)).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    read.end();
    pager.close();
    expect(fs.readFileSync(copy).equals(before[0]!)).toBe(true);
    expect(fs.readFileSync(`${copy}-wal`).equals(before[1]!)).toBe(true);
  });

  it('create: false fails on a missing file with SQLITE_CANTOPEN and releases the lock', () => {
    const vfs = memoryVfs();
    expect(() => Pager.open(vfs, 'missing', { create: false })).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
    expect('release' in vfs.acquireProcessLock('missing')).toBe(true);
  });

  it('reports usableSize from the reserved-bytes header field', () => {
    const vfs = memoryVfs();
    let pager = Pager.open(vfs, 'db');
    pager.setPageSize(1024);
    const read = pager.beginRead();
    expect(read.usableSize).toBe(1024);
    const write = pager.tryBeginWrite(read)!;
    write.getWritable(1)[20] = 32;
    write.commit();
    expect(pager.beginRead().usableSize).toBe(992);
    pager.close();
    pager = Pager.open(vfs, 'db');
    expect(pager.usableSize).toBe(992);
    pager.close();
  });

  it('creates the file lazily: nothing is written until the first commit', () => {
    const dir = tempDir('lazy');
    const file = path.join(dir, 'new.db');
    const pager = Pager.open(nodeVfs(), file);
    const read = pager.beginRead();
    expect(read.pageCount()).toBe(0);
    read.end();
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    pager.close();
    expect(fs.statSync(file).size).toBe(0);
  });
});
