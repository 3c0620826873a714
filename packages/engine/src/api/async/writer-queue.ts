// The fair FIFO queue of async writers waiting for one database's write lock. A writer joins when its
// statement returns Busy (or when others are already waiting, so a newcomer never overtakes them);
// each release of the lock wakes only the first writer, which steps again and leaves the queue once it
// holds the lock or failed. Waiting is a pending promise, never a polling loop: the wake-up comes from
// the pager's write-end notification. A wait ends with SQLITE_BUSY after the busy timeout, or with
// SQLITE_INTERRUPT when its call is aborted.
//
// The synchronous API does not queue: it fails fast (see api/stepping.ts), so it may take a free lock
// ahead of queued async writers; the first writer then simply waits for the next release.

import { SqliteError } from '../../common/errors.js';
import type { WriteLockView } from '../../engine/types.js';
import type { CallControl } from './call-control.js';

const queues = new WeakMap<WriteLockView, WriterQueue>();

export class WriterQueue {
  private readonly waiters: WaitingWriter[] = [];

  private constructor(private readonly lock: WriteLockView) {
    lock.onRelease(() => this.wakeFirst());
  }

  /** The queue of the database whose write lock is `lock` (one per database, created on first use). */
  static of(lock: WriteLockView): WriterQueue {
    let queue = queues.get(lock);
    if (!queue) {
      queue = new WriterQueue(lock);
      queues.set(lock, queue);
    }
    return queue;
  }

  /** Writers waiting (including one that was woken and is about to step). */
  get length(): number {
    return this.waiters.length;
  }

  /** Joins the end of the queue; the wait fails with SQLITE_BUSY after `timeoutMs`. */
  enter(timeoutMs: number, control: CallControl): WaitingWriter {
    const writer = new WaitingWriter(this, timeoutMs, control);
    this.waiters.push(writer);
    return writer;
  }

  /** @internal */
  remove(writer: WaitingWriter): void {
    const index = this.waiters.indexOf(writer);
    if (index >= 0) this.waiters.splice(index, 1);
    this.wakeFirst();
  }

  /** Lets the first writer step when the lock is free. */
  wakeFirst(): void {
    if (this.lock.held) return;
    this.waiters[0]?.wake();
  }
}

export class WaitingWriter {
  private pending: { resolve(): void; reject(error: unknown): void } | null = null;
  private failure: SqliteError | null = null;
  private left = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly detachAbort: () => void;

  constructor(
    private readonly queue: WriterQueue,
    timeoutMs: number,
    control: CallControl,
  ) {
    this.timer = setTimeout(() => this.fail(new SqliteError('database is locked', 'SQLITE_BUSY')), timeoutMs);
    this.detachAbort = control.onAbort((reason) => this.fail(reason));
  }

  /** Resolves when this writer is first in line and the lock is free; rejects on timeout or abort. */
  turn(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.queue.wakeFirst();
    });
  }

  /** @internal Called by the queue for its first writer while the lock is free. */
  wake(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending.resolve();
  }

  /** Leaves the queue (the writer got the lock, or gave up); the next writer may then be woken. */
  leave(): void {
    if (this.left) return;
    this.left = true;
    clearTimeout(this.timer);
    this.detachAbort();
    this.queue.remove(this);
  }

  private fail(error: SqliteError): void {
    if (this.left) return;
    this.failure = error;
    const pending = this.pending;
    this.pending = null;
    this.leave();
    pending?.reject(error);
  }
}
