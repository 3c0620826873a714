// Binds the arguments of run/get/all/iterate/bind to a prepared statement exactly as better-sqlite3's
// Binder does: anonymous values fill unnamed slots in order, arrays are spread, one plain object
// supplies every named slot (":x", "@x", "$x" and "?5" are keyed "x" and "5"), and the total must
// match the statement's slot count.

import type { SqlValue } from '../common/values.js';
import type { PreparedStatement } from '../engine/prepared.js';
import { ConversionFailure, isConversionFailure, isPlainObject, jsToSql } from './js-values.js';

/** A named slot: the key users write in the bind object, and the 1-based slot index. */
export interface NamedSlot {
  readonly key: string;
  readonly index: number;
}

/** The named slots of a statement, in slot order (computed once per statement). */
export function namedSlotsOf(statement: PreparedStatement): NamedSlot[] {
  const slots: NamedSlot[] = [];
  for (let index = 1; index <= statement.parameterCount; index++) {
    const name = statement.parameterName(index);
    if (name !== null) slots.push({ key: name.slice(1), index });
  }
  return slots;
}

/**
 * Binds `args` to `statement`. Throws TypeError/RangeError with better-sqlite3's messages; on failure
 * the statement's bindings are cleared so no partial binding survives. `recorded` (when given) receives
 * a copy of each bound value, slot i at index i-1, for the verbose logger.
 */
export function bindArguments(statement: PreparedStatement, namedSlots: readonly NamedSlot[], args: ArrayLike<unknown>, recorded?: SqlValue[]): void {
  try {
    bindAll(statement, namedSlots, args, recorded);
  } catch (error) {
    statement.clearBindings();
    recorded?.fill(null);
    throw error;
  }
}

function bindAll(statement: PreparedStatement, namedSlots: readonly NamedSlot[], args: ArrayLike<unknown>, recorded: SqlValue[] | undefined): void {
  const slotCount = statement.parameterCount;
  if (namedSlots.length === 0 && args.length === slotCount && allScalars(args)) {
    // Hot path (e.g. get(id) in a loop): only "?" slots and one scalar per slot, so value i goes to slot i+1.
    for (let i = 0; i < slotCount; i++) bindValue(statement, slotCount, args[i], i + 1, recorded);
    return;
  }
  let anonymousCursor = 0;
  let bound = 0;
  let boundObject = false;

  // Next slot without a name; past the last slot it returns slotCount + 1 (an out-of-range index).
  const nextAnonymousSlot = (): number => {
    do anonymousCursor++;
    while (anonymousCursor <= slotCount && statement.parameterName(anonymousCursor) !== null);
    return anonymousCursor;
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (Array.isArray(arg)) {
      for (const element of arg) bindValue(statement, slotCount, element, nextAnonymousSlot(), recorded);
      bound += arg.length;
      continue;
    }
    if (typeof arg === 'object' && arg !== null && !ArrayBuffer.isView(arg)) {
      if (isPlainObject(arg)) {
        if (boundObject) throw new TypeError('You cannot specify named parameters in two different objects');
        boundObject = true;
        bindObject(statement, namedSlots, arg as Record<string, unknown>, recorded);
        bound += namedSlots.length;
        continue;
      }
      if (namedSlots.length > 0) throw new TypeError('Named parameters can only be passed within plain objects');
    }
    bindValue(statement, slotCount, arg, nextAnonymousSlot(), recorded);
    bound++;
  }

  if (bound < slotCount) {
    if (!boundObject && namedSlots.length > 0) throw new TypeError('Missing named parameters');
    throw new RangeError('Too few parameter values were provided');
  }
  if (bound > slotCount) throw new RangeError('Too many parameter values were provided');
}

function allScalars(args: ArrayLike<unknown>): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === 'object' && arg !== null) return false;
  }
  return true;
}

function bindObject(statement: PreparedStatement, namedSlots: readonly NamedSlot[], values: Record<string, unknown>, recorded: SqlValue[] | undefined): void {
  for (const { key, index } of namedSlots) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) throw new RangeError(`Missing named parameter "${key}"`);
    bindValue(statement, statement.parameterCount, values[key], index, recorded);
  }
}

// The value's type is checked before the slot index, as in better-sqlite3 (sqlite3_bind_* sees the
// index only once the value converted).
function bindValue(statement: PreparedStatement, slotCount: number, value: unknown, index: number, recorded: SqlValue[] | undefined): void {
  const converted = jsToSql(value);
  if (isConversionFailure(converted, value)) {
    if (converted === ConversionFailure.BigIntOutOfRange) throw new RangeError('The bound string, buffer, or bigint is too big');
    throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
  }
  if (index > slotCount) throw new RangeError('Too many parameter values were provided');
  statement.bind(index, converted);
  if (recorded) recorded[index - 1] = converted;
}
