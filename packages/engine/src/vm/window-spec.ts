// What the window opcodes (WindowOpen/WindowNext, vm/ops/window.ts) are told by the compiler: the
// layout of the sorted rows, each window's frame, and the functions computed over it.

import type { Collation } from '../values/collation.js';
import type { VmAggregateFunction } from './program.js';

/**
 * How a built-in window function is evaluated. `aggregate`: through step/inverse/result like any
 * aggregate; `first_value`/`nth_value`: read from the frame's rows (their step/result serve the
 * EXCLUDE case); `lead`/`lag`: read from a row at an offset in the partition. `frame` replaces
 * the frame written in the query (SQLite does so for the ranking functions).
 */
export interface WindowBehavior {
  readonly evaluation: 'aggregate' | 'first_value' | 'nth_value' | 'lead' | 'lag';
  readonly frame?: FrameSpec;
}

export interface VmWindowFunction extends VmAggregateFunction {
  readonly window: WindowBehavior;
}

export type FrameBoundKind = 'UnboundedPreceding' | 'Preceding' | 'CurrentRow' | 'Following' | 'UnboundedFollowing';

export interface FrameBoundSpec {
  readonly kind: FrameBoundKind;
  /** Preceding/Following: the register holding the offset (evaluated once, before the pass). */
  readonly register?: number;
  /** Built-in frames carry their offset as a constant instead. */
  readonly constant?: bigint;
}

export interface FrameSpec {
  readonly units: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: FrameBoundSpec;
  readonly end: FrameBoundSpec;
  /** null: no EXCLUDE clause; 'NO OTHERS' written explicitly still selects SQLite's rescanning mode. */
  readonly exclude: 'NO OTHERS' | 'CURRENT ROW' | 'GROUP' | 'TIES' | null;
}

export interface WindowFunctionSpec {
  readonly evaluation: WindowBehavior['evaluation'] | 'minmax';
  readonly fn: VmAggregateFunction;
  /** Payload slots holding the arguments (evaluated per row before the pass). */
  readonly args: readonly number[];
  /** Payload slot holding the FILTER condition, or -1. */
  readonly filter: number;
  /** Payload slot the result is written to. */
  readonly result: number;
  /** min/max over a sliding frame: true for max; the collation of the argument. */
  readonly max?: boolean;
  readonly collation?: Collation;
}

/** One frame over the pass's ordering, with the functions computed over it. */
export interface WindowFrameSpec {
  readonly frame: FrameSpec;
  readonly functions: readonly WindowFunctionSpec[];
}

/**
 * p4 of WindowOpen. Each sorted row is [partition keys, order keys, payload]; WindowNext writes the
 * payload (with the results filled in) to its output registers.
 */
export interface WindowPassSpec {
  readonly partitionCollations: readonly Collation[];
  readonly orderCollations: readonly Collation[];
  readonly orderDescending: readonly boolean[];
  /** Per ORDER BY term: NULLs sort after other values (ASC NULLS LAST, DESC NULLS FIRST). */
  readonly orderBigNull: readonly boolean[];
  readonly payloadWidth: number;
  readonly frames: readonly WindowFrameSpec[];
}
