// Built-in window functions: row_number, rank, dense_rank, percent_rank, cume_dist, ntile and
// last_value are accumulators run over a frame SQLite imposes (step adds a row, inverse removes
// the oldest, result reads); first_value/nth_value read the frame's rows (their step/result serve
// EXCLUDE frames, which are rescanned), lead/lag read a row at an offset.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { numericFromText } from '../values/affinity.js';
import { toInteger, valueToText } from '../values/cast.js';
import type { FrameSpec, WindowBehavior } from '../vm/window-spec.js';
import type { FunctionRegistry, WindowEntry } from './registry.js';

const frame = (units: FrameSpec['units'], start: FrameSpec['start'], end: FrameSpec['end']): FrameSpec => ({ units, start, end, exclude: null });
const UNBOUNDED_PRECEDING = { kind: 'UnboundedPreceding' } as const;
const UNBOUNDED_FOLLOWING = { kind: 'UnboundedFollowing' } as const;
const CURRENT_ROW = { kind: 'CurrentRow' } as const;

function windowFunction<S>(
  name: string,
  argCount: number,
  behavior: WindowBehavior,
  start: () => S,
  step: (state: S, args: readonly SqlValue[]) => S,
  result: (state: S) => SqlValue,
  inverse?: (state: S, args: readonly SqlValue[]) => S,
): WindowEntry {
  return {
    name,
    argCount,
    window: behavior,
    start,
    step: step as WindowEntry['step'],
    result: result as WindowEntry['result'],
    ...(inverse ? { inverse: inverse as NonNullable<WindowEntry['inverse']> } : {}),
  };
}

interface CallCount {
  value: bigint;
  step: bigint;
  total: bigint;
}
const callCount = (): CallCount => ({ value: 0n, step: 0n, total: 0n });

interface Ntile {
  total: bigint;
  param: bigint;
  row: bigint;
}

interface NthValue {
  steps: bigint;
  value: SqlValue | undefined;
}

/** sqlite3_value_numeric_type + int64 for nth_value's N (EXCLUDE frames): whole numbers only. */
function nthArgument(v: SqlValue): bigint {
  const numeric = typeof v === 'string' ? numericFromText(v, false) : v instanceof Uint8Array ? numericFromText(valueToText(v), false) : v;
  let n: bigint | null = null;
  if (typeof numeric === 'bigint') n = numeric;
  else if (typeof numeric === 'number' && Number.isInteger(numeric) && Math.abs(numeric) < 2 ** 63) n = BigInt(numeric);
  if (n === null || n <= 0n) throw new SqliteError('second argument to nth_value must be a positive integer');
  return n;
}

export function registerWindowFunctions(registry: FunctionRegistry): void {
  const fns: WindowEntry[] = [
    windowFunction(
      'row_number',
      0,
      { evaluation: 'aggregate', frame: frame('ROWS', UNBOUNDED_PRECEDING, CURRENT_ROW) },
      () => ({ n: 0n }),
      (s) => ((s.n += 1n), s),
      (s) => s.n,
    ),
    windowFunction(
      'rank',
      0,
      { evaluation: 'aggregate', frame: frame('RANGE', UNBOUNDED_PRECEDING, CURRENT_ROW) },
      callCount,
      (s) => {
        s.step += 1n;
        if (s.value === 0n) s.value = s.step;
        return s;
      },
      (s) => {
        const v = s.value;
        s.value = 0n;
        return v;
      },
    ),
    windowFunction(
      'dense_rank',
      0,
      { evaluation: 'aggregate', frame: frame('RANGE', UNBOUNDED_PRECEDING, CURRENT_ROW) },
      callCount,
      (s) => ((s.step = 1n), s),
      (s) => {
        if (s.step !== 0n) {
          s.value += 1n;
          s.step = 0n;
        }
        return s.value;
      },
    ),
    windowFunction(
      'percent_rank',
      0,
      { evaluation: 'aggregate', frame: frame('GROUPS', CURRENT_ROW, UNBOUNDED_FOLLOWING) },
      callCount,
      (s) => ((s.total += 1n), s),
      (s) => {
        s.value = s.step;
        return s.total > 1n ? Number(s.value) / Number(s.total - 1n) : 0.0;
      },
      (s) => ((s.step += 1n), s),
    ),
    windowFunction(
      'cume_dist',
      0,
      { evaluation: 'aggregate', frame: frame('GROUPS', { kind: 'Following', constant: 1n }, UNBOUNDED_FOLLOWING) },
      callCount,
      (s) => ((s.total += 1n), s),
      (s) => Number(s.step) / Number(s.total),
      (s) => ((s.step += 1n), s),
    ),
    windowFunction(
      'ntile',
      1,
      { evaluation: 'aggregate', frame: frame('ROWS', CURRENT_ROW, UNBOUNDED_FOLLOWING) },
      (): Ntile => ({ total: 0n, param: 0n, row: 0n }),
      (s, [n]) => {
        if (s.total === 0n) {
          s.param = toInteger(n!);
          if (s.param <= 0n) throw new SqliteError('argument of ntile must be a positive integer');
        }
        s.total += 1n;
        return s;
      },
      (s) => {
        if (s.param <= 0n) return null;
        const size = s.total / s.param;
        if (size === 0n) return s.row + 1n;
        const large = s.total - s.param * size;
        const small = large * (size + 1n);
        return s.row < small ? 1n + s.row / (size + 1n) : 1n + large + (s.row - small) / size;
      },
      (s) => ((s.row += 1n), s),
    ),
    windowFunction(
      'last_value',
      1,
      { evaluation: 'aggregate' },
      () => ({ value: null as SqlValue, count: 0 }),
      (s, [v]) => {
        s.value = v!;
        s.count++;
        return s;
      },
      (s) => s.value,
      (s) => {
        if (--s.count === 0) s.value = null;
        return s;
      },
    ),
    windowFunction(
      'first_value',
      1,
      { evaluation: 'first_value' },
      (): NthValue => ({ steps: 0n, value: undefined }),
      (s, [v]) => {
        if (s.value === undefined) s.value = v!;
        return s;
      },
      (s) => s.value ?? null,
    ),
    windowFunction(
      'nth_value',
      2,
      { evaluation: 'nth_value' },
      (): NthValue => ({ steps: 0n, value: undefined }),
      (s, [v, n]) => {
        const wanted = nthArgument(n!);
        s.steps += 1n;
        if (wanted === s.steps) s.value = v!;
        return s;
      },
      (s) => s.value ?? null,
    ),
  ];
  for (const evaluation of ['lead', 'lag'] as const) {
    const offsetFrame = frame('ROWS', UNBOUNDED_PRECEDING, evaluation === 'lead' ? UNBOUNDED_FOLLOWING : CURRENT_ROW);
    for (const argCount of [1, 2, 3]) {
      fns.push(windowFunction(evaluation, argCount, { evaluation, frame: offsetFrame }, () => null, (s) => s, () => null));
    }
  }
  for (const fn of fns) registry.addWindow(fn);
}
