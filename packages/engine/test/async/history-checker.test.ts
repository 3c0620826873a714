// The snapshot-isolation checker used by the concurrent bank-transfer stress test finds each kind
// of anomaly it claims to, on hand-written histories, and accepts valid ones (including write skew).

import { describe, expect, it } from 'vitest';
import { checkSnapshotIsolation, type Attempt } from './support/history-checker.js';

function attempt(tag: number, reads: [number, number][], writes: number[], committed = true): Attempt {
  return { tag, reads: new Map(reads), writes: new Set(writes), committed };
}

describe('checkSnapshotIsolation', () => {
  it('accepts a serial history and a write skew (both are snapshot isolated)', () => {
    const serial = [attempt(1, [[1, 0]], [1]), attempt(2, [[1, 1], [2, 0]], [1, 2])];
    expect(checkSnapshotIsolation(serial, new Map([[1, 2], [2, 2]]))).toEqual([]);
    const skew = [attempt(1, [[1, 0], [2, 0]], [1]), attempt(2, [[1, 0], [2, 0]], [2])];
    expect(checkSnapshotIsolation(skew, new Map([[1, 1], [2, 2]]))).toEqual([]);
  });

  it('finds a dirty read (a value written by an attempt that never committed)', () => {
    const history = [attempt(1, [[1, 0]], [1], false), attempt(2, [[1, 1]], [])];
    expect(checkSnapshotIsolation(history, new Map([[1, 0]]))).toContainEqual(expect.stringContaining('dirty read'));
  });

  it('finds a lost update (two committed writers overwrote the same version)', () => {
    const history = [attempt(1, [[1, 0]], [1]), attempt(2, [[1, 0]], [1])];
    expect(checkSnapshotIsolation(history, new Map([[1, 2]]))).toContainEqual(expect.stringContaining('lost update'));
  });

  it('finds a read that saw no single snapshot (read skew across two rows)', () => {
    // 1 writes rows 1 and 2 together; 2 saw row 1 before that commit and row 2 after it.
    const history = [attempt(1, [[1, 0], [2, 0]], [1, 2]), attempt(2, [[1, 0], [2, 1]], [])];
    expect(checkSnapshotIsolation(history, new Map([[1, 1], [2, 1]]))).toContainEqual(expect.stringContaining('no single snapshot order'));
  });

  it('finds a committed write missing from the table (a chain that does not end at the final value)', () => {
    const history = [attempt(1, [[1, 0]], [1]), attempt(2, [[1, 1]], [1])];
    expect(checkSnapshotIsolation(history, new Map([[1, 1]]))).toContainEqual(expect.stringContaining('row 1: chain'));
  });
});
