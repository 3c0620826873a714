// Checkpoints and the WAL's life cycle: the PRAGMA wal_checkpoint modes and their
// {busy, log, checkpointed} results, auto-checkpoint keeping the WAL bounded, close() leaving a
// plain database file, and recovery of a WAL left behind.

import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { nodeVfs } from '../../src/os/node-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import { schemaRow, tempDir, writeTableLeaf } from './helpers.js';

/** Commits one transaction writing byte 300 of pages 2..pages (growing as needed). */
function commitValue(pager: Pager, value: number, pages: number): void {
  const read = pager.beginRead();
  const write = pager.tryBeginWrite(read)!;
  while (write.pageCount() < pages) write.appendPage();
  for (let p = 2; p <= pages; p++) write.getWritable(p)[300] = value;
  write.commit();
  read.end();
}

function valueOf(pager: Pager, pgno: number): number {
  const read = pager.beginRead();
  const value = read.getPage(pgno)[300]!;
  read.end();
  return value;
}

describe('checkpoint', () => {
  it('reports {busy, log, checkpointed} per mode like PRAGMA wal_checkpoint', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    pager.setPageSize(512);
    pager.autoCheckpoint = 0;
    expect(pager.checkpoint('passive')).toEqual({ busy: false, log: 0, checkpointed: 0 });
    commitValue(pager, 1, 3); // 3 frames (pages 1..3)
    commitValue(pager, 2, 3); // 2 more (pages 2 and 3: page 1's header is current, as in SQLite)
    expect(pager.checkpoint('passive')).toEqual({ busy: false, log: 5, checkpointed: 5 });
    expect(pager.checkpoint('restart')).toEqual({ busy: false, log: 5, checkpointed: 5 });
    commitValue(pager, 3, 3); // the WAL restarted: frames 1..2 again
    expect(pager.walFrames).toEqual({ log: 2, backfilled: 0 });
    const reader = pager.beginRead();
    commitValue(pager, 4, 3);
    // A reader on frame 2 stops FULL at frame 2 and makes it busy; PASSIVE is never busy.
    expect(pager.checkpoint('passive')).toEqual({ busy: false, log: 4, checkpointed: 2 });
    expect(pager.checkpoint('full')).toEqual({ busy: true, log: 4, checkpointed: 2 });
    expect(pager.checkpoint('truncate')).toEqual({ busy: true, log: 4, checkpointed: 2 });
    reader.end();
    // A writer holding the lock makes FULL busy (after backfilling what it can).
    const r = pager.beginRead();
    const w = pager.tryBeginWrite(r)!;
    expect(pager.checkpoint('full')).toEqual({ busy: true, log: 4, checkpointed: 4 });
    w.rollback();
    r.end();
    expect(pager.checkpoint('truncate')).toEqual({ busy: false, log: 0, checkpointed: 0 });
    expect(vfs.files.get('db-wal')!.length).toBe(0);
    expect(valueOf(pager, 2)).toBe(4);
    pager.close();
  });

  it('matches SQLite: TRUNCATE empties the -wal file and RESTART reports log = checkpointed', () => {
    const dir = tempDir('ckpt');
    const sqlite = new Database(path.join(dir, 's.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    const [restart] = sqlite.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number; log: number; checkpointed: number }>;
    const [truncate] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    const sqliteWalSize = fs.statSync(path.join(dir, 's.db-wal')).size;
    sqlite.close();

    const pager = Pager.open(nodeVfs(), path.join(dir, 't.db'));
    commitValue(pager, 1, 2);
    const ours = pager.checkpoint('restart');
    expect({ busy: ours.busy ? 1 : 0, sameCount: ours.log === ours.checkpointed }).toEqual({ busy: restart!.busy, sameCount: restart!.log === restart!.checkpointed });
    const oursTruncate = pager.checkpoint('truncate');
    expect({ busy: oursTruncate.busy ? 1 : 0, log: oursTruncate.log, checkpointed: oursTruncate.checkpointed }).toEqual(truncate);
    expect(fs.statSync(path.join(dir, 't.db-wal')).size).toBe(sqliteWalSize);
    pager.close();
  });

  it('auto-checkpoints after a commit once the WAL reaches the threshold, keeping it bounded', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    pager.setPageSize(512);
    pager.autoCheckpoint = 10;
    let maxWal = 0;
    for (let i = 1; i <= 200; i++) {
      commitValue(pager, i & 0xff, 3);
      const { log, backfilled } = pager.walFrames;
      if (log >= 10) expect(backfilled).toBe(log);
      maxWal = Math.max(maxWal, vfs.files.get('db-wal')!.length);
    }
    expect(maxWal).toBeLessThanOrEqual(32 + 12 * (512 + 24));
    expect(valueOf(pager, 3)).toBe(200);
    pager.close();
  });

  it('close() checkpoints and deletes the WAL; SQLite then opens a plain file', () => {
    const dir = tempDir('close');
    const file = path.join(dir, 'c.db');
    fs.writeFileSync(`${file}-shm`, 'stale');
    const pager = Pager.open(nodeVfs(), file);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    writeTableLeaf(write.getWritable(1), 100, [[1, schemaRow('x', 2)]]);
    writeTableLeaf(write.getWritable(write.appendPage()), 0, []);
    write.commit();
    read.end();
    pager.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-lock`)).toBe(false);
    expect(fs.statSync(file).size).toBe(2 * 4096);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT name FROM sqlite_schema").pluck().all()).toEqual(['x']);
    db.close();
  });

  it('a WAL left behind (close without checkpoint) is recovered on the next open', () => {
    const vfs = memoryVfs();
    let pager = Pager.open(vfs, 'db');
    pager.autoCheckpoint = 0;
    for (let i = 1; i <= 5; i++) commitValue(pager, i, 4);
    pager.close({ checkpoint: false });
    expect(vfs.exists('db-wal')).toBe(true);
    pager = Pager.open(vfs, 'db');
    // 4 frames for the first commit (pages 1..4), then 3 each (page 1 untouched).
    expect(pager.walFrames.log).toBe(4 + 4 * 3);
    expect(valueOf(pager, 4)).toBe(5);
    pager.close();
  });

  it('copies long runs of consecutive pages (batched reads and writes) with the newest frame of each page', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    pager.setPageSize(512);
    pager.autoCheckpoint = 0;
    const mark = (pgno: number, txn: number) => (pgno * 7 + txn * 31) & 0xff;
    // Transaction 1 writes pages 2..150 (runs longer than a batch); transaction 2 rewrites a few of
    // them, so their newest frames break the runs; transaction 3 grows the file past them.
    const commit = (txn: number, pages: number[], grow: number) => {
      const read = pager.beginRead();
      const write = pager.tryBeginWrite(read)!;
      while (write.pageCount() < grow) write.appendPage();
      for (const p of pages) write.getWritable(p)[300] = mark(p, txn);
      write.commit();
      read.end();
    };
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
    commit(1, range(2, 150), 150);
    commit(2, [...range(40, 60), 100, 149], 150);
    commit(3, range(151, 230), 230);
    expect(pager.checkpoint('passive')).toMatchObject({ busy: false, checkpointed: pager.walFrames.log });
    const file = vfs.files.get('db')!;
    expect(file.length).toBe(230 * 512);
    for (let p = 2; p <= 230; p++) {
      const txn = p > 150 ? 3 : (p >= 40 && p <= 60) || p === 100 || p === 149 ? 2 : 1;
      expect(file.bytes[(p - 1) * 512 + 300], `page ${p}`).toBe(mark(p, txn));
    }
    pager.close();
  });
});

describe('corruption and bad files', () => {
  it('rejects a file that is not a database with SQLITE_NOTADB', () => {
    const vfs = memoryVfs();
    const file = vfs.open('db', { create: true, readonly: false });
    file.write(new TextEncoder().encode('hello, this is a text file and not a database at all. '.repeat(40)), 0);
    expect(() => Pager.open(vfs, 'db')).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB', message: 'file is not a database' }));
    // The failed open released the process lock.
    vfs.delete('db');
    Pager.open(vfs, 'db').close();
  });

  it('reports a truncated database file as SQLITE_CORRUPT, not a crash', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    pager.setPageSize(512);
    commitValue(pager, 1, 6);
    pager.close();
    vfs.files.get('db')!.truncate(3 * 512);
    const reopened = Pager.open(vfs, 'db');
    const read = reopened.beginRead();
    expect(read.pageCount()).toBe(6);
    expect(read.getPage(3)[300]).toBe(1);
    expect(() => read.getPage(5)).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT', message: 'database disk image is malformed' }));
    read.end();
    reopened.close();
  });

  it('reports a WAL whose page 1 has a broken header as SQLITE_CORRUPT', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    pager.setPageSize(512);
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    write.getWritable(1);
    write.commit();
    const r2 = pager.beginRead();
    const w2 = pager.tryBeginWrite(r2)!;
    w2.getWritable(1).fill(0x41);
    // The commit stamp keeps bytes 18..31 and 92..99 sane, but the magic string is gone.
    w2.commit();
    pager.close({ checkpoint: false });
    expect(() => Pager.open(vfs, 'db')).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
  });
});

describe('in-memory databases', () => {
  it('use journal mode memory, are private to each Pager, and report checkpoints as -1', () => {
    const a = Pager.open(nodeVfs(), ':memory:', { memory: true });
    const b = Pager.open(nodeVfs(), ':memory:', { memory: true });
    expect(a.journalMode).toBe('memory');
    commitValue(a, 7, 3);
    expect(valueOf(a, 3)).toBe(7);
    expect(b.beginRead().pageCount()).toBe(0);
    expect(a.checkpoint('truncate')).toEqual({ busy: false, log: -1, checkpointed: -1 });
    expect(valueOf(a, 2)).toBe(7);
    a.close();
    b.close();
  });
});
