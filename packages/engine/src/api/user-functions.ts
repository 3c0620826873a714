// Adapts user JS functions registered with db.function()/db.aggregate() to the engine's function
// contracts: option validation as better-sqlite3's lib/methods/{function,aggregate}.js, arguments
// converted to JS (safe integers per function), results converted back with better-sqlite3's messages,
// and a throwing user function's own exception preserved for the caller (DatabaseState.pendingJsError).

import type { SqlValue } from '../common/values.js';
import type { AggregateFunctionDef, ScalarFunctionDef } from '../engine/types.js';
import type { DatabaseState } from './database-state.js';
import { ConversionFailure, isConversionFailure, jsToSql, sqlToJs } from './js-values.js';
import { getBooleanOption } from './options.js';

type UserFunction = (...args: unknown[]) => unknown;

export interface FunctionOptions {
  varargs?: boolean;
  deterministic?: boolean;
  directOnly?: boolean;
  safeIntegers?: boolean;
}

export interface AggregateOptions<State = unknown> extends FunctionOptions {
  start?: State | (() => State);
  step: (state: State, ...args: unknown[]) => State | void;
  inverse?: (state: State, ...args: unknown[]) => State | void;
  result?: (state: State) => unknown;
}

/** Validates db.function(name, [options], fn) arguments and builds the engine definition. */
export function scalarFunctionDef(state: DatabaseState, name: unknown, optionsArg: unknown, fnArg: unknown): ScalarFunctionDef {
  let options = optionsArg ?? {};
  let fn = fnArg;
  if (typeof options === 'function') {
    fn = options;
    options = {};
  }
  if (typeof name !== 'string') throw new TypeError('Expected first argument to be a string');
  if (typeof fn !== 'function') throw new TypeError('Expected last argument to be a function');
  if (typeof options !== 'object') throw new TypeError('Expected second argument to be an options object');
  if (!name) throw new TypeError('User-defined function name cannot be an empty string');
  const opts = options as Record<string, unknown>;
  const safeIntegers = 'safeIntegers' in opts ? getBooleanOption(opts, 'safeIntegers') : state.safeIntegers;
  const deterministic = getBooleanOption(opts, 'deterministic');
  const directOnly = getBooleanOption(opts, 'directOnly');
  const varargs = getBooleanOption(opts, 'varargs');
  const argCount = varargs ? -1 : declaredArgCount(fn as UserFunction, 0);
  const userFn = fn as UserFunction;
  return {
    name,
    argCount,
    deterministic,
    directOnly,
    invoke: (args) => guard(state, () => resultToSql(name, userFn(...argsToJs(args, safeIntegers)))),
  };
}

/** Validates db.aggregate(name, options) arguments and builds the engine definition. */
export function aggregateFunctionDef(state: DatabaseState, name: unknown, options: unknown): AggregateFunctionDef {
  if (typeof name !== 'string') throw new TypeError('Expected first argument to be a string');
  if (typeof options !== 'object' || options === null) throw new TypeError('Expected second argument to be an options object');
  if (!name) throw new TypeError('User-defined function name cannot be an empty string');
  const opts = options as Record<string, unknown>;
  const start = 'start' in opts ? opts.start : null;
  const step = functionOption(opts, 'step', true)!;
  const inverse = functionOption(opts, 'inverse', false);
  const result = functionOption(opts, 'result', false);
  const safeIntegers = 'safeIntegers' in opts ? getBooleanOption(opts, 'safeIntegers') : state.safeIntegers;
  const deterministic = getBooleanOption(opts, 'deterministic');
  const directOnly = getBooleanOption(opts, 'directOnly');
  const varargs = getBooleanOption(opts, 'varargs');
  let argCount = -1;
  if (!varargs) {
    // The accumulator is the first parameter of step/inverse, not an SQL argument.
    argCount = Math.max(declaredArgCount(step, 1), inverse ? declaredArgCount(inverse, 1) : 0);
    if (argCount > 0) argCount -= 1;
  }

  // A function returning undefined keeps the accumulator unchanged.
  const accumulate = (fn: UserFunction, accumulator: unknown, args: readonly SqlValue[]): unknown =>
    guard(state, () => {
      const next = fn(accumulator, ...argsToJs(args, safeIntegers));
      return next === undefined ? accumulator : next;
    });

  const def: AggregateFunctionDef = {
    name,
    argCount,
    deterministic,
    directOnly,
    start: () => guard(state, () => (typeof start === 'function' ? (start as () => unknown)() : start)),
    step: (accumulator, args) => accumulate(step, accumulator, args),
    result: (accumulator) => guard(state, () => resultToSql(name, result ? result(accumulator) : accumulator)),
  };
  if (inverse) def.inverse = (accumulator, args) => accumulate(inverse, accumulator, args);
  return def;
}

function declaredArgCount(fn: UserFunction, minimumExtra: number): number {
  const length = fn.length;
  if (!Number.isInteger(length) || length < 0) throw new TypeError('Expected function.length to be a positive integer');
  if (length - minimumExtra > 100) throw new RangeError('User-defined functions cannot have more than 100 arguments');
  return length;
}

function functionOption(options: Record<string, unknown>, key: string, required: boolean): UserFunction | null {
  const value = key in options ? options[key] : null;
  if (typeof value === 'function') return value as UserFunction;
  if (value != null) throw new TypeError(`Expected the "${key}" option to be a function`);
  if (required) throw new TypeError(`Missing required option "${key}"`);
  return null;
}

function argsToJs(args: readonly SqlValue[], safeIntegers: boolean): unknown[] {
  const out = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i++) out[i] = sqlToJs(args[i]!, safeIntegers);
  return out;
}

function resultToSql(name: string, value: unknown): SqlValue {
  const converted = jsToSql(value);
  if (!isConversionFailure(converted, value)) return converted;
  if (converted === ConversionFailure.BigIntOutOfRange) throw new RangeError(`User-defined function ${name}() returned a bigint that was too big`);
  throw new TypeError(`User-defined function ${name}() returned an invalid value`);
}

/** Runs user code; its exception is remembered so the statement rethrows it unchanged. */
function guard<T>(state: DatabaseState, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (state.pendingJsError === null) state.pendingJsError = { error };
    throw error;
  }
}
