// The compiled form of one statement: a flat list of instructions (opcode + operands, as in
// SQLite's VDBE), the number of registers and cursors it needs, and its result columns.
// Programs are immutable once built; all execution state lives in the Vdbe (vm/vdbe.ts).

import type { ResultColumn } from '../engine/prepared.js';

/**
 * One instruction. p1..p3 are integers (registers, cursors, jump targets); p4 carries anything
 * else (a constant, a key description, a function); p5 holds small flags. Each opcode's doc
 * comment (in vm/ops/*.ts) says what its operands mean.
 */
export interface Instruction {
  op: Opcode;
  p1: number;
  p2: number;
  p3: number;
  p4: unknown;
  p5: number;
  /** Human-readable note for EXPLAIN-style dumps. */
  comment?: string;
}

export interface Program {
  readonly instructions: readonly Instruction[];
  readonly registerCount: number;
  readonly cursorCount: number;
  readonly columns: readonly ResultColumn[];
  /** true when the program never writes the database. */
  readonly readonly: boolean;
  /** Number of parameter slots, and their names (index 0 = slot 1). */
  readonly parameterNames: readonly (string | null)[];
  /** The schema generation the program was compiled against (re-prepare when it changes). */
  readonly schemaGeneration: number;
  /** INSERT/UPDATE/DELETE: the rows it changes become the connection's changes() count. */
  readonly countsChanges: boolean;
  /**
   * Set when the statement runs without a statement savepoint (it cannot fail once it writes): the
   * address of its first write. An error at or after it rolls back the whole transaction, as SQLite
   * does for a statement without a statement journal. Undefined: a savepoint guards the statement.
   */
  readonly unjournaledWriteStart?: number;
}

/** Opcode numbers. Grouped by the ops/*.ts file that implements them. */
export const enum Opcode {
  // control.ts
  Init,
  Goto,
  Halt,
  HaltWithError,
  HaltIfNull,
  If,
  IfNot,
  IsNull,
  NotNull,
  Gosub,
  Return,
  IfPos,
  DecrJumpZero,
  Once,
  Noop,
  // data.ts
  Value,
  Null,
  Variable,
  Copy,
  SCopy,
  ResultRow,
  MakeRecord,
  Cast,
  Affinity,
  MustBeInt,
  TypeCheck, // type-check.ts
  // expression.ts
  Add,
  Subtract,
  Multiply,
  Divide,
  Remainder,
  BitAnd,
  BitOr,
  ShiftLeft,
  ShiftRight,
  BitNot,
  Negate,
  Concat,
  Not,
  And,
  Or,
  Compare,
  CompareJump,
  Function,
  AggStep,
  AggFinal,
  // cursor.ts
  OpenRead,
  OpenWrite,
  OpenEphemeral,
  Close,
  Rewind,
  Last,
  Next,
  Prev,
  SeekRowid,
  NotExists,
  SeekGE,
  SeekGT,
  SeekLE,
  SeekLT,
  IdxGE,
  IdxGT,
  IdxLE,
  IdxLT,
  Found,
  NotFound,
  Column,
  Rowid,
  IdxRowid,
  NullRow,
  Count,
  // write.ts
  NewRowid,
  Insert,
  IdxInsert,
  Delete,
  IdxDelete,
  NoConflict,
  RowSetAdd,
  RowSetRead,
  // sorter.ts
  SorterOpen,
  SorterInsert,
  SorterSort,
  SorterNext,
  SorterSubtypes,
  ColumnSubtype,
  // window.ts
  WindowOpen,
  WindowNext,
  // transaction.ts
  Transaction,
  AutoCommit,
  CreateBtree,
  Destroy,
  Clear,
  ParseSchema,
  ReadCookie,
  SetCookie,
  HostCall,
  // trigger.ts
  Program,
  TriggerReturn,
  Raise,
  ResetCount,
  ChangeCount,
  RootLoad,
  RootStore,
  // foreign-key.ts
  FkCounter,
  FkIfZero,
  FkCheck,
  // cte.ts
  QueueOpen,
  QueuePush,
  QueuePop,
  OpenDup,
  // group.ts
  GroupOpen,
  GroupStep,
  GroupSort,
  GroupNext,
}

/** A scalar function as the Function opcode calls it (implemented by the functions layer). */
export interface VmScalarFunction {
  readonly name: string;
  /** `call` is given only to functions that set `subtypes` (see vm/subtype.ts). */
  invoke(args: readonly import('../common/values.js').SqlValue[], host: import('./host.js').VmHost, call?: import('./subtype.js').SubtypeCall): import('../common/values.js').SqlValue;
  /** Reads its arguments' subtypes or gives its result one (SQLite's SQLITE_SUBTYPE / SQLITE_RESULT_SUBTYPE). */
  readonly subtypes?: boolean;
}

/** An aggregate as AggStep/AggFinal call it: state is opaque to the VM. */
export interface VmAggregateFunction {
  readonly name: string;
  /** The built-in count(*) (SQLite's SQLITE_FUNC_COUNT): a plain count(*) FROM t may read the b-tree's entry count instead. */
  readonly countsRows?: boolean;
  /** DISTINCT calls whose argument has a NOCASE/RTRIM collation: values with the same key count once. */
  readonly distinctTextKey?: import('../values/collation.js').TextKey;
  start(): unknown;
  /** `call` (arguments' subtypes) is given to aggregates that set `subtypes` or `resultSubtype`, when an argument may have one. */
  step(state: unknown, args: readonly import('../common/values.js').SqlValue[], call?: import('./subtype.js').SubtypeCall): unknown;
  result(state: unknown): import('../common/values.js').SqlValue;
  /** Removes a row from the accumulator (window frames that slide); absent when the function cannot. */
  inverse?(state: unknown, args: readonly import('../common/values.js').SqlValue[]): unknown;
  /** The current result inside a sliding window frame, when it differs from result() (SQLite's xValue). */
  value?(state: unknown): import('../common/values.js').SqlValue;
  /**
   * Reads its arguments' subtypes (SQLite's SQLITE_SUBTYPE): as a window function too, where SQLite
   * then evaluates its arguments at each step instead of storing them (bExprArgs).
   */
  readonly subtypes?: boolean;
  /** The subtype of the result for this state (json_group_array's JSON; min/max pass their value's); absent: none. */
  resultSubtype?(state: unknown): number;
}
