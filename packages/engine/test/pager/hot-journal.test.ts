// Hot rollback journals left by SQLite: a transaction whose pages were spilled to the database
// file before commit (tiny cache) is caught mid-way by copying db + -journal; the Pager must roll
// the copy back to exactly what SQLite reads after rolling back the original. Also: a
// rollback-mode database is readable as is and its first write switches it to WAL.

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultVfs } from '../../src/os/fault-vfs.js';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { copyFiles, tempDir } from './helpers.js';

function pagerImage(file: string): { pageSize: number; pages: Uint8Array[] } {
  const pager = Pager.open(nodeVfs(), file);
  const read = pager.beginRead();
  const pages = Array.from({ length: read.pageCount() }, (_, i) => read.getPage(i + 1).slice());
  read.end();
  const pageSize = pager.pageSize;
  pager.close();
  return { pageSize, pages };
}

function fileImage(file: string, pageSize: number): Uint8Array[] {
  const bytes = new Uint8Array(fs.readFileSync(file));
  return Array.from({ length: bytes.length / pageSize }, (_, i) => bytes.subarray(i * pageSize, (i + 1) * pageSize));
}

describe('hot journal rollback', () => {
  for (const [journalMode, synchronous] of [['DELETE', 'FULL'], ['PERSIST', 'FULL'], ['DELETE', 'OFF'], ['TRUNCATE', 'NORMAL']] as const) {
    it(`rolls back a hot journal from SQLite (journal_mode=${journalMode}, synchronous=${synchronous})`, () => {
      const dir = tempDir('hot');
      const file = path.join(dir, 'orig.db');
      const db = new Database(file);
      db.pragma('page_size = 1024');
      db.pragma(`journal_mode = ${journalMode}`);
      db.pragma(`synchronous = ${synchronous}`);
      db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX tv ON t(v)');
      const insert = db.prepare('INSERT INTO t(v) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 400; i++) insert.run(`value ${i} ${'x'.repeat(i % 40)}`);
      })();
      const before = fs.readFileSync(file);
      // The big transaction: a one-page cache forces dirty pages to spill into the db file.
      db.pragma('cache_size = 1');
      db.exec('BEGIN');
      db.exec("UPDATE t SET v = v || ' updated ' || id");
      for (let i = 0; i < 300; i++) insert.run(`new ${i} ${'y'.repeat(60)}`);
      db.exec('DELETE FROM t WHERE id % 5 = 0');
      const copy = path.join(dir, 'copy.db');
      copyFiles(file, copy, ['', '-journal']);
      db.exec('ROLLBACK');
      db.close();
      expect(fs.existsSync(`${copy}-journal`)).toBe(true);
      // The copy really is mid-transaction: its db file differs from the committed state.
      expect(Buffer.compare(fs.readFileSync(copy), before)).not.toBe(0);

      const { pageSize, pages } = pagerImage(copy);
      expect(fs.existsSync(`${copy}-journal`)).toBe(false);
      const expected = fileImage(file, 1024);
      expect(pageSize).toBe(1024);
      expect(pages.length).toBe(expected.length);
      pages.forEach((page, i) => expect(Buffer.compare(page, expected[i]!), `page ${i + 1}`).toBe(0));

      const check = new Database(copy);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 400 });
      check.close();
    });
  }

  it('a power cut during the rollback itself is recovered by rolling back again on the next open', () => {
    const dir = tempDir('hot-crash');
    const file = path.join(dir, 'orig.db');
    const db = new Database(file);
    db.pragma('page_size = 1024');
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t(v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(`value ${i} ${'x'.repeat(50)}`);
    })();
    db.pragma('cache_size = 1');
    db.exec('BEGIN');
    db.exec("UPDATE t SET v = v || ' changed'");
    const initial = new Map([
      ['db', new Uint8Array(fs.readFileSync(file))],
      ['db-journal', new Uint8Array(fs.readFileSync(`${file}-journal`))],
    ]);
    db.exec('ROLLBACK');
    db.close();
    const expected = fileImage(file, 1024);
    let cuts = 0;
    for (let seed = 1; seed <= 60; seed++) {
      let vfs = new FaultVfs(seed, initial);
      vfs.powerCutAtOp(1 + (seed % 30), { keepUnsyncedProbability: (seed % 3) / 2 });
      try {
        Pager.open(vfs, 'db').close({ checkpoint: false });
      } catch (error) {
        if (!vfs.isDead) throw error;
        cuts++;
      }
      vfs = vfs.restart();
      const pager = Pager.open(vfs, 'db');
      const read = pager.beginRead();
      expect(read.pageCount()).toBe(expected.length);
      for (let p = 1; p <= expected.length; p++) expect(Buffer.compare(read.getPage(p), expected[p - 1]!), `seed ${seed} page ${p}`).toBe(0);
      read.end();
      pager.close();
    }
    expect(cuts).toBeGreaterThan(20);
  });

  it('removes a stale (zeroed) journal without touching the database', () => {
    const dir = tempDir('stale-journal');
    const file = path.join(dir, 's.db');
    const db = new Database(file);
    db.pragma('journal_mode = PERSIST');
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    db.close();
    expect(fs.existsSync(`${file}-journal`)).toBe(true);
    const before = fs.readFileSync(file);
    pagerImage(file);
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });

  it('reads a rollback-mode database as is and switches it to WAL at the first write', () => {
    const dir = tempDir('legacy');
    const file = path.join(dir, 'l.db');
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('kept')");
    db.close();
    const original = new Uint8Array(fs.readFileSync(file));
    expect(original[18]).toBe(1);
    const pager = Pager.open(nodeVfs(), file);
    const read = pager.beginRead();
    for (let p = 1; p <= read.pageCount(); p++) {
      expect(Buffer.compare(read.getPage(p), original.subarray((p - 1) * 4096, p * 4096))).toBe(0);
    }
    const write = pager.tryBeginWrite(read)!;
    write.getWritable(1);
    write.commit();
    read.end();
    pager.close();
    const after = new Uint8Array(fs.readFileSync(file));
    expect([after[18], after[19]]).toEqual([2, 2]);
    const check = new Database(file);
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT x FROM t').pluck().all()).toEqual(['kept']);
    check.close();
  });
});
