// Small helpers shared by the function families: entry constructors and text/blob views of
// arguments as SQLite's sqlite3_value_text / sqlite3_value_blob see them.

import type { SqlValue } from '../common/values.js';
import { numericFromText } from '../values/affinity.js';
import { textToBlob, valueToText } from '../values/cast.js';
import type { AggregateEntry, ScalarEntry } from './registry.js';

export function scalar(name: string, argCount: number, invoke: ScalarEntry['invoke'], options: { minArgs?: number; deterministic?: boolean } = {}): ScalarEntry {
  return { name, argCount, invoke, deterministic: options.deterministic ?? true, ...(options.minArgs !== undefined ? { minArgs: options.minArgs } : {}) };
}

export function aggregate<S>(name: string, argCount: number, start: () => S, step: (state: S, args: readonly SqlValue[]) => S, result: (state: S) => SqlValue): AggregateEntry {
  return { name, argCount, start, step: step as AggregateEntry['step'], result: result as AggregateEntry['result'] };
}

/** sqlite3_value_text: null stays null, everything else as text. */
export function textArg(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : valueToText(value);
}

/** sqlite3_value_blob: the bytes of the value (text as UTF-8, numbers as their text). */
export function blobArg(value: SqlValue | undefined): Uint8Array | null {
  if (value === null || value === undefined) return null;
  return value instanceof Uint8Array ? value : textToBlob(valueToText(value));
}

/** sqlite3_value_numeric_type applied: TEXT that is wholly numeric becomes a number. */
export function numericArg(value: SqlValue): SqlValue {
  if (typeof value === 'string') return numericFromText(value, false);
  return value;
}
