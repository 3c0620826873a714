// Rebalancing after an insert or delete: a node that is overfull (an override that does not fit
// its page) or underfull (empty, or more than 2/3 free) is redistributed together with up to two
// neighbouring siblings, as SQLite's balance_nonroot does; the root grows a level when it
// overflows (balance_deeper) and absorbs its only child when it has no cells left
// (balance_shallower). The root page number never changes.
//
// Invariants kept: every page fits, keys stay ordered, interior keys separate their subtrees
// (table: divider = largest rowid on its left; index: the divider is the entry between the two
// subtrees), all leaves stay at the same depth, freed pages go to the freelist.

import { SqliteError } from '../common/errors.js';
import { buildTableInteriorCell, cellRowid, withChild, writeU32 } from './cell.js';
import { allocatePage, freePage } from './freelist.js';
import { loadNode, pageFreeBytes, storeNode, type TreeWrite } from './node-io.js';
import { get32, isLeafType, isTableType, nodeBytes, pageCapacity, pageHeaderSize, type Node } from './page.js';

/** Average fill above which an overflow split adds a page rather than only redistributing. */
const FULL_SPREAD = 0.85;

function childOf(node: Node, i: number): number {
  return i < node.cells.length ? get32(node.cells[i]!, 0) : node.right;
}

function withLeftChild(cell: Uint8Array, child: number): Uint8Array {
  const copy = cell.slice();
  writeU32(copy, 0, child);
  return copy;
}

/** A leaf-format index cell from an interior one (the padding to 4 bytes kept). */
function stripChild(cell: Uint8Array): Uint8Array {
  const body = cell.subarray(4);
  if (body.length >= 4) return body.slice();
  const padded = new Uint8Array(4);
  padded.set(body);
  return padded;
}

/**
 * Splits `cells` (in order) into pages of at most `capacity` bytes each (cell + 2-byte pointer).
 * With `promote`, the cell between two pages leaves the list (it becomes the parent's divider).
 * `soft` is a fill target: a page stops taking cells once it holds at least that many bytes.
 * Returns page groups as [start, end) pairs and the divider indexes (promote mode).
 */
function pack(cells: Uint8Array[], capacity: number, promote: boolean, soft: number): { groups: number[]; dividers: number[] } {
  const groups: number[] = [];
  const dividers: number[] = [];
  const n = cells.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let used = 0;
    while (i < n && used < soft && used + cells[i]!.length + 2 <= capacity) {
      used += cells[i]!.length + 2;
      i++;
    }
    if (i === start) throw new SqliteError('btree balance: a cell larger than a page', 'SQLITE_INTERNAL');
    if (promote && i < n) {
      if (i === n - 1) {
        // The divider would leave the last page empty: promote this page's last cell instead.
        if (i - 1 === start) throw new SqliteError('btree balance: cannot split', 'SQLITE_INTERNAL');
        i--;
      }
      groups.push(start, i);
      dividers.push(i);
      i++;
    } else {
      groups.push(start, i);
    }
  }
  if (groups.length === 0) groups.push(0, 0);
  return { groups, dividers };
}

