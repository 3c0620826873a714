// Drives a resumable PreparedStatement to its next row for the synchronous API. A Yield is simply
// continued. A Busy (another connection holds the write lock) fails at once with SQLITE_BUSY when the
// holder runs in this thread, which is always the case today (one process per database file, one
// Pager per thread): blocking the thread could never let that holder finish, it would only freeze the
// process for the whole timeout. Only a holder elsewhere (a stand-in connection that cannot tell, or a
// future cross-thread lock) is waited for, with short sleeps up to the busy timeout, like
// sqlite3_busy_timeout. Use the async API (connect()) to queue for the lock instead.

import { SqliteError } from '../common/errors.js';
import { StepResult, type PreparedStatement } from '../engine/prepared.js';
import type { Connection } from '../engine/types.js';

/** What stepping needs from the database state. */
export interface SteppingContext {
  readonly connection: Connection;
  readonly busyTimeoutMs: number;
}

/** Row or Done: the only outcomes the synchronous API passes on. */
export function stepSync(statement: PreparedStatement, context: SteppingContext): typeof StepResult.Row | typeof StepResult.Done {
  let waitedMs = 0;
  for (;;) {
    const result = statement.step();
    if (result === StepResult.Row || result === StepResult.Done) return result;
    if (result === StepResult.Busy) {
      const busyTimeoutMs = context.busyTimeoutMs;
      if (waitedMs >= busyTimeoutMs || context.connection.writeLock?.heldInThisThread) {
        throw new SqliteError('database is locked', 'SQLITE_BUSY');
      }
      // SQLite's busy handler backs off from 1 ms up to 100 ms between attempts.
      const delay = Math.min(busyBackoffMs(waitedMs), busyTimeoutMs - waitedMs);
      sleepSync(delay);
      waitedMs += delay;
    }
    // StepResult.Yield: the time budget ran out between opcodes; continuing is always safe.
  }
}

function busyBackoffMs(waitedMs: number): number {
  if (waitedMs < 10) return 1;
  if (waitedMs < 100) return 10;
  return 100;
}

let sleepCell: Int32Array | null | undefined;

/** Blocks the thread for `ms` milliseconds (Atomics.wait where allowed, else a spin on the clock). */
export function sleepSync(ms: number): void {
  if (ms <= 0) return;
  if (sleepCell === undefined) {
    try {
      sleepCell = new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(sleepCell, 0, 0, 0);
    } catch {
      sleepCell = null; // No SharedArrayBuffer, or a browser main thread where Atomics.wait throws.
    }
  }
  if (sleepCell) {
    Atomics.wait(sleepCell, 0, 0, ms);
    return;
  }
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin: the synchronous API has no other way to wait here.
  }
}
