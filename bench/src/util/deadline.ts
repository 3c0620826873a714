// A per-engine time limit that workloads check between units of work (rows inserted, lookups, queries,
// transactions), so an engine far slower than the others cannot stretch a run past its time box.
// A single long statement of a synchronous engine cannot be interrupted; it is checked when it returns.

export class TimeLimitExceeded extends Error {
  constructor(limitMs: number) {
    super(`time limit exceeded (${(limitMs / 1000).toFixed(1)} s per engine and workload)`);
    this.name = 'TimeLimitExceeded';
  }
}

export class Deadline {
  constructor(
    private readonly at: number,
    private readonly limitMs: number,
  ) {}

  /** A deadline that never passes (for callers outside a run). */
  static never(): Deadline {
    return new Deadline(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  /** Milliseconds left (negative once passed). */
  remainingMs(): number {
    return this.at - performance.now();
  }

  /** The error to throw when work is stopped for this deadline. */
  exceeded(): TimeLimitExceeded {
    return new TimeLimitExceeded(this.limitMs);
  }

  /** Throws TimeLimitExceeded once the deadline has passed. */
  check(): void {
    if (performance.now() > this.at) throw new TimeLimitExceeded(this.limitMs);
  }
}
