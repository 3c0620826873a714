// The window frame engine behind WindowOpen/WindowNext: walks sorted rows partition by partition
// and, for each row, moves every frame's accumulator to the row's frame (SQLite's order: rows enter
// and leave in sort order, each once; inverse() removes, step() adds), then reads the results.
// Work is counted: when a slice is spent, next() returns false with all progress kept here, and
// WindowNext runs again (so a long partition yields to the time budget like any loop).

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { numericFromText } from '../values/affinity.js';
import { arithmetic } from '../values/arithmetic.js';
import { truthValue } from '../values/cast.js';
import type { Collation } from '../values/collation.js';
import { compareValues } from '../values/compare.js';
import { MemoryVmCursor } from './cursor.js';
import { subtypeCall, type SubtypeCall } from './subtype.js';
import { exactInteger } from './ops/data.js';
import type { FrameBoundSpec, FrameSpec, WindowFrameSpec, WindowFunctionSpec, WindowPassSpec } from './window-spec.js';

/** Function calls (and row comparisons) per WindowNext execution before it yields. */
const WORK_SLICE = 512;

interface FunctionRun {
  readonly spec: WindowFunctionSpec;
  state: unknown;
  started: boolean;
  /** The result for the row (or peer group) last evaluated. */
  value: SqlValue;
}

interface FrameRun {
  readonly spec: WindowFrameSpec;
  readonly frame: FrameSpec;
  readonly functions: FunctionRun[];
  /** Offsets (numbers for RANGE, integers otherwise). */
  startOffset: SqlValue;
  endOffset: SqlValue;
  /** ROWS/GROUPS frames like "2 PRECEDING AND 3 PRECEDING": always empty, nothing is stepped. */
  alwaysEmpty: boolean;
  /** SQLite adds rows before removing them for these RANGE frames; else removes first. */
  stepsFirst: boolean;
  /** ROWS/GROUPS frames of fixed width: the end's distance from the start, in rows or groups; else -1. */
  lag: number;
  /** Progress of moveAccumulators through its phases for the current target (frames without a lag). */
  phase: number;
  /** EXCLUDE given: each result rescans the frame (SQLite's slow path). */
  rescan: boolean;
  /** Rows [s, e) are in the accumulators. */
  s: number;
  e: number;
  /** RANGE offset bounds: scan positions. */
  rangeStart: number;
  rangeEnd: number;
  /** Row the target frame [fs, fe) was computed for. */
  targetRow: number;
  fs: number;
  fe: number;
  /** Peer group whose aggregate values are current (RANGE/GROUPS read them once per group). */
  valueGroupStart: number;
  /** Row whose results are complete. */
  doneRow: number;
  /** Rescan or min/max scan progress. */
  scanFunction: number;
  scanPos: number;
  scanBest: number;
}

export class WindowVmCursor extends MemoryVmCursor {
  private readonly keyCount: number;
  private readonly partitionCount: number;
  private readonly frames: FrameRun[];
  private work = 0;
  /** Current row and partition [ps, pe); pe is found by scanning (scanEnd). */
  private row = 0;
  private ps = 0;
  private pe = 0;
  private scanEnd = 0;
  /** Per row: its peer group's first row and one past its last; group starts of the partition. */
  private readonly peerStart: Int32Array;
  private readonly peerEnd: Int32Array;
  private readonly groupNumber: Int32Array;
  private groupStarts: number[] = [];
  private frameIndex = 0;
  /** The aggregates whose results may have a subtype (VmAggregateFunction.resultSubtype). */
  private readonly subtypedResults: FunctionRun[];

  constructor(
    rows: SqlValue[][],
    private readonly spec: WindowPassSpec,
    registers: readonly SqlValue[],
  ) {
    super(null);
    this.rows = rows;
    this.partitionCount = spec.partitionCollations.length;
    this.keyCount = this.partitionCount + spec.orderCollations.length;
    this.peerStart = new Int32Array(rows.length);
    this.peerEnd = new Int32Array(rows.length);
    this.groupNumber = new Int32Array(rows.length);
    this.frames = spec.frames.map((f) => this.openFrame(f, registers));
    this.subtypedResults = this.frames.flatMap((f) => f.functions.filter((fn) => fn.spec.evaluation === 'aggregate' && fn.spec.fn.resultSubtype));
  }

