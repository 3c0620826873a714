// Small helpers shared by the function families: entry constructors and text/blob views of
// arguments as SQLite's sqlite3_value_text / sqlite3_value_blob see them.

import type { SqlValue } from '../common/values.js';
import { numericFromText } from '../values/affinity.js';
import { textToBlob, valueToText } from '../values/cast.js';
import type { SubtypeCall } from '../vm/subtype.js';
import type { AggregateEntry, ScalarEntry } from './registry.js';

/** `subtypes`: the function reads argument subtypes or sets its result's (invoke gets a SubtypeCall; see vm/subtype.ts). */
export function scalar(name: string, argCount: number, invoke: ScalarEntry['invoke'], options: { minArgs?: number; deterministic?: boolean; subtypes?: boolean } = {}): ScalarEntry {
  return {
    name,
    argCount,
    invoke,
    deterministic: options.deterministic ?? true,
    ...(options.minArgs !== undefined ? { minArgs: options.minArgs } : {}),
    ...(options.subtypes ? { subtypes: true } : {}),
  };
}

/** A function that returns one of its arguments (coalesce, iif, max...): `pick` says which, and the result keeps that argument's subtype, as sqlite3_result_value does. */
export function passThrough(name: string, argCount: number, pick: (args: readonly SqlValue[]) => number, options: { minArgs?: number } = {}): ScalarEntry {
  return scalar(
    name,
    argCount,
    (args, _host, call) => {
      const i = pick(args);
      if (i < 0) return null;
      if (call) call.result = call.args[i] ?? 0;
      return args[i]!;
    },
    { ...options, subtypes: true },
  );
}

export function aggregate<S>(name: string, argCount: number, start: () => S, step: (state: S, args: readonly SqlValue[], call?: SubtypeCall) => S, result: (state: S) => SqlValue): AggregateEntry {
  return { name, argCount, start, step: step as AggregateEntry['step'], result: result as AggregateEntry['result'] };
}

/** sqlite3_value_text: null stays null, everything else as text. */
export function textArg(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : valueToText(value);
}

/**
 * The text of a non-NULL value as SQLite functions that walk it as a C string see it (substr,
 * quote, LIKE, GLOB): it ends at the first NUL character.
 */
export function cText(value: Exclude<SqlValue, null>): string {
  const text = valueToText(value);
  const nul = text.indexOf('\u0000');
  return nul < 0 ? text : text.slice(0, nul);
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
