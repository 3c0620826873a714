// The committed pages of an in-memory (":memory:") database, served directly: no WAL, no
// frames, no page cache, no copies on read. A commit replaces page images wholesale.
//
// Snapshots keep their meaning: a snapshot's `mxFrame` is the commit version it saw. A commit
// hands every other live snapshot the images it replaces (by reference: committed images are
// never mutated), so an older snapshot still reads exactly what it saw. Usually no other
// snapshot is live (":memory:" is private to one connection), and a commit costs nothing extra.

import { corruptError } from '../common/errors.js';
import type { Snapshot } from './snapshot.js';

export class MemoryPageStore {
  /** committed[pgno] = the latest committed image of page pgno (index 0 unused). Never mutated. */
  private committed: Uint8Array[] = [];
  /** Pages in the latest committed image. */
  pageCount = 0;
  /** Number of commits so far: the `mxFrame` of a snapshot of the latest commit. */
  version = 0;

  /** Page `pgno` as `snapshot` sees it (the caller checked 1 <= pgno <= snapshot.pageCount). */
  read(snapshot: Snapshot, pgno: number): Uint8Array {
    const preserved = snapshot.preserved;
    if (preserved !== undefined) {
      const old = preserved.get(pgno);
      if (old !== undefined) return old;
    }
    const page = this.committed[pgno];
    if (page === undefined) throw corruptError(`page ${pgno} is missing from the in-memory database`);
    return page;
  }

  /**
   * Commits `pages` (private images the store now owns and nobody mutates) and the new page
   * count. `others` are the live snapshots that must keep seeing the previous state.
   */
  commit(pages: ReadonlyArray<readonly [number, Uint8Array]>, pageCount: number, others: Iterable<Snapshot>): void {
    for (const snapshot of others) this.preserveFor(snapshot, pages, pageCount);
    for (const [pgno, image] of pages) this.committed[pgno] = image;
    if (pageCount < this.pageCount) this.committed.length = pageCount + 1;
    this.pageCount = pageCount;
    this.version++;
  }

  /** Gives `snapshot` the images about to be replaced or cut off that it can see. */
  private preserveFor(snapshot: Snapshot, pages: ReadonlyArray<readonly [number, Uint8Array]>, pageCount: number): void {
    const preserved = (snapshot.preserved ??= new Map());
    const keep = (pgno: number): void => {
      if (pgno > snapshot.pageCount || preserved.has(pgno)) return;
      const old = this.committed[pgno];
      if (old !== undefined) preserved.set(pgno, old);
    };
    for (const [pgno] of pages) keep(pgno);
    for (let pgno = pageCount + 1; pgno <= this.pageCount; pgno++) keep(pgno);
  }
}