  private openFrame(spec: WindowFrameSpec, registers: readonly SqlValue[]): FrameRun {
    const frame = spec.frame;
    const startOffset = frameOffset(frame, frame.start, registers, 'starting');
    const endOffset = frameOffset(frame, frame.end, registers, 'ending');
    let alwaysEmpty = false;
    if (frame.units !== 'RANGE' && frame.start.kind === frame.end.kind && (frame.start.kind === 'Preceding' || frame.start.kind === 'Following')) {
      const n = startOffset as bigint;
      const m = endOffset as bigint;
      alwaysEmpty = frame.start.kind === 'Following' ? m < n : m > n;
    }
    return {
      spec,
      frame,
      functions: spec.functions.map((f) => ({ spec: f, state: undefined, started: false, value: null })),
      startOffset,
      endOffset,
      alwaysEmpty,
      stepsFirst: frame.units === 'RANGE' && (frame.start.kind === 'Following' || (frame.start.kind === 'Preceding' && frame.end.kind === 'Preceding')),
      lag: frameLag(frame, startOffset, endOffset),
      phase: 0,
      rescan: frame.exclude !== null,
      s: 0,
      e: 0,
      rangeStart: 0,
      rangeEnd: 0,
      targetRow: -1,
      fs: 0,
      fe: 0,
      valueGroupStart: -1,
      doneRow: -1,
      scanFunction: 0,
      scanPos: -1,
      scanBest: -1,
    };
  }

  /** true once every row was returned. */
  get finished(): boolean {
    return this.row >= this.rows.length;
  }

  /**
   * Computes the current row's results into `out` (payload with result slots filled) and moves
   * on. Returns false when the work slice ran out first (call again).
   */
  next(out: SqlValue[], outBase: number): boolean {
    this.work = 0;
    const r = this.row;
    if (r >= this.pe && !this.scanPartition()) return false;
    for (; this.frameIndex < this.frames.length; this.frameIndex++) {
      if (!this.computeFrame(this.frames[this.frameIndex]!, r)) return false;
    }
    this.frameIndex = 0;
    const row = this.rows[r]!;
    const k = this.keyCount;
    for (let i = 0; i < this.spec.payloadWidth; i++) out[outBase + i] = row[k + i]!;
    for (const f of this.frames) for (const fn of f.functions) out[outBase + fn.spec.result] = fn.value;
    this.row = r + 1;
    return true;
  }

  /** Calls `tag` with the payload slot and subtype of each result next() last wrote that has one. */
  resultSubtypes(tag: (slot: number, kind: number) => void): void {
    for (const fn of this.subtypedResults) tag(fn.spec.result, fn.spec.fn.resultSubtype!(fn.state));
  }

  /** The subtypes the payload next() last wrote had in the sorter (for the next pass's functions), or null. */
  payloadSubtypes(): readonly number[] | null {
    const subtypes = this.rowSubtypes?.get(this.rows[this.row - 1]!);
    return subtypes ? subtypes.slice(this.keyCount, this.keyCount + this.spec.payloadWidth) : null;
  }

  // ---- partitions and peer groups ----------------------------------------------------------

  private scanPartition(): boolean {
    const rows = this.rows;
    const r = this.row;
    if (this.scanEnd <= r) {
      this.scanEnd = r;
      this.ps = r;
      this.groupStarts = [];
      for (const f of this.frames) this.resetFrame(f, r);
    }
    const orderCollations = this.spec.orderCollations;
    while (this.scanEnd < rows.length) {
      const i = this.scanEnd;
      if (i > r && !sameKeys(rows[i]!, rows[r]!, 0, this.spec.partitionCollations)) break;
      if (i === r || !sameKeys(rows[i]!, rows[i - 1]!, this.partitionCount, orderCollations)) {
        this.closeGroup(i);
        this.groupStarts.push(i);
      }
      this.peerStart[i] = this.groupStarts[this.groupStarts.length - 1]!;
      this.groupNumber[i] = this.groupStarts.length - 1;
      this.scanEnd = i + 1;
      if (++this.work >= WORK_SLICE) return false;
    }
    this.closeGroup(this.scanEnd);
    this.pe = this.scanEnd;
    return true;
  }

