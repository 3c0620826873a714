// One call's cancellation state: an AbortSignal, a timeout, or Connection.interrupt() all end the
// call with SQLITE_INTERRUPT "interrupted". The runner checks it between slices and while queued for
// the write lock; listeners let a queued wait end at once.

import { SqliteError } from '../../common/errors.js';

/** Options every async call accepts. */
export interface CallOptions {
  /** Aborting it ends the call with SQLITE_INTERRUPT. */
  signal?: AbortSignal;
  /** Milliseconds after which the call ends with SQLITE_INTERRUPT (from the moment it is made). */
  timeout?: number;
}

export function interruptedError(): SqliteError {
  return new SqliteError('interrupted', 'SQLITE_INTERRUPT');
}

export class CallControl {
  #reason: SqliteError | null = null;
  /** Made on first use: most calls never wait, so never listen (one call per statement). */
  #listeners: Set<(reason: SqliteError) => void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #signal: AbortSignal | null = null;
  #onSignal: (() => void) | null = null;

  constructor(options: CallOptions | undefined) {
    const signal = options?.signal;
    const timeout = options?.timeout;
    if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.addEventListener !== 'function')) {
      throw new TypeError('Expected the "signal" option to be an AbortSignal');
    }
    if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout >= 0))) {
      throw new TypeError('Expected the "timeout" option to be a non-negative number');
    }
    if (signal?.aborted) this.#reason = interruptedError();
    else if (signal) {
      this.#signal = signal;
      this.#onSignal = () => this.abort();
      signal.addEventListener('abort', this.#onSignal, { once: true });
    }
    if (timeout !== undefined && this.#reason === null) this.#timer = setTimeout(() => this.abort(), timeout);
  }

  /** The error the call ends with, once aborted. */
  get reason(): SqliteError | null {
    return this.#reason;
  }

  abort(): void {
    if (this.#reason) return;
    this.#reason = interruptedError();
    if (this.#listeners) for (const listener of [...this.#listeners]) listener(this.#reason);
  }

  throwIfAborted(): void {
    if (this.#reason) throw this.#reason;
  }

  /** Calls `listener` when the call is aborted; returns the unsubscribe. */
  onAbort(listener: (reason: SqliteError) => void): () => void {
    const listeners = (this.#listeners ??= new Set());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  /** Stops the timer and signal listener (the call has ended). */
  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#signal && this.#onSignal) this.#signal.removeEventListener('abort', this.#onSignal);
    this.#signal = null;
    this.#onSignal = null;
    this.#listeners?.clear();
  }
}

const CALL_OPTION_KEYS = new Set(['signal', 'timeout']);

/**
 * Splits a statement call's arguments into bind parameters and call options. The last argument is
 * call options when it is a plain object whose only keys are `signal` and/or `timeout` and the
 * statement has no named parameter of that name (so a named-parameter object is never mistaken).
 */
export function splitCallOptions(args: unknown[], namedKeys: ReadonlySet<string>): { params: unknown[]; options: CallOptions | undefined } {
  const last = args[args.length - 1];
  if (typeof last !== 'object' || last === null || Array.isArray(last) || ArrayBuffer.isView(last)) return { params: args, options: undefined };
  const proto = Object.getPrototypeOf(last) as object | null;
  if (proto !== null && proto !== Object.prototype) return { params: args, options: undefined };
  const keys = Object.keys(last);
  if (keys.length === 0 || !keys.every((key) => CALL_OPTION_KEYS.has(key) && !namedKeys.has(key))) return { params: args, options: undefined };
  return { params: args.slice(0, -1), options: last as CallOptions };
}
