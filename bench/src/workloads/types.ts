// The contract of one workload: set up per engine (untimed), then measure repetitions that each return a
// figure (lower is better) and the answer the engine produced, which must match the reference's.

import type { Answer } from '../answer.js';
import type { EngineAdapter } from '../engines/types.js';
import type { Fixtures } from '../fixtures/fixtures.js';
import type { Sizes } from '../config.js';
import type { Deadline } from '../util/deadline.js';
import type { Scratch } from '../util/files.js';

export interface Sample {
  /** The figure, in the workload's unit; lower is better. */
  readonly value: number;
  readonly answer: Answer;
}

export interface WorkloadTrial {
  /** How the engine was driven, when engines differ (e.g. the concurrency mechanism). */
  readonly mechanism?: string;
  /** One repetition; long loops call `deadline.check()` between units of work. */
  measure(deadline: Deadline): Promise<Sample>;
  close(): Promise<void>;
}

export interface RunContext {
  readonly sizes: Sizes;
  readonly scratch: Scratch;
  readonly fixtures: Fixtures;
  /** Measure memory in a child process per engine (needs the compiled dist/; tests measure in-process). */
  readonly isolateMemory: boolean;
}

export interface Workload {
  readonly id: string;
  readonly title: string;
  readonly unit: 'ms' | 'MB';
  /** One line saying what is measured, shown under the table and in the JSON. */
  describe(sizes: Sizes): string;
  /** Overrides sizes.warmups (e.g. 0 where every measurement starts cold anyway). */
  readonly warmups?: number;
  /** Multiplies sizes.timeLimitMs (for workloads whose figure is not time, so slowness is not the point). */
  readonly timeLimitScale?: number;
  /** Builds the fixture files the workload reads, before any engine's time starts counting. */
  buildFixtures?(context: RunContext): void;
  setup(engine: EngineAdapter, context: RunContext): Promise<WorkloadTrial>;
}