  /** Sets peerEnd for the group being closed at row `end`. */
  private closeGroup(end: number): void {
    const starts = this.groupStarts;
    if (starts.length === 0) return;
    for (let i = starts[starts.length - 1]!; i < end; i++) this.peerEnd[i] = end;
  }

  private resetFrame(f: FrameRun, start: number): void {
    f.s = f.e = f.rangeStart = f.rangeEnd = start;
    f.valueGroupStart = -1;
    f.targetRow = -1;
    for (const fn of f.functions) {
      fn.state = undefined;
      fn.started = false;
      fn.value = null;
    }
  }

  // ---- one frame for one row -----------------------------------------------------------------

  private computeFrame(f: FrameRun, r: number): boolean {
    if (f.doneRow === r) return true;
    if (f.targetRow !== r) {
      if (f.alwaysEmpty) {
        f.fs = f.fe = this.ps;
      } else {
        const start = this.frameStart(f, r);
        if (start < 0) return false;
        const end = this.frameEnd(f, r);
        if (end < 0) return false;
        f.fs = start;
        f.fe = end;
      }
      f.targetRow = r;
      f.phase = 0;
    }
    if (!this.moveAccumulators(f)) return false;
    if (!this.readResults(f, r)) return false;
    f.doneRow = r;
    return true;
  }

  private groupStart(k: number): number {
    if (k < 0) return this.ps;
    return k >= this.groupStarts.length ? this.pe : this.groupStarts[k]!;
  }

  /** First row of the frame, or -1 when the slice ran out. */
  private frameStart(f: FrameRun, r: number): number {
    const bound = f.frame.start;
    switch (bound.kind) {
      case 'UnboundedPreceding':
        return this.ps;
      case 'CurrentRow':
        return f.frame.units === 'ROWS' ? r : this.peerStart[r]!;
      case 'UnboundedFollowing':
        return this.pe;
      default:
        break;
    }
    const preceding = bound.kind === 'Preceding';
    if (f.frame.units === 'ROWS') {
      const n = Number(f.startOffset as bigint);
      return preceding ? Math.max(this.ps, r - n) : Math.min(this.pe, r + n);
    }
    if (f.frame.units === 'GROUPS') {
      const g = this.groupNumber[r]!;
      const n = Number(f.startOffset as bigint);
      return preceding ? this.groupStart(Math.max(0, g - n)) : this.groupStart(g + n);
    }
    // RANGE: rows leave while their key is before the bound (SQLite's range test, in sort order).
    const key = this.orderKey(r);
    while (f.rangeStart < this.pe) {
      const other = this.orderKey(f.rangeStart);
      const inside = preceding ? this.rangeTest('>=', other, f.startOffset, key) : this.rangeTest('<=', key, f.startOffset, other);
      if (inside) break;
      f.rangeStart++;
      if (++this.work >= WORK_SLICE) return -1;
    }
    return f.rangeStart;
  }

  /** One past the last row of the frame, or -1 when the slice ran out. */
  private frameEnd(f: FrameRun, r: number): number {
    const bound = f.frame.end;
    switch (bound.kind) {
      case 'UnboundedFollowing':
        return this.pe;
      case 'CurrentRow':
        return f.frame.units === 'ROWS' ? r + 1 : this.peerEnd[r]!;
      case 'UnboundedPreceding':
        return this.ps;
      default:
        break;
    }
    const preceding = bound.kind === 'Preceding';
    if (f.frame.units === 'ROWS') {
      const m = Number(f.endOffset as bigint);
      return preceding ? Math.max(this.ps, r - m + 1) : Math.min(this.pe, r + m + 1);
    }
    if (f.frame.units === 'GROUPS') {
      const g = this.groupNumber[r]!;
      const m = Number(f.endOffset as bigint);
      return preceding ? (g - m < 0 ? this.ps : this.groupStart(g - m + 1)) : this.groupStart(g + m + 1);
    }
    const key = this.orderKey(r);
    while (f.rangeEnd < this.pe) {
      const other = this.orderKey(f.rangeEnd);
      const inside = preceding ? !this.rangeTest('>', other, f.endOffset, key) : this.rangeTest('>=', key, f.endOffset, other);
      if (!inside) break;
      f.rangeEnd++;
      if (++this.work >= WORK_SLICE) return -1;
    }
    return f.rangeEnd;
  }

