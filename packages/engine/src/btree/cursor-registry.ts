// Cursors open on each write transaction, grouped by tree, so that a write through one cursor
// can first save the position of the others on the same tree (SQLite's saveAllCursors): they
// re-seek lazily. The common case (the writer is the only cursor on its tree) costs one lookup.
//
// Only cursors over a PageSink register: pages of a read snapshot never change under a cursor.
// References are strong (a WeakRef per cursor made opening a cursor, once per statement run,
// cost more than the statement's insert); cursors unregister in close(), and the whole registry
// of a transaction goes with it (keyed weakly by the sink). A cursor never closed stays
// registered, already saved, until its transaction ends.

import type { PageSource } from '../pager/types.js';

export interface SavableCursor {
  readonly rootPage: number;
  /** Records the current key and forgets the page stack; the next use re-seeks. */
  savePosition(): void;
  /** Forgets the position entirely (the cursor reads as EOF until it is positioned again). */
  invalidate(): void;
}

/** The cursors open on one tree of one sink (registerCursor hands it back to the cursor). */
export type TreeCursors = Set<SavableCursor>;

const registry = new WeakMap<PageSource, Map<number, TreeCursors>>();

/**
 * A sink may carry its registry itself (a field made for it): a new write transaction per
 * BEGIN CONCURRENT made the WeakMap entry a measurable cost. Others go through the WeakMap.
 */
interface RegistryCarrier {
  cursorRegistry?: Map<number, TreeCursors> | null;
}

function treesOf(source: PageSource): Map<number, TreeCursors> | undefined {
  const carried = (source as RegistryCarrier).cursorRegistry;
  return carried === undefined ? registry.get(source) : (carried ?? undefined);
}

/**
 * Registers `cursor`; returns the set of cursors on its tree, so the cursor can skip the registry
 * entirely while it is alone there (size 1).
 */
export function registerCursor(source: PageSource, cursor: SavableCursor): TreeCursors {
  let trees = treesOf(source);
  if (!trees) {
    trees = new Map();
    if ((source as RegistryCarrier).cursorRegistry === null) (source as RegistryCarrier).cursorRegistry = trees;
    else registry.set(source, trees);
  }
  let set = trees.get(cursor.rootPage);
  if (!set) {
    set = new Set();
    trees.set(cursor.rootPage, set);
  }
  set.add(cursor);
  return set;
}

export function unregisterCursor(source: PageSource, cursor: SavableCursor): void {
  treesOf(source)?.get(cursor.rootPage)?.delete(cursor);
}

function saveAll(set: TreeCursors, except: SavableCursor | null): void {
  for (const cursor of set) {
    if (cursor === except) continue;
    try {
      cursor.savePosition();
    } catch {
      // A write that failed half-way (SQLITE_FULL in a balance) may leave pages a position cannot
      // be read from until the rollback restores them: the cursor forgets it (SQLite trips it).
      cursor.invalidate();
    }
  }
}

/**
 * Saves the position of every cursor on tree `rootPage` of `source` (every tree when rootPage
 * is 0) except the writer `except`.
 */
export function saveOtherCursors(source: PageSource, rootPage: number, except: SavableCursor | null): void {
  const trees = treesOf(source);
  if (!trees) return;
  if (rootPage === 0) {
    for (const set of trees.values()) saveAll(set, except);
    return;
  }
  const set = trees.get(rootPage);
  if (!set || (set.size === 1 && except !== null && set.has(except))) return;
  saveAll(set, except);
}

/**
 * Invalidates every cursor open on `source` (or only those on tree `rootPage`): after
 * rollbackTo() page contents went back, and after clear/drop the entries are gone, so no saved
 * page array or key can be trusted (SQLite trips its cursors the same way).
 */
export function invalidateCursors(source: PageSource, rootPage = 0): void {
  const trees = treesOf(source);
  if (!trees) return;
  for (const [root, set] of trees) {
    if (rootPage !== 0 && root !== rootPage) continue;
    for (const cursor of set) cursor.invalidate();
  }
}
