// In-memory databases serve pages from a direct store instead of a WAL: checked against the WAL
// pager by running the same random transactions (writes, appends, shrinks, savepoints, commits,
// rollbacks) on both while several snapshots stay open, comparing every page every snapshot sees.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/os/fault-vfs.js';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { Pager } from '../../src/pager/pager.js';
import type { ReadTransaction, WriteTransaction } from '../../src/pager/types.js';

const PAGE = 512;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Same-shaped transactions on both pagers, compared page by page. */
function expectSameView(a: ReadTransaction | WriteTransaction, b: ReadTransaction | WriteTransaction, where: string): void {
  expect(a.pageCount(), where).toBe(b.pageCount());
  for (let p = 1; p <= a.pageCount(); p++) {
    if (!sameBytes(a.getPage(p), b.getPage(p))) expect.fail(`${where}: page ${p} differs`);
  }
}

describe('in-memory page store', () => {
  it('sees what the WAL pager sees, with old snapshots open, over 150 random runs', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const memory = Pager.open(memoryVfs(), ':memory:', { memory: true });
      const wal = Pager.open(memoryVfs(), 'db');
      memory.setPageSize(PAGE);
      wal.setPageSize(PAGE);
      wal.autoCheckpoint = 5;
      const readers: Array<[ReadTransaction, ReadTransaction]> = [];
      for (let step = 0; step < 30; step++) {
        const where = `seed ${seed} step ${step}`;
        const action = pick(6);
        if (action === 0) {
          readers.push([memory.beginRead(), wal.beginRead()]);
        } else if (action === 1 && readers.length > 0) {
          const [a, b] = readers.splice(pick(readers.length), 1)[0]!;
          a.end();
          b.end();
        } else {
          const reads = [memory.beginRead(), wal.beginRead()] as const;
          const writes = [memory.tryBeginWrite(reads[0])!, wal.tryBeginWrite(reads[1])!] as const;
          for (let op = 0; op < 8; op++) {
            const kind = pick(8);
            const count = writes[0].pageCount();
            const pgno = 1 + pick(count);
            const offset = 100 + pick(PAGE - 108);
            const value = pick(256);
            const depth = pick(3);
            for (const write of writes) {
              if (kind < 4) write.getWritable(pgno)[offset] = value;
              else if (kind === 4) write.appendPage();
              else if (kind === 5) write.setPageCount(Math.max(1, count - 1 - depth));
              else if (kind === 6) write.savepoint();
              else if (write.savepoint() > 1) write.rollbackTo(1);
            }
          }
          expectSameView(writes[0], writes[1], `${where} (writer)`);
          const commit = pick(4) > 0;
          for (const write of writes) {
            if (commit) write.commit();
            else write.rollback();
          }
          reads[0].end();
          reads[1].end();
        }
        for (const [i, [a, b]] of readers.entries()) expectSameView(a, b, `${where} reader ${i}`);
        const latest = [memory.beginRead(), wal.beginRead()] as const;
        expectSameView(latest[0], latest[1], `${where} latest`);
        latest[0].end();
        latest[1].end();
      }
      for (const [a, b] of readers) {
        a.end();
        b.end();
      }
      memory.close();
      wal.close();
    }
  });

  it('keeps committed pages apart from the writer\'s arrays', () => {
    const pager = Pager.open(memoryVfs(), ':memory:', { memory: true });
    let read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    const page = write.getWritable(1);
    page[300] = 7;
    write.commit();
    page[300] = 9; // dead array: must change nothing
    read.end();
    read = pager.beginRead();
    expect(read.getPage(1)[300]).toBe(7);
    read.end();
    pager.close();
  });

  it('makes a writer that starts from an old snapshot fail with SQLITE_BUSY_SNAPSHOT', () => {
    const pager = Pager.open(memoryVfs(), ':memory:', { memory: true });
    const old = pager.beginRead();
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    write.getWritable(1)[300] = 1;
    write.commit();
    read.end();
    expect(() => pager.tryBeginWrite(old)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY_SNAPSHOT' }));
    expect(old.pageCount()).toBe(0);
    old.end();
    pager.close();
  });
});