  private orderKey(r: number): SqlValue {
    return this.rows[r]![this.partitionCount]!;
  }

  /**
   * SQLite's RANGE bound test `a + offset <op> b` (ASC; for DESC the offset is subtracted and the
   * comparison reversed). Text and blobs take no offset; NULLs equal each other and sort first
   * (or last, for NULLS LAST ordering).
   */
  private rangeTest(op: '>=' | '>' | '<=', a: SqlValue, offset: SqlValue, b: SqlValue): boolean {
    let cmp: '>=' | '>' | '<=' | '<' = op;
    let subtract = false;
    if (this.spec.orderDescending[0]) {
      cmp = op === '>=' ? '<=' : op === '>' ? '<' : '>=';
      subtract = true;
    }
    if (this.spec.orderBigNull[0] && (a === null || b === null)) {
      if (a === null) return cmp === '>=' ? true : cmp === '>' ? b !== null : cmp === '<=' ? b === null : false;
      return cmp === '<=' || cmp === '<';
    }
    const collation = this.spec.orderCollations[0]!;
    let shifted = a;
    if (a === null || typeof a === 'bigint' || typeof a === 'number') shifted = arithmetic(subtract ? '-' : '+', a, offset);
    return holds(cmp, compareNullsEqual(shifted, b, collation));
  }

  // ---- accumulators --------------------------------------------------------------------------

  /**
   * Moves the accumulators to [fs, fe). Each iteration picks the next operation from the state
   * alone, so resuming after a spent slice continues the same sequence. SQLite's order: RANGE
   * frames starting FOLLOWING (or PRECEDING..PRECEDING) add rows first; fixed-width ROWS/GROUPS
   * frames remove the row (group) `lag` units behind each row just before adding it; the others
   * remove leaving rows first. Rows are never removed before they were added.
   */
  private moveAccumulators(f: FrameRun): boolean {
    for (;;) {
      let inverse: boolean;
      if (f.stepsFirst) {
        if (f.e < f.fe) inverse = false;
        else if (f.s < f.fs && f.s < f.e) inverse = true;
        else return true;
      } else if (f.lag >= 0) {
        if (f.e < f.fe) {
          const limit = f.frame.units === 'ROWS' ? f.e - f.lag : this.groupStart(this.groupNumber[f.e]! - f.lag);
          inverse = f.s < limit && f.s < f.e;
        } else if (f.s < f.fs && f.s < f.e) inverse = true;
        else return true;
      } else {
        // Three phases: leaving rows, entering rows, then rows that could only leave once added.
        if (f.phase === 0 && !(f.s < f.fs && f.s < f.e)) f.phase = 1;
        if (f.phase === 1 && f.e >= f.fe) f.phase = 2;
        if (f.phase === 0) inverse = true;
        else if (f.phase === 1) inverse = false;
        else if (f.s < f.fs && f.s < f.e) inverse = true;
        else return true;
      }
      if (!this.apply(f, inverse ? f.s : f.e, inverse)) return false;
      if (inverse) f.s++;
      else f.e++;
    }
  }

  /** Steps (or inverts) row `r` into every aggregate of the frame; false when out of work. */
  private apply(f: FrameRun, r: number, inverse: boolean): boolean {
    if (this.work >= WORK_SLICE) return false;
    if (f.rescan || f.alwaysEmpty) return true;
    const row = this.rows[r]!;
    for (const fn of f.functions) {
      if (fn.spec.evaluation !== 'aggregate') continue;
      if (inverse && f.frame.start.kind === 'UnboundedPreceding') continue;
      if (!this.passesFilter(fn.spec, row)) continue;
      const args = this.argsOf(fn.spec, row);
      this.ensureStarted(fn);
      fn.state = inverse ? fn.spec.fn.inverse!(fn.state, args) : fn.spec.fn.step(fn.state, args, this.subtypeCallOf(fn.spec, row));
      this.work++;
    }
    return true;
  }

  private ensureStarted(fn: FunctionRun): void {
    if (!fn.started) {
      fn.state = fn.spec.fn.start();
      fn.started = true;
    }
  }

