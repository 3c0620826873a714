// Core aggregate functions: count, sum, total, avg, min, max, group_concat. sum/total/avg use
// SQLite's integer accumulator with Kahan-Babuska-Neumaier compensation once values are REAL,
// so results match SQLite to the last bit.

import { SqliteError } from '../common/errors.js';
import { MAX_INT64, MIN_INT64, type SqlValue } from '../common/values.js';
import { numericFromText } from '../values/affinity.js';
import { toReal, valueToText } from '../values/cast.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { compareValues } from '../values/compare.js';
import type { AggregateEntry, FunctionRegistry } from './registry.js';

interface SumState {
  count: number;
  /**
   * The integer sum is kept as a double while every partial sum is a safe integer (`small`: exact,
   * no overflow possible, no bigint allocated per row); past that it moves to `integerSum` for good.
   */
  small: boolean;
  smallSum: number;
  integerSum: bigint;
  realSum: number;
  error: number;
  approximate: boolean;
  overflow: boolean;
}

const BIG = 4503599627370496n; // 2^52: above it a double cannot hold every integer

function kbnStep(s: SumState, r: number): void {
  const t = s.realSum + r;
  if (Math.abs(s.realSum) > Math.abs(r)) s.error += s.realSum - t + r;
  else s.error += r - t + s.realSum;
  s.realSum = t;
}

function kbnStepInteger(s: SumState, v: bigint): void {
  if (v <= -BIG || v >= BIG) {
    const small = v % 16384n;
    kbnStep(s, Number(v - small));
    kbnStep(s, Number(small));
  } else kbnStep(s, Number(v));
}

function kbnInit(s: SumState, v: bigint): void {
  if (v <= -BIG || v >= BIG) {
    const small = v % 16384n;
    s.realSum = Number(v - small);
    s.error = Number(small);
  } else {
    s.realSum = Number(v);
    s.error = 0;
  }
}

/**
 * sqlite3_value_numeric_type: TEXT that looks numeric counts as that number. A BLOB is neither
 * INTEGER nor TEXT, so sumStep adds it as sqlite3_value_double (its text's numeric prefix): a REAL.
 */
function numericView(v: SqlValue): SqlValue {
  if (typeof v === 'string') return numericFromText(v, false);
  if (v instanceof Uint8Array) return toReal(v);
  return v;
}

/** The exact integer sum so far (not approximate). */
function integerTotal(s: SumState): bigint {
  return s.small ? BigInt(s.smallSum) : s.integerSum;
}

/** Leaves the double-held integer sum (before a step it cannot take exactly). */
function leaveSmall(s: SumState): void {
  if (!s.small) return;
  s.integerSum = BigInt(s.smallSum);
  s.small = false;
}

function sumStep(s: SumState, args: readonly SqlValue[]): SumState {
  const v = numericView(args[0]!);
  if (v === null) return s;
  s.count++;
  if (s.small && typeof v === 'bigint') {
    // Exact: |v| <= 2^53-1 is represented exactly, and so is the new sum while it stays safe.
    const n = Number(v);
    const x = s.smallSum + n;
    if (n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER && x <= Number.MAX_SAFE_INTEGER && x >= -Number.MAX_SAFE_INTEGER) {
      s.smallSum = x;
      return s;
    }
  }
  if (!s.approximate) {
    leaveSmall(s);
    if (typeof v !== 'bigint') {
      kbnInit(s, s.integerSum);
      s.approximate = true;
      kbnStep(s, toReal(v));
    } else {
      const x = s.integerSum + v;
      if (x >= MIN_INT64 && x <= MAX_INT64) s.integerSum = x;
      else {
        s.overflow = true;
        kbnInit(s, s.integerSum);
        s.approximate = true;
        kbnStepInteger(s, v);
      }
    }
  } else if (typeof v === 'bigint') {
    kbnStepInteger(s, v);
  } else {
    s.overflow = false;
    kbnStep(s, toReal(v));
  }
  return s;
}

const newSum = (): SumState => ({ count: 0, small: true, smallSum: 0, integerSum: 0n, realSum: 0, error: 0, approximate: false, overflow: false });
/** The real sum; NULL when it is NaN (+Inf and -Inf were both added), as sqlite3_result_double makes a NaN. */
const compensated = (s: SumState): number | null => {
  const r = Number.isFinite(s.error) ? s.realSum + s.error : s.realSum;
  return Number.isNaN(r) ? null : r;
};

function aggregate(name: string, argCount: number, start: () => unknown, step: (state: never, args: readonly SqlValue[]) => unknown, result: (state: never) => SqlValue): AggregateEntry {
  return { name, argCount, start, step: step as AggregateEntry['step'], result: result as AggregateEntry['result'] };
}

interface ExtremumState {
  value: SqlValue;
  seen: boolean;
  /** The subtype the value had (min/max return it with sqlite3_result_value, subtype included). */
  subtype: number;
}

function extremumAggregate(name: string, sign: 1 | -1, collation: Collation = binaryCollation): AggregateEntry {
  const entry: AggregateEntry = {
    name,
    argCount: 1,
    start: (): ExtremumState => ({ value: null, seen: false, subtype: 0 }),
    step: (state, args, call) => {
      const s = state as ExtremumState;
      const v = args[0]!;
      if (v === null) return s;
      if (!s.seen || sign * compareValues(v, s.value, collation) > 0) {
        s.value = v;
        s.seen = true;
        s.subtype = call?.args[0] ?? 0;
      }
      return s;
    },
    result: (state) => (state as ExtremumState).value,
    // Not SQLITE_SUBTYPE: as a window function its arguments are stored, so their subtypes are lost.
    resultSubtype: (state) => (state as ExtremumState).subtype,
  };
  return { ...entry, withCollation: (c: Collation) => extremumAggregate(name, sign, c) };
}

