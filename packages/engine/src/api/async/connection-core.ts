// The state one async connection's handles share: the engine connection, its slicing and busy
// settings, the queue that runs its calls one at a time, and the lock that keeps transaction() calls
// from overlapping.

import { SqliteError } from '../../common/errors.js';
import type { PreparedStatement } from '../../engine/prepared.js';
import type { Connection } from '../../engine/types.js';
import { CallControl, type CallOptions } from './call-control.js';
import { yieldToEventLoop } from './yield.js';

export interface CoreSettings {
  readonly busyTimeout: number;
  readonly timeSlice: number;
  readonly safeIntegers: boolean;
  /** Called between slices; the default gives the event loop a turn. Tests substitute a scheduler. */
  readonly yieldSlice: () => Promise<void>;
}

export class ConnectionCore {
  /** Calls queued or running. A call made while none is starts at once, in the caller's turn. */
  private pending = 0;
  /** Starts of the queued calls, in call order (each runs once the one before it has ended). */
  private readonly queue: (() => void)[] = [];
  /** A transaction() holds the transaction lock; `transactionWaiters` get it in turn. */
  private transactionHeld = false;
  private readonly transactionWaiters: (() => void)[] = [];
  /** The call running now, which interrupt() aborts. */
  private current: CallControl | null = null;
  closed = false;
  /** BEGIN/COMMIT/ROLLBACK statements of transaction(), compiled once (keyed by their SQL). */
  readonly controlStatements = new Map<string, PreparedStatement>();

  constructor(
    readonly engine: Connection,
    readonly settings: CoreSettings,
  ) {}

  static defaultYield = yieldToEventLoop;

  /**
   * Queues `task` behind this connection's earlier calls (one statement runs at a time per
   * connection) and runs it with the call's cancellation state. The timeout counts from now.
   */
  run<T>(options: CallOptions | undefined, task: (control: CallControl) => Promise<T> | T): Promise<T> {
    try {
      const result = this.call(options, task);
      return isPromise(result) ? result : Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * run() for callers that take a plain value too: when no call is pending, `task` starts at once
   * and, if it ends without waiting (a statement done in its first slice), its value comes back
   * directly (an error is thrown), with no promise made. Otherwise a promise.
   */
  call<T>(options: CallOptions | undefined, task: (control: CallControl) => Promise<T> | T): Promise<T> | T {
    const control = new CallControl(options);
    if (this.pending++ === 0) return this.execute(control, task);
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        try {
          const result = this.execute(control, task);
          if (isPromise(result)) result.then(resolve, reject);
          else resolve(result);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private execute<T>(control: CallControl, task: (control: CallControl) => Promise<T> | T): Promise<T> | T {
    let result: Promise<T> | T;
    try {
      if (this.closed) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
      control.throwIfAborted();
      this.current = control;
      result = task(control);
    } catch (error) {
      this.settle(control);
      throw error;
    }
    if (!isPromise(result)) {
      this.settle(control);
      return result;
    }
    return result.then(
      (value) => {
        this.settle(control);
        return value;
      },
      (error: unknown) => {
        this.settle(control);
        throw error;
      },
    );
  }

  /** The call ended: the next queued one starts in a later microtask (never inside this call's stack). */
  private settle(control: CallControl): void {
    this.current = null;
    control.dispose();
    this.pending--;
    const next = this.queue.shift();
    if (next) queueMicrotask(next);
  }

  /** Aborts the running call (SQLITE_INTERRUPT at its next slice boundary or while it waits). */
  interrupt(): void {
    this.current?.abort();
  }

  /** Takes the transaction lock when it is free (returns the release), else null: wait with lockTransactions(). */
  tryLockTransactions(): (() => void) | null {
    if (this.transactionHeld) return null;
    this.transactionHeld = true;
    return this.releaseTransactions;
  }

  /** Waits until no other transaction() runs on this connection; returns the release. */
  lockTransactions(): Promise<() => void> {
    const release = this.tryLockTransactions();
    if (release) return Promise.resolve(release);
    return new Promise((resolve) => this.transactionWaiters.push(() => resolve(this.releaseTransactions)));
  }

  /** Hands the lock to the next waiting transaction(), or frees it. Called once per lock taken. */
  private readonly releaseTransactions = (): void => {
    const next = this.transactionWaiters.shift();
    if (next) next();
    else this.transactionHeld = false;
  };
}

function isPromise<T>(value: Promise<T> | T): value is Promise<T> {
  return value instanceof Promise;
}