  private passesFilter(spec: WindowFunctionSpec, row: SqlValue[]): boolean {
    return spec.filter < 0 || truthValue(row[this.keyCount + spec.filter]!) === true;
  }

  /** The subtypes of a row's arguments (rowSubtypes: the sorter's, set by WindowOpen), for aggregates that read them. */
  private subtypeCallOf(spec: WindowFunctionSpec, row: SqlValue[]): SubtypeCall | undefined {
    if (!spec.fn.subtypes) return undefined;
    const subtypes = this.rowSubtypes?.get(row);
    const k = this.keyCount;
    return subtypeCall(subtypes ? spec.args.map((a) => subtypes[k + a] ?? 0) : []);
  }

  private argsOf(spec: WindowFunctionSpec, row: SqlValue[]): SqlValue[] {
    const k = this.keyCount;
    return spec.args.map((a) => row[k + a]!);
  }

  // ---- results ---------------------------------------------------------------------------------

  private readResults(f: FrameRun, r: number): boolean {
    if (f.rescan) return this.rescan(f, r);
    // Aggregates read once per peer group for RANGE/GROUPS frames (rank() relies on it), per row for ROWS.
    const group = f.frame.units === 'ROWS' ? r : this.peerStart[r]!;
    const fresh = f.valueGroupStart !== group;
    for (; f.scanFunction < f.functions.length; f.scanFunction++) {
      const fn = f.functions[f.scanFunction]!;
      const spec = fn.spec;
      switch (spec.evaluation) {
        case 'aggregate':
          if (fresh) {
            this.ensureStarted(fn);
            fn.value = spec.fn.value ? spec.fn.value(fn.state) : spec.fn.result(fn.state);
          }
          break;
        case 'minmax':
          if (fresh && !this.scanExtreme(f, fn)) return false;
          break;
        case 'first_value':
        case 'nth_value':
          fn.value = this.nthValue(f, fn, r);
          break;
        case 'lead':
        case 'lag':
          fn.value = this.offsetValue(fn.spec, r);
          break;
      }
    }
    f.scanFunction = 0;
    f.valueGroupStart = group;
    return true;
  }

  /** min()/max() over a sliding frame: the extreme non-NULL value; among equal ones, the latest row's. */
  private scanExtreme(f: FrameRun, fn: FunctionRun): boolean {
    const spec = fn.spec;
    const collation = spec.collation!;
    const k = this.keyCount + spec.args[0]!;
    if (f.scanPos < 0) {
      f.scanPos = f.s;
      f.scanBest = -1;
    }
    for (; f.scanPos < f.e; f.scanPos++) {
      if (++this.work >= WORK_SLICE) return false;
      const row = this.rows[f.scanPos]!;
      const v = row[k]!;
      if (v === null || !this.passesFilter(spec, row)) continue;
      if (f.scanBest < 0) f.scanBest = f.scanPos;
      else {
        const c = compareValues(v, this.rows[f.scanBest]![k]!, collation);
        if (spec.max ? c >= 0 : c <= 0) f.scanBest = f.scanPos;
      }
    }
    fn.value = f.scanBest < 0 ? null : this.rows[f.scanBest]![k]!;
    f.scanPos = -1;
    return true;
  }

  private nthValue(f: FrameRun, fn: FunctionRun, r: number): SqlValue {
    const spec = fn.spec;
    let n = 1n;
    if (spec.evaluation === 'nth_value') {
      const given = exactInteger(this.rows[r]![this.keyCount + spec.args[1]!]!);
      if (given === null || given <= 0n) throw new SqliteError('second argument to nth_value must be a positive integer');
      n = given;
    }
    const at = f.s + Number(n) - 1;
    return at < f.e ? this.rows[at]![this.keyCount + spec.args[0]!]! : null;
  }