/**
 * group_concat state as SQLite keeps it for windows: the text, how many items it holds and the
 * separator lengths, so inverse() can cut the oldest item (and the separator after it) off the front.
 */
interface ConcatState {
  text: string;
  /** false until the first item, and again once inverse() emptied the text (the next item then takes no separator). */
  started: boolean;
  items: number;
  firstSeparatorLength: number;
  /** separatorLengths[j]: the separator between items j and j+1, tracked once lengths vary. */
  separatorLengths: number[] | null;
}

function groupConcat(name: string, argCount: number): AggregateEntry {
  const entry = aggregate(
    name,
    argCount,
    (): ConcatState => ({ text: '', started: false, items: 0, firstSeparatorLength: 0, separatorLengths: null }),
    (s: ConcatState, args) => {
      const v = args[0]!;
      if (v === null) return s;
      const first = !s.started;
      s.started = true;
      if (args.length === 1) {
        if (!first) s.text += ',';
        else s.firstSeparatorLength = 1;
      } else if (!first) {
        const separator = args[1] === null ? null : valueToText(args[1]!);
        if (separator !== null) s.text += separator;
        const length = separator === null ? 0 : separator.length;
        if (length !== s.firstSeparatorLength || s.separatorLengths) {
          if (!s.separatorLengths) s.separatorLengths = Array.from({ length: Math.max(0, s.items - 1) }, () => s.firstSeparatorLength);
          s.separatorLengths[s.items - 1] = length;
        }
      } else {
        s.firstSeparatorLength = args[1] === null ? 0 : valueToText(args[1]!).length;
      }
      s.text += valueToText(v);
      s.items++;
      return s;
    },
    (s: ConcatState) => (s.started ? s.text : null),
  );
  return {
    ...entry,
    inverse: (state, args) => {
      const s = state as ConcatState;
      const v = args[0]!;
      if (v === null) return s;
      let cut = valueToText(v).length;
      s.items--;
      if (s.separatorLengths) {
        if (s.items > 0) cut += s.separatorLengths.shift() ?? 0;
      } else cut += s.firstSeparatorLength;
      s.text = cut >= s.text.length ? '' : s.text.slice(cut);
      if (s.text.length === 0) {
        s.started = false;
        s.separatorLengths = null;
      }
      return s;
    },
    // SQLite's xValue answers a one-character NUL string for items that are all empty text.
    value: (state) => {
      const s = state as ConcatState;
      if (s.items > 0 && s.text.length === 0) return '\u0000';
      return s.text.length === 0 ? null : s.text;
    },
  };
}

/** sumInverse: removes a value the way SQLite does (the integer sum, else the compensated real sum). */
function sumInverse(s: SumState, [arg]: readonly SqlValue[]): SumState {
  const v = numericView(arg!);
  if (v === null) return s;
  s.count--;
  if (!s.approximate) {
    leaveSmall(s);
    const x = s.integerSum - (typeof v === 'bigint' ? v : BigInt(Math.trunc(toReal(v))));
    if (x >= MIN_INT64 && x <= MAX_INT64) {
      s.integerSum = x;
      return s;
    }
    s.overflow = true;
    s.approximate = true;
    kbnInit(s, s.integerSum);
  }
  if (typeof v === 'bigint') {
    if (v !== MIN_INT64) kbnStepInteger(s, -v);
    else {
      kbnStepInteger(s, MAX_INT64);
      kbnStepInteger(s, 1n);
    }
  } else kbnStep(s, -toReal(v));
  return s;
}

function withInverse(entry: AggregateEntry, inverse: (state: never, args: readonly SqlValue[]) => unknown): AggregateEntry {
  return { ...entry, inverse: inverse as AggregateEntry['inverse'] };
}

export function registerCoreAggregates(registry: FunctionRegistry): void {
  const fns: AggregateEntry[] = [
    withInverse(
      // A number counter (exact far beyond any row count): a bigint one would allocate per row.
      { ...aggregate('count', 0, () => ({ n: 0 }), (s: { n: number }) => ((s.n += 1), s), (s: { n: number }) => BigInt(s.n)), countsRows: true },
      (s: { n: number }) => ((s.n -= 1), s),
    ),
    withInverse(
      aggregate('count', 1, () => ({ n: 0 }), (s: { n: number }, args) => (args[0] !== null && (s.n += 1), s), (s: { n: number }) => BigInt(s.n)),
      (s: { n: number }, [v]) => (v !== null && (s.n -= 1), s),
    ),
    withInverse(
      aggregate('sum', 1, newSum, sumStep, (s: SumState) => {
        if (s.count === 0) return null;
        if (!s.approximate) return integerTotal(s);
        if (s.overflow) throw new SqliteError('integer overflow');
        return compensated(s);
      }),
      sumInverse,
    ),
    withInverse(
      aggregate('total', 1, newSum, sumStep, (s: SumState) => (s.approximate ? compensated(s) : Number(integerTotal(s)))),
      sumInverse,
    ),
    withInverse(
      aggregate('avg', 1, newSum, sumStep, (s: SumState) => {
        if (s.count === 0) return null;
        const total = s.approximate ? compensated(s) : Number(integerTotal(s));
        return total === null ? null : total / s.count;
      }),
      sumInverse,
    ),
    extremumAggregate('min', -1),
    extremumAggregate('max', 1),
    groupConcat('group_concat', 1),
    groupConcat('group_concat', 2),
    groupConcat('string_agg', 2),
  ];
  for (const fn of fns) registry.addAggregate(fn);
}
