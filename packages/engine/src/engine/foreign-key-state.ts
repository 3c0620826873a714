// A connection's foreign key settings and counters: PRAGMA foreign_keys and defer_foreign_keys,
// and the deferred violation counts, which COMMIT checks, a transaction's end clears, and a
// statement or savepoint rollback puts back to what they were when it began (as SQLite does).

import { SqliteError } from '../common/errors.js';
import { FOREIGN_KEY_FAILED, type ForeignKeyCounters } from '../vm/ops/foreign-key.js';

export class ForeignKeyState implements ForeignKeyCounters {
  /** PRAGMA foreign_keys: statements are compiled with enforcement (off by default, as in SQLite). */
  enabled = false;
  deferAll = false;
  deferred = 0;
  deferredImmediate = 0;
  /** Counts when each open savepoint (statement or named) began, by its key. */
  private readonly marks = new Map<unknown, [number, number]>();

  constructor(private readonly isAutocommit: () => boolean) {}

  get autocommit(): boolean {
    return this.isAutocommit();
  }

  /** A savepoint identified by `key` begins. */
  mark(key: unknown): void {
    this.marks.set(key, [this.deferred, this.deferredImmediate]);
  }

  /** The savepoint `key` rolled back: the counts go back to when it began. */
  rollbackTo(key: unknown): void {
    const mark = this.marks.get(key);
    if (!mark) return;
    [this.deferred, this.deferredImmediate] = mark;
  }

  release(key: unknown): void {
    this.marks.delete(key);
  }

  /** The deferred counts are zero (below zero blocks COMMIT too, as in SQLite). */
  get committable(): boolean {
    return this.deferred + this.deferredImmediate === 0;
  }

  /** COMMIT: refused while deferred violations are outstanding (the transaction stays open). */
  assertCommittable(): void {
    if (!this.committable) throw new SqliteError(FOREIGN_KEY_FAILED, 'SQLITE_CONSTRAINT_FOREIGNKEY');
  }

  /** The transaction ended (COMMIT or ROLLBACK): counts cleared, defer_foreign_keys switched off. */
  transactionEnded(): void {
    this.deferred = 0;
    this.deferredImmediate = 0;
    this.deferAll = false;
    this.marks.clear();
  }

  /**
   * PRAGMA foreign_keys / defer_foreign_keys: returns the current value (0/1) when `value` is null,
   * else applies it and returns whether compiled statements must be prepared again. Setting
   * foreign_keys inside a transaction does nothing (SQLite's rule); switching defer_foreign_keys off
   * forgets every outstanding deferred violation (SQLite 3.53 clears both counts).
   */
  pragma(name: 'foreign_keys' | 'defer_foreign_keys', value: boolean | null): bigint | boolean {
    if (value === null) return (name === 'foreign_keys' ? this.enabled : this.deferAll) ? 1n : 0n;
    if (name === 'foreign_keys') {
      if (!this.autocommit || this.enabled === value) return false;
      this.enabled = value;
      return true;
    }
    if (!value) {
      this.deferredImmediate = 0;
      this.deferred = 0;
    }
    const changed = this.deferAll !== value;
    this.deferAll = value;
    return changed;
  }
}