  /** lead()/lag(): the argument at the row `offset` rows after/before, else the default. */
  private offsetValue(spec: WindowFunctionSpec, r: number): SqlValue {
    const row = this.rows[r]!;
    const k = this.keyCount;
    const fallback = spec.args.length >= 3 ? row[k + spec.args[2]!]! : null;
    const position = BigInt(r - this.ps + 1);
    const target = spec.args.length >= 2 ? arithmetic(spec.evaluation === 'lead' ? '+' : '-', position, row[k + spec.args[1]!]!) : position + (spec.evaluation === 'lead' ? 1n : -1n);
    let index: bigint | null = null;
    if (typeof target === 'bigint') index = target;
    else if (typeof target === 'number' && Number.isInteger(target) && Math.abs(target) < 2 ** 63) index = BigInt(target);
    if (index === null || index < 1n || index > BigInt(this.pe - this.ps)) return fallback;
    return this.rows[this.ps + Number(index) - 1]![k + spec.args[0]!]!;
  }

  /** EXCLUDE frames: every result is computed afresh over the frame minus the excluded rows. */
  private rescan(f: FrameRun, r: number): boolean {
    if (f.scanPos < 0) {
      f.scanPos = f.s;
      for (const fn of f.functions) {
        fn.state = fn.spec.fn.start();
        fn.started = true;
      }
    }
    const exclude = f.frame.exclude;
    for (; f.scanPos < f.e; f.scanPos++) {
      if (this.work >= WORK_SLICE) return false;
      const p = f.scanPos;
      if (exclude === 'CURRENT ROW' && p === r) continue;
      if ((exclude === 'GROUP' || exclude === 'TIES') && this.peerStart[p] === this.peerStart[r] && !(exclude === 'TIES' && p === r)) continue;
      const row = this.rows[p]!;
      for (const fn of f.functions) {
        if (!this.passesFilter(fn.spec, row)) continue;
        const args = this.argsOf(fn.spec, row);
        // nth_value's N stays the current row's while its value comes from each scanned row (as in SQLite).
        if (fn.spec.evaluation === 'nth_value') args[1] = this.rows[r]![this.keyCount + fn.spec.args[1]!]!;
        fn.state = fn.spec.fn.step(fn.state, args, this.subtypeCallOf(fn.spec, row));
        this.work++;
      }
    }
    for (const fn of f.functions) fn.value = fn.spec.fn.result(fn.state);
    f.scanPos = -1;
    return true;
  }
}

/** Validates a frame offset as SQLite does when a partition starts. */
function frameOffset(frame: FrameSpec, bound: FrameBoundSpec, registers: readonly SqlValue[], which: 'starting' | 'ending'): SqlValue {
  if (bound.kind !== 'Preceding' && bound.kind !== 'Following') return null;
  if (bound.constant !== undefined) return bound.constant;
  const value = registers[bound.register!]!;
  if (frame.units !== 'RANGE') {
    const n = exactInteger(value);
    if (n === null || n < 0n) throw new SqliteError(`frame ${which} offset must be a non-negative integer`);
    return n;
  }
  const numeric = typeof value === 'string' ? numericFromText(value, false) : value;
  const ok = (typeof numeric === 'bigint' && numeric >= 0n) || (typeof numeric === 'number' && numeric >= 0);
  if (!ok) throw new SqliteError(`frame ${which} offset must be a non-negative number`);
  return value;
}

/** Width - 1 of a ROWS/GROUPS frame bounded on both sides by offsets or CURRENT ROW, else -1. */
function frameLag(frame: FrameSpec, startOffset: SqlValue, endOffset: SqlValue): number {
  if (frame.units === 'RANGE') return -1;
  const position = (bound: FrameBoundSpec, offset: SqlValue): number | null => {
    if (bound.kind === 'CurrentRow') return 0;
    if (bound.kind === 'Preceding') return -Number(offset as bigint);
    if (bound.kind === 'Following') return Number(offset as bigint);
    return null;
  };
  const start = position(frame.start, startOffset);
  const end = position(frame.end, endOffset);
  return start === null || end === null || end < start ? -1 : end - start;
}

function sameKeys(a: SqlValue[], b: SqlValue[], first: number, collations: readonly Collation[]): boolean {
  for (let i = 0; i < collations.length; i++) {
    if (compareNullsEqual(a[first + i]!, b[first + i]!, collations[i]!) !== 0) return false;
  }
  return true;
}

/** Comparison with NULLs equal to each other and below everything else. */
function compareNullsEqual(a: SqlValue, b: SqlValue, collation: Collation): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareValues(a, b, collation);
}

function holds(op: '>=' | '>' | '<=' | '<', c: number): boolean {
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
  }
}
