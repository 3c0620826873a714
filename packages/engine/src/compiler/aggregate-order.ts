// Aggregate calls with their own ORDER BY (SQLite 3.44+: group_concat(x, ',' ORDER BY y DESC)).
// As SQLite does with its per-aggregate ephemeral table, the call's arguments and order keys are
// buffered for the group, and when the group ends they are sorted and fed to the real step function
// in that order. The ordered call is itself an aggregate (AggStep/AggFinal run it unchanged), so the
// grouping paths and the hot path of aggregates without ORDER BY need nothing of their own.

import type { SqlValue } from '../common/values.js';
import type { AggregateEntry } from '../functions/registry.js';
import { comparator, type SortSpec } from '../vm/ops/sorter.js';
import { distinctKey } from '../vm/ops/expression.js';
import { subtypeCall, type SubtypeCall } from '../vm/subtype.js';

interface OrderedState {
  /** Per row: the order keys, then the arguments. */
  readonly rows: SqlValue[][];
  /** Per row, the arguments' subtypes (only for aggregates that read them). */
  readonly subtypes: (readonly number[])[];
  /** DISTINCT: argument keys already buffered (SQLite dedupes before buffering: the first row of a value stays). */
  readonly seen: Set<string> | null;
  /** The inner accumulator once the rows were replayed (result() then resultSubtype() read it). */
  replayed?: unknown;
}

/**
 * `fn` taking its `argCount` arguments followed by the order keys `spec` describes, buffering them
 * and stepping `fn` in key order at the end (ties in arrival order: SQLite's table appends a
 * sequence number). `distinct`: a repeated argument value is dropped, as AggStep's DISTINCT does.
 */
export function orderedAggregate(fn: AggregateEntry, argCount: number, spec: SortSpec, distinct: boolean): AggregateEntry {
  const keyCount = spec.collations.length;
  const compare = comparator(spec);
  const textKeys = fn.distinctTextKey ? [fn.distinctTextKey] : null;
  const wantsSubtypes = fn.subtypes || fn.resultSubtype !== undefined;
  const replay = (state: OrderedState): unknown => {
    if ('replayed' in state) return state.replayed;
    const order = state.rows.map((_, i) => i);
    order.sort((a, b) => compare(state.rows[a]!, state.rows[b]!) || a - b);
    let inner = fn.start();
    for (const i of order) {
      const args = state.rows[i]!.slice(keyCount);
      inner = wantsSubtypes ? fn.step(inner, args, subtypeCall(state.subtypes[i] ?? [])) : fn.step(inner, args);
    }
    state.replayed = inner;
    return inner;
  };
  const entry: AggregateEntry = {
    name: fn.name,
    argCount: fn.argCount,
    ...(fn.subtypes ? { subtypes: true } : {}),
    start: (): OrderedState => ({ rows: [], subtypes: [], seen: distinct ? new Set<string>() : null }),
    step(raw: unknown, values: readonly SqlValue[], call?: SubtypeCall): unknown {
      const state = raw as OrderedState;
      const args = values.slice(0, argCount);
      if (state.seen) {
        const key = distinctKey(args, textKeys);
        if (state.seen.has(key)) return state;
        state.seen.add(key);
      }
      state.rows.push([...values.slice(argCount, argCount + keyCount), ...args]);
      if (wantsSubtypes) state.subtypes.push(call ? call.args.slice(0, argCount) : []);
      return state;
    },
    result: (raw: unknown): SqlValue => fn.result(replay(raw as OrderedState)),
  };
  if (fn.resultSubtype) {
    const resultSubtype = fn.resultSubtype;
    entry.resultSubtype = (raw: unknown) => resultSubtype(replay(raw as OrderedState));
  }
  return entry;
}