/** Redistributes the child `childIndex` of `parentPgno` with up to two siblings. */
export function balanceNonroot(w: TreeWrite, parentPgno: number, childIndex: number, appendHint: boolean): void {
  const parent = loadNode(w, parentPgno);
  const n = parent.cells.length;
  const siblingCount = Math.min(3, n + 1);
  const first = Math.max(0, Math.min(childIndex - 1, n + 1 - siblingCount));
  const oldPages: number[] = [];
  const oldNodes: Node[] = [];
  for (let k = 0; k < siblingCount; k++) {
    const pgno = childOf(parent, first + k);
    oldPages.push(pgno);
    oldNodes.push(loadNode(w, pgno));
  }
  const type = oldNodes[0]!.type;
  for (const node of oldNodes) {
    if (node.type !== type) throw new SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');
  }
  const leaf = isLeafType(type);
  const table = isTableType(type);
  const promote = !(leaf && table);

  // Gather every cell of the siblings, with the parent's dividers put back in between.
  const cells: Uint8Array[] = [];
  for (let k = 0; k < siblingCount; k++) {
    const node = oldNodes[k]!;
    for (const cell of node.cells) cells.push(cell);
    if (k < siblingCount - 1) {
      const divider = parent.cells[first + k]!;
      if (!leaf) cells.push(withLeftChild(divider, node.right));
      else if (!table) cells.push(stripChild(divider));
    }
  }
  const finalRight = leaf ? 0 : oldNodes[siblingCount - 1]!.right;

  const capacity = w.g.usableSize - pageHeaderSize(type);
  let layout = pack(cells, capacity, promote, Infinity);
  let pageCount = layout.groups.length / 2;
  if (pageCount > 1 && !appendHint) {
    let total = 0;
    for (const cell of cells) total += cell.length + 2;
    // Redistributing nearly full siblings over as many pages frees a few cells' room each, and
    // the next random insert there balances again: past ~85% fill, spread over one more page.
    if (pageCount === siblingCount && total > capacity * pageCount * FULL_SPREAD) pageCount++;
    const even = pack(cells, capacity, promote, Math.ceil(total / pageCount));
    if (even.groups.length / 2 <= pageCount) layout = even;
  }
  const newCount = layout.groups.length / 2;

  const newPages: number[] = [];
  for (let k = 0; k < newCount; k++) newPages.push(k < siblingCount ? oldPages[k]! : allocatePage(w.sink));

  const newDividers: Uint8Array[] = [];
  for (let k = 0; k < newCount; k++) {
    const start = layout.groups[2 * k]!;
    const end = layout.groups[2 * k + 1]!;
    const node: Node = { type, cells: cells.slice(start, end), right: 0 };
    if (k < newCount - 1) {
      if (promote) {
        const divider = cells[layout.dividers[k]!]!;
        if (!leaf) {
          node.right = get32(divider, 0);
          newDividers.push(withLeftChild(divider, newPages[k]!));
        } else {
          newDividers.push(withChild(newPages[k]!, divider, w.g));
        }
      } else {
        const lastCell = cells[end - 1]!;
        newDividers.push(buildTableInteriorCell(newPages[k]!, cellRowid(lastCell, 0, type)));
      }
    } else {
      node.right = finalRight;
    }
    storeNode(w, newPages[k]!, node);
  }
  for (let k = newCount; k < siblingCount; k++) {
    w.overrides.delete(oldPages[k]!);
    freePage(w.sink, oldPages[k]!);
  }

  // Point the parent at the new pages: the last sibling's pointer, then the dividers.
  const lastIndex = first + siblingCount - 1;
  const lastPage = newPages[newCount - 1]!;
  if (lastIndex === n) parent.right = lastPage;
  else parent.cells[lastIndex] = withLeftChild(parent.cells[lastIndex]!, lastPage);
  parent.cells.splice(first, siblingCount - 1, ...newDividers);
  storeNode(w, parentPgno, parent);
}

/** The root overflowed: move its content to a new child, then split that child. */
function balanceDeeper(w: TreeWrite, root: number): void {
  const node = loadNode(w, root);
  const child = allocatePage(w.sink);
  w.overrides.set(child, { type: node.type, cells: node.cells, right: node.right });
  storeNode(w, root, { type: node.type & ~0x08, cells: [], right: child });
  balanceNonroot(w, root, 0, false);
}

/** The root is interior with no cells: pull its only child's content up when it fits. */
function balanceShallower(w: TreeWrite, root: number): boolean {
  const node = loadNode(w, root);
  const child = node.right;
  const childNode = loadNode(w, child);
  if (nodeBytes(childNode) > pageCapacity(root, w.g.usableSize)) return false;
  storeNode(w, root, childNode);
  w.overrides.delete(child);
  freePage(w.sink, child);
  return true;
}

function isUnderfull(w: TreeWrite, pgno: number): boolean {
  const page = w.sink.getPage(pgno);
  const free = pageFreeBytes(page, pgno, w.g.usableSize);
  const hdr = pgno === 1 ? 100 : 0;
  const cellCount = (page[hdr + 3]! << 8) | page[hdr + 4]!;
  return cellCount === 0 || free > Math.floor((w.g.usableSize * 2) / 3);
}

/**
 * Restores the invariants along a root-to-node path after its last node (and possibly others on
 * the path) changed. path[d] is a page, childIndexes[d] the child of path[d] leading to path[d+1].
 */
export function balancePath(w: TreeWrite, path: readonly number[], childIndexes: readonly number[], appendHint = false): void {
  for (let d = path.length - 1; d >= 1; d--) {
    const pgno = path[d]!;
    if (w.overrides.has(pgno) || isUnderfull(w, pgno)) balanceNonroot(w, path[d - 1]!, childIndexes[d - 1]!, appendHint);
  }
  const root = path[0]!;
  for (let guard = 0; guard < 64; guard++) {
    if (w.overrides.has(root)) {
      balanceDeeper(w, root);
      continue;
    }
    const node = loadNode(w, root);
    if (!isLeafType(node.type) && node.cells.length === 0 && balanceShallower(w, root)) continue;
    return;
  }
  throw new SqliteError('btree balance did not converge', 'SQLITE_INTERNAL');
}
