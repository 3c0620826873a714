// The commit log behind BEGIN CONCURRENT, alone: which commits a transaction is checked against
// (only those after its snapshot), each conflict rule, forgetting everything once no transaction
// is live, the bound (a transaction older than the remembered commits cannot commit), and rowid claims.

import { describe, expect, it } from 'vitest';
import { CommitLog } from '../../src/engine/commit-log.js';
import { canonicalUniqueKey, WriteSet } from '../../src/engine/write-set.js';

function writes(keys: string[], trees: number[], cleared: number[] = []): WriteSet {
  const set = new WriteSet();
  for (const key of keys) set.keys.add(key);
  for (const tree of trees) set.trees.add(tree);
  for (const tree of cleared) set.cleared.add(tree);
  return set;
}

describe('CommitLog', () => {
  it('checks a transaction only against commits made after its snapshot', () => {
    const log = new CommitLog();
    log.enter(0);
    log.recordCommit(writes(['2:5'], [2]), true); // seq 1
    log.enter(1);
    expect(log.findConflict(writes(['2:5'], [2]), 0)).toEqual({ root: 2, key: '2:5' });
    expect(log.findConflict(writes(['2:5'], [2]), 1)).toBeNull();
    expect(log.findConflict(writes(['2:6'], [2]), 0)).toBeNull();
  });

  it('untracked commits conflict per tree, cleared trees with any write to them', () => {
    const log = new CommitLog();
    log.enter(0);
    log.recordCommit(writes([], [3]), false);
    expect(log.findConflict(writes(['3:1'], [3]), 0)).toEqual({ root: 3, key: null });
    expect(log.findConflict(writes(['4:1'], [4]), 0)).toBeNull();
    log.recordCommit(writes([], [5], [5]), true);
    expect(log.findConflict(writes(['5:9'], [5]), 0)).toEqual({ root: 5, key: null });
    expect(log.findConflict(writes([], [3, 4], [4]), 1)).toBeNull();
  });

  it('forgets entries no live transaction can conflict with, and records nothing when none is live', () => {
    const log = new CommitLog();
    log.recordCommit(writes(['2:1'], [2]), true);
    log.enter(log.seq);
    log.recordCommit(writes(['2:1'], [2]), true);
    log.enter(log.seq);
    log.leave(1);
    expect(log.findConflict(writes(['2:1'], [2]), 1)).toEqual({ root: 2, key: '2:1' });
    expect(log.findConflict(writes(['2:1'], [2]), 2)).toBeNull();
    expect(log.concurrentLive).toBe(true);
    log.leave(2);
    expect(log.concurrentLive).toBe(false);
  });

  it('a transaction older than the remembered commits cannot commit', () => {
    const log = new CommitLog(1000);
    log.enter(0);
    const many = (prefix: string) => writes(Array.from({ length: 600 }, (_, i) => `${prefix}:${i}`), [2]);
    log.recordCommit(many('2'), true); // seq 1
    log.recordCommit(many('3'), true); // seq 2: over the bound, the older half goes
    expect(log.findConflict(writes(['9:1'], [9]), 0)).toBe('too-old');
    expect(log.findConflict(writes(['3:5'], [3]), 1)).toEqual({ root: 3, key: '3:5' });
    expect(log.findConflict(writes(['3:5'], [3]), 2)).toBeNull();
  });

  it('claims rowids above every rowid already handed out while transactions are live', () => {
    const log = new CommitLog();
    expect(log.claimRowid(2, 7n)).toBe(7n);
    log.enter(0);
    expect(log.claimRowid(2, 7n)).toBe(7n);
    expect(log.claimRowid(2, 7n)).toBe(8n);
    expect(log.claimRowid(2, 20n)).toBe(20n);
    expect(log.claimRowid(3, 1n)).toBe(1n);
  });
});

describe('canonicalUniqueKey', () => {
  it('is equal exactly when the unique index treats the keys as equal', () => {
    expect(canonicalUniqueKey(['Ann'], ['NOCASE'])).toBe(canonicalUniqueKey(['aNN'], ['NOCASE']));
    expect(canonicalUniqueKey(['Ann'], ['BINARY'])).not.toBe(canonicalUniqueKey(['ann'], ['BINARY']));
    expect(canonicalUniqueKey(['a  '], ['RTRIM'])).toBe(canonicalUniqueKey(['a'], ['RTRIM']));
    expect(canonicalUniqueKey([1n], ['BINARY'])).toBe(canonicalUniqueKey([1], ['BINARY']));
    expect(canonicalUniqueKey([1.5], ['BINARY'])).not.toBe(canonicalUniqueKey([1n], ['BINARY']));
    expect(canonicalUniqueKey(['1'], ['BINARY'])).not.toBe(canonicalUniqueKey([1n], ['BINARY']));
    expect(canonicalUniqueKey(['a', 'b'], ['BINARY', 'BINARY'])).not.toBe(canonicalUniqueKey(['a|', 'b'], ['BINARY', 'BINARY']));
    expect(canonicalUniqueKey([null, 'x'], ['BINARY', 'BINARY'])).toBeNull();
  });
});
