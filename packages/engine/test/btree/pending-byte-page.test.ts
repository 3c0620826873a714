// The page holding SQLite's lock bytes (offset 1 GiB) is never handed out: a database that grows past
// 1 GiB leaves it as a hole, as SQLite does (its integrity_check counts that page as in use).

import { describe, expect, it } from 'vitest';
import { allocatePage, pendingBytePage } from '../../src/btree/freelist.js';
import type { PageSink } from '../../src/pager/types.js';

/** A sink whose file is already `count` pages long, with an empty freelist; only page 1 is stored. */
class GrowingSink {
  readonly usableSize: number;
  private readonly page1: Uint8Array;
  constructor(
    readonly pageSize: number,
    public count: number,
  ) {
    this.usableSize = pageSize;
    this.page1 = new Uint8Array(pageSize);
  }
  pageCount(): number {
    return this.count;
  }
  getPage(pgno: number): Uint8Array {
    return pgno === 1 ? this.page1 : new Uint8Array(this.pageSize);
  }
  getWritable(pgno: number): Uint8Array {
    return this.getPage(pgno);
  }
  appendPage(): number {
    return ++this.count;
  }
}

describe('the lock-byte page', () => {
  for (const pageSize of [512, 4096, 65536]) {
    it(`is skipped when the file grows past 1 GiB (page size ${pageSize})`, () => {
      const pending = pendingBytePage(pageSize);
      expect((pending - 1) * pageSize).toBe(0x40000000);
      const sink = new GrowingSink(pageSize, pending - 2);
      const asSink = sink as unknown as PageSink;
      const pages = [allocatePage(asSink), allocatePage(asSink), allocatePage(asSink)];
      expect(pages).toEqual([pending - 1, pending + 1, pending + 2]);
      expect(sink.count).toBe(pending + 2);
    });
  }
});
