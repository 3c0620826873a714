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
  /** Settles when every call queued so far has ended. */
  private tail: Promise<unknown> = Promise.resolve();
  private transactionTail: Promise<void> = Promise.resolve();
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
    let control: CallControl;
    try {
      control = new CallControl(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const result = this.tail.then(async () => {
      try {
        if (this.closed) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
        control.throwIfAborted();
        this.current = control;
        return await task(control);
      } finally {
        this.current = null;
        control.dispose();
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Aborts the running call (SQLITE_INTERRUPT at its next slice boundary or while it waits). */
  interrupt(): void {
    this.current?.abort();
  }

  /** Waits until no other transaction() runs on this connection; returns the release. */
  async lockTransactions(): Promise<() => void> {
    const previous = this.transactionTail;
    let release!: () => void;
    this.transactionTail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}
