// Snapshot isolation: a reader keeps seeing the pages of the commit it started at, through later
// commits and checkpoints; new readers see the latest commit; one writer at a time; a writer
// must start from the latest snapshot (SQLITE_BUSY_SNAPSHOT otherwise).

import { describe, expect, it } from 'vitest';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import type { ReadTransaction } from '../../src/pager/types.js';

function newPager(): Pager {
  const pager = Pager.open(memoryVfs(), 'db');
  pager.setPageSize(512);
  return pager;
}

/** Commits a transaction that sets byte 200 of each listed page to `value` (growing as needed). */
function commit(pager: Pager, value: number, pages: number[]): void {
  const read = pager.beginRead();
  const write = pager.tryBeginWrite(read)!;
  for (const pgno of pages) {
    while (write.pageCount() < pgno) write.appendPage();
    write.getWritable(pgno)[200] = value;
  }
  write.commit();
  read.end();
}

function view(read: ReadTransaction): number[] {
  return Array.from({ length: read.pageCount() }, (_, i) => read.getPage(i + 1)[200]!);
}

describe('snapshots', () => {
  it('an empty database has no pages, and reading it writes nothing', () => {
    const vfs = memoryVfs();
    const pager = Pager.open(vfs, 'db');
    const read = pager.beginRead();
    expect(read.pageCount()).toBe(0);
    expect(() => read.getPage(1)).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
    read.end();
    pager.close();
    expect(vfs.files.get('db')?.length ?? 0).toBe(0);
    expect(vfs.exists('db-wal')).toBe(false);
  });

  it('the first write creates page 1 with a new-database header', () => {
    const pager = newPager();
    commit(pager, 1, [1]);
    const read = pager.beginRead();
    const page1 = read.getPage(1);
    expect(new TextDecoder().decode(page1.subarray(0, 15))).toBe('SQLite format 3');
    expect(page1[18]).toBe(2);
    expect(new DataView(page1.buffer, page1.byteOffset).getUint32(28)).toBe(1);
    read.end();
  });

  it('a reader keeps its snapshot while a writer commits and checkpoints run', () => {
    const pager = newPager();
    commit(pager, 1, [1, 2, 3]);
    // Everything in the db file, so A reads the db file: a checkpoint past A would show.
    pager.checkpoint('truncate');
    const a = pager.beginRead();
    expect(view(a)).toEqual([1, 1, 1]);
    commit(pager, 2, [2, 4]);
    commit(pager, 3, [3]);
    const b = pager.beginRead();
    expect(view(a)).toEqual([1, 1, 1]);
    expect(view(b)).toEqual([1, 2, 3, 2]);
    // The checkpoint may not pass A's snapshot: nothing A reads from the db file changes.
    const result = pager.checkpoint('full');
    expect(result.busy).toBe(true);
    expect(result.checkpointed).toBeLessThan(result.log);
    expect(view(a)).toEqual([1, 1, 1]);
    a.end();
    expect(pager.checkpoint('full')).toEqual({ busy: false, log: result.log, checkpointed: result.log });
    expect(view(b)).toEqual([1, 2, 3, 2]);
    b.end();
  });

  it('readers at the latest frame survive a WAL restart and keep reading the same pages', () => {
    const pager = newPager();
    commit(pager, 1, [1, 2]);
    commit(pager, 2, [2, 3]);
    const a = pager.beginRead();
    expect(pager.checkpoint('truncate')).toEqual({ busy: false, log: 0, checkpointed: 0 });
    expect(view(a)).toEqual([1, 2, 2]);
    const b = pager.beginRead();
    commit(pager, 9, [3]);
    expect(view(a)).toEqual([1, 2, 2]);
    expect(view(b)).toEqual([1, 2, 2]);
    const c = pager.beginRead();
    expect(view(c)).toEqual([1, 2, 9]);
    // A and B hold frame 0: a checkpoint must not copy anything into the db file.
    expect(pager.checkpoint('passive')).toEqual({ busy: false, log: 1, checkpointed: 0 });
    expect(view(a)).toEqual([1, 2, 2]);
    for (const r of [a, b, c]) r.end();
  });

  it('allows one writer at a time and refuses writers on stale snapshots', () => {
    const pager = newPager();
    commit(pager, 1, [1]);
    const r1 = pager.beginRead();
    const r2 = pager.beginRead();
    const w1 = pager.tryBeginWrite(r1)!;
    expect(w1).not.toBeNull();
    expect(pager.tryBeginWrite(r2)).toBeNull();
    w1.getWritable(1)[200] = 5;
    // Uncommitted changes are invisible to other snapshots.
    expect(r2.getPage(1)[200]).toBe(1);
    w1.commit();
    // The writer's own read transaction now sees its commit; the other is stale.
    expect(r1.getPage(1)[200]).toBe(5);
    expect(r2.getPage(1)[200]).toBe(1);
    expect(() => pager.tryBeginWrite(r2)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY_SNAPSHOT', message: 'database is locked' }));
    const w2 = pager.tryBeginWrite(r1)!;
    w2.getWritable(1)[200] = 7;
    w2.rollback();
    expect(pager.beginRead().getPage(1)[200]).toBe(5);
    r1.end();
    r2.end();
  });

  it('changes the page size only while the database is empty, like PRAGMA page_size', () => {
    const pager = Pager.open(memoryVfs(), 'db');
    expect(pager.pageSize).toBe(4096);
    expect(pager.setPageSize(1000)).toBe(false);
    expect(pager.setPageSize(65536)).toBe(true);
    expect(pager.setPageSize(1024)).toBe(true);
    commit(pager, 1, [1, 2]);
    expect(pager.setPageSize(2048)).toBe(false);
    expect(pager.pageSize).toBe(1024);
    expect(pager.beginRead().getPage(2).length).toBe(1024);
  });

  it('a writable array written to after commit changes nothing any snapshot sees', () => {
    const pager = newPager();
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    write.appendPage();
    const page = write.getWritable(2);
    page[200] = 1;
    write.commit();
    page[200] = 99;
    expect(read.getPage(2)[200]).toBe(1);
    expect(pager.beginRead().getPage(2)[200]).toBe(1);
    read.end();
  });

  it('reports out-of-range pages as corruption', () => {
    const pager = newPager();
    commit(pager, 1, [1, 2]);
    const read = pager.beginRead();
    for (const pgno of [0, 3, -1, 1.5]) {
      expect(() => read.getPage(pgno)).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT', message: 'database disk image is malformed' }));
    }
    read.end();
  });

  it('serves snapshots correctly with a one-page cache', () => {
    const pager = newPager();
    pager.setCacheSize(1);
    for (let v = 1; v <= 20; v++) commit(pager, v, [1 + (v % 5), 6]);
    const read = pager.beginRead();
    expect(view(read)).toEqual([20, 16, 17, 18, 19, 20]);
    pager.checkpoint('passive');
    expect(view(read)).toEqual([20, 16, 17, 18, 19, 20]);
    read.end();
  });
});
