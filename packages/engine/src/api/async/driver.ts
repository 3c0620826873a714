// Runs one prepared statement in time slices: step(deadline) until a row, completion or Busy, a
// pause for the event loop whenever a slice is spent, and a place in the database's writer queue
// when the write lock is taken. An aborted call stops at the next slice boundary with the engine's
// interrupt (so a half-done write statement is rolled back, never committed).

import { StepResult, type PreparedStatement } from '../../engine/prepared.js';
import { SqliteError } from '../../common/errors.js';
import type { CallControl } from './call-control.js';
import type { ConnectionCore } from './connection-core.js';
import { WriterQueue, type WaitingWriter } from './writer-queue.js';

const BEGIN_WRITE = /^\s*BEGIN\s+(IMMEDIATE|EXCLUSIVE)\b/i;

export class StatementDriver {
  private sliceEnd: number;
  private started = false;
  /** Set after a yield: the next loop steps before looking at the clock again. */
  private stepNow = false;
  private writer: WaitingWriter | null = null;

  constructor(
    private readonly core: ConnectionCore,
    private readonly prepared: PreparedStatement,
    private control: CallControl,
  ) {
    this.sliceEnd = performance.now() + core.settings.timeSlice;
  }

  /** A later call continues this statement (iterators): its own cancellation, a fresh slice. */
  continueWith(control: CallControl): void {
    this.control = control;
    this.sliceEnd = performance.now() + this.core.settings.timeSlice;
  }

  /**
   * Steps to the next row: true for a row (read it with prepared.row()), false when done. The
   * answer comes back directly when it is reached within the current slice, else as a promise
   * (the slice was spent, or the statement waits for the write lock).
   */
  next(): boolean | Promise<boolean> {
    try {
      for (;;) {
        if (this.control.reason) this.stopInterrupted();
        if (this.stepNow) this.stepNow = false;
        else if (performance.now() >= this.sliceEnd) {
          // The slice is spent: the event loop gets a turn, then at least one step runs.
          return this.resume(this.core.settings.yieldSlice(), true);
        }
        if (!this.started) {
          this.started = true;
          if (this.mustQueueFirst()) return this.resume(this.waitForWriteLock(), false);
        }
        const result = this.prepared.step(this.sliceEnd);
        if (result === StepResult.Busy) return this.resume(this.waitForWriteLock(), false);
        this.leaveQueue();
        if (result === StepResult.Row) return true;
        if (result === StepResult.Done) return false;
        // Yield: the slice is spent; the loop pauses before stepping on.
      }
    } catch (error) {
      this.fail();
      throw error;
    }
  }

  /** Continues next() once `wait` is over: after a yield (`yielded`), with at least one step. */
  private async resume(wait: Promise<void>, yielded: boolean): Promise<boolean> {
    try {
      await wait;
    } catch (error) {
      this.fail();
      throw error;
    }
    this.sliceEnd = performance.now() + this.core.settings.timeSlice;
    this.stepNow = yielded;
    return this.next();
  }

  private fail(): void {
    this.leaveQueue();
    this.prepared.reset();
  }

  /** Ends the statement's run (bindings are kept by the engine; the caller clears them). */
  finish(): void {
    this.leaveQueue();
    this.prepared.reset();
  }

  /** A writer that arrives while others wait for the lock lines up behind them instead of overtaking. */
  private mustQueueFirst(): boolean {
    const engine = this.core.engine;
    const lock = engine.writeLock;
    if (!lock || engine.holdsWriteLock || engine.inConcurrentTransaction || this.core.settings.busyTimeout <= 0) return false;
    if (this.prepared.readonly && !BEGIN_WRITE.test(this.prepared.sql)) return false;
    return WriterQueue.of(lock).length > 0;
  }

  private async waitForWriteLock(): Promise<void> {
    const lock = this.core.engine.writeLock;
    const timeout = this.core.settings.busyTimeout;
    if (!lock || timeout <= 0) throw new SqliteError('database is locked', 'SQLITE_BUSY');
    this.writer ??= WriterQueue.of(lock).enter(timeout, this.control);
    await this.writer.turn();
  }

  private leaveQueue(): void {
    this.writer?.leave();
    this.writer = null;
  }

  /** Stops with SQLITE_INTERRUPT; a statement holding the transaction fails through the engine's interrupt. */
  private stopInterrupted(): never {
    const reason = this.control.reason!;
    this.leaveQueue();
    const engine = this.core.engine;
    engine.interrupt();
    if (engine.interrupted) {
      try {
        this.prepared.step(); // fails at once with SQLITE_INTERRUPT, rolling back the statement
      } catch {
        // expected
      }
    }
    throw reason;
  }
}

/** `fn(value)`, after `value` settles when it is a promise (so a value at hand costs no promise). */
export function andThen<T, U>(value: T | Promise<T>, fn: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}
