// Savepoints on the write transaction: randomized nested savepoint / rollbackTo / release
// sequences over page writes, appends and page-count changes, checked against a model that
// copies the whole database image at every savepoint. Run for a WAL-backed pager and for the
// direct page store of in-memory databases (both share the pooled pre-image buffers).

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/os/fault-vfs.js';
import { memoryVfs } from '../../src/os/memory-vfs.js';
import { Pager } from '../../src/pager/pager.js';

const PAGE = 512;

type Image = Uint8Array[]; // index pgno-1

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cloneImage(image: Image): Image {
  return image.map((page) => page.slice());
}

const modes: Array<[string, () => Pager]> = [
  ['WAL pager', () => Pager.open(memoryVfs(), 'db')],
  ['in-memory pager', () => Pager.open(memoryVfs(), ':memory:', { memory: true })],
];

describe.each(modes)('savepoints (%s)', (_mode, openPager) => {
  it('restore exactly the state at the savepoint, nested and released, over 300 random runs', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const pager = openPager();
      pager.setPageSize(PAGE);
      // A committed base of 4 pages.
      let read = pager.beginRead();
      let write = pager.tryBeginWrite(read)!;
      for (let i = 0; i < 3; i++) write.appendPage();
      for (let p = 2; p <= 4; p++) write.getWritable(p).fill(p);
      write.commit();
      read.end();

      read = pager.beginRead();
      write = pager.tryBeginWrite(read)!;
      let model: Image = Array.from({ length: 4 }, (_, i) => write.getPage(i + 1).slice());
      const stack: Image[] = [];
      for (let step = 0; step < 40; step++) {
        const action = pick(10);
        if (action < 4 && model.length > 1) {
          const pgno = 2 + pick(model.length - 1);
          const offset = pick(PAGE - 8);
          const page = write.getWritable(pgno);
          for (let i = 0; i < 8; i++) page[offset + i] = pick(256);
          model[pgno - 1] = page.slice();
        } else if (action === 4) {
          const pgno = write.appendPage();
          expect(pgno).toBe(model.length + 1);
          model.push(new Uint8Array(PAGE));
        } else if (action === 5) {
          const count = 1 + pick(model.length + 3);
          write.setPageCount(count);
          model = model.slice(0, count);
          while (model.length < count) model.push(new Uint8Array(PAGE));
        } else if (action === 6 || action === 7) {
          expect(write.savepoint()).toBe(stack.length + 1);
          stack.push(cloneImage(model));
        } else if (action === 8 && stack.length > 0) {
          const depth = 1 + pick(stack.length);
          write.rollbackTo(depth);
          stack.length = depth;
          model = cloneImage(stack[depth - 1]!);
        } else if (action === 9 && stack.length > 0) {
          const depth = 1 + pick(stack.length);
          write.release(depth);
          stack.length = depth - 1;
        }
        expect(write.pageCount(), `seed ${seed} step ${step}`).toBe(model.length);
        for (let p = 2; p <= model.length; p++) {
          if (!sameBytes(write.getPage(p), model[p - 1]!)) expect.fail(`seed ${seed} step ${step} page ${p} differs`);
        }
      }
      write.commit();
      read.end();
      const check = pager.beginRead();
      expect(check.pageCount()).toBe(model.length);
      for (let p = 2; p <= model.length; p++) expect(sameBytes(check.getPage(p), model[p - 1]!), `seed ${seed} page ${p}`).toBe(true);
      check.end();
      pager.close();
    }
  });

  it('keeps the identity of a writable page across rollbackTo', () => {
    const pager = openPager();
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    const page = write.getWritable(1);
    page[300] = 1;
    const depth = write.savepoint();
    write.getWritable(1)[300] = 2;
    write.rollbackTo(depth);
    expect(write.getWritable(1)).toBe(page);
    expect(page[300]).toBe(1);
    write.release(depth);
    write.rollback();
    read.end();
  });

  it('reuses released pre-image buffers instead of allocating new ones', () => {
    const pager = openPager();
    const read = pager.beginRead();
    const write = pager.tryBeginWrite(read)!;
    write.getWritable(1)[300] = 1;
    for (let statement = 0; statement < 50; statement++) {
      const depth = write.savepoint();
      write.getWritable(1)[300] = statement;
      if (statement % 3 === 0) write.rollbackTo(depth);
      write.release(depth);
    }
    // One buffer circulates: each statement's pre-image goes back to the pool at release.
    expect(pager.preImagePool.size).toBe(1);
    expect(write.getPage(1)[300]).toBe(49);
    write.commit();
    read.end();
  });
});
