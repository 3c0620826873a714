// The page cache: PRAGMA cache_size semantics (pages or KiB, default as in better-sqlite3's
// SQLite), CLOCK (second-chance) eviction, and the WAL index's "latest frame <= M" lookup that
// lets one cache serve several snapshots.

import BetterSqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { cacheCapacityInPages, dbPageKey, frameKey, PageCache } from '../../src/pager/page-cache.js';
import { Pager } from '../../src/pager/pager.js';
import { WalIndex } from '../../src/pager/wal-index.js';

describe('page cache', () => {
  it('interprets cache_size like SQLite: positive = pages, negative = KiB', () => {
    expect(cacheCapacityInPages(100, 4096)).toBe(100);
    expect(cacheCapacityInPages(-2000, 4096)).toBe(500);
    expect(cacheCapacityInPages(-2000, 1024)).toBe(2000);
    expect(cacheCapacityInPages(-1, 65536)).toBe(1);
    expect(cacheCapacityInPages(0, 4096)).toBe(1);
  });

  it('defaults to the cache_size better-sqlite3 reports', () => {
    const oracle = new BetterSqlite(':memory:');
    const expected = oracle.pragma('cache_size', { simple: true });
    oracle.close();
    for (const pager of [Pager.open(memoryVfs(), 'db'), Pager.open(memoryVfs(), ':memory:', { memory: true })]) {
      expect(pager.cacheSize).toBe(expected);
      pager.close();
    }
  });

  it('evicts a page not hit since the hand last passed, and keeps frames and db pages apart', () => {
    const cache = new PageCache(2);
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2]);
    const c = new Uint8Array([3]);
    cache.set(dbPageKey(1), a);
    cache.set(frameKey(1), b);
    expect(cache.get(dbPageKey(1))).toBe(a); // 1 gets a second chance
    cache.set(dbPageKey(2), c);
    expect(cache.get(frameKey(1))).toBeUndefined();
    expect(cache.get(dbPageKey(1))).toBe(a);
    cache.set(frameKey(7), b);
    cache.clearFrames();
    expect(cache.get(frameKey(7))).toBeUndefined();
    expect(cache.get(dbPageKey(1))).toBe(a);
    cache.setCapacity(1);
    expect(cache.size).toBe(1);
  });

  it('keeps hit pages over a stream of one-time misses, and reuses deleted slots', () => {
    const cache = new PageCache(4);
    const hot = [new Uint8Array([1]), new Uint8Array([2])];
    cache.set(1, hot[0]!);
    cache.set(2, hot[1]!);
    for (let pgno = 100; pgno < 200; pgno++) {
      cache.get(1);
      cache.get(2);
      cache.set(pgno, new Uint8Array([0]));
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get(1)).toBe(hot[0]);
    expect(cache.get(2)).toBe(hot[1]);
    expect(cache.get(100)).toBeUndefined();
    expect(cache.get(199)).toBeDefined();
    cache.delete(199);
    cache.set(300, new Uint8Array([3]));
    expect(cache.get(1)).toBe(hot[0]); // the freed slot was used, nothing evicted
    expect(cache.get(2)).toBe(hot[1]);
    expect(cache.size).toBe(4);
  });
});

describe('WAL index', () => {
  it('finds the latest frame of a page at or before a snapshot frame, and db sizes at commits', () => {
    const index = new WalIndex();
    index.append(1, 0); // frame 1
    index.append(2, 2); // frame 2 commit, 2 pages
    index.append(2, 0); // frame 3
    index.append(3, 3); // frame 4 commit, 3 pages
    index.append(2, 3); // frame 5 commit
    expect(index.findFrame(2, 2)).toBe(2);
    expect(index.findFrame(2, 4)).toBe(3);
    expect(index.findFrame(2, 5)).toBe(5);
    expect(index.findFrame(3, 2)).toBe(0);
    expect(index.findFrame(9, 5)).toBe(0);
    expect(index.findFrame(1, 5)).toBe(1);
    expect(index.findFrame(2, 3)).toBe(3);
    expect(index.dbSizeAt(2)).toBe(2);
    expect(index.dbSizeAt(3)).toBe(2);
    expect(index.dbSizeAt(4)).toBe(3);
    expect(index.pagesInRange(2, 5)).toEqual([2, 3]);
    index.clear();
    expect(index.frameCount).toBe(0);
    expect(index.findFrame(2, 5)).toBe(0);
  });
});
