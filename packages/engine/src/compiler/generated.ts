// Generated columns in the compiler: reading a VIRTUAL column (its expression over the row the
// cursor is on), computing every generated column of a new row (INSERT, UPDATE, upsert) after
// the ordinary columns got their affinity, the record fields of a row, and CREATE TABLE's checks.

import { SqliteError } from '../common/errors.js';
import { checkGeneratedColumns, generatedComputeOrder, hasGeneratedColumns, isVirtualColumn, storageField, storedFieldCount, type FunctionKind } from '../schema/generated.js';
import type { TableInfo } from '../schema/types.js';
import { Affinity } from '../values/affinity.js';
import type { SqlValue } from '../common/values.js';
import type { VmHost } from '../vm/host.js';
import { Opcode, type VmScalarFunction } from '../vm/program.js';
import type { CompileContext, FunctionResolver } from './context.js';
import { ExprCompiler } from './expr.js';
import type { CursorSource, RegisterSource, Source } from './scope.js';
import { emitStrictTypeCheck } from './strict.js';

/** CREATE TABLE's checks of the generated columns, with the connection's functions. */
export function checkGeneratedAtCreate(ctx: CompileContext, table: Pick<TableInfo, 'columns'>): void {
  checkGeneratedColumns(table, (name, argCount): FunctionKind => {
    const resolved = ctx.functions.resolve(name, argCount);
    if (resolved.kind !== 'scalar') return resolved.kind;
    // date() and friends are deterministic unless given 'now' (SQLite checks that on use).
    if (TIME_ARGUMENT[name.toLowerCase()]) return 'scalar';
    return (resolved.fn as { deterministic?: boolean }).deterministic === false ? 'nondeterministic' : 'scalar';
  });
}

/** Evaluates generated column `column`'s expression over the row `source` holds, into `target`. */
function emitGeneratedValue(ec: ExprCompiler, source: Source, column: number, target: number): void {
  const info = source.table.columns[column]!;
  const inner = new ExprCompiler(ec.b, { ...ec.ctx, functions: pureDateFunctions(ec.ctx.functions) }, { sources: [source] });
  inner.compile(info.generatedAs!.expr, target);
  if (info.affinity !== Affinity.Blob) ec.b.emit(Opcode.Affinity, target, 1, 0, [info.affinity]);
}

/** Index of the time-value argument of each date function that reads the clock for 'now'. */
const TIME_ARGUMENT: Readonly<Record<string, readonly number[]>> = {
  date: [0], time: [0], datetime: [0], julianday: [0], unixepoch: [0], strftime: [1], timediff: [0, 1],
};

/**
 * SQLite's sqlite3NotPureFunc for generated columns: a date function is allowed, but using the
 * clock ('now', a missing time value) or the time zone ('localtime', 'utc') fails when it runs.
 */
function pureDateFunctions(functions: FunctionResolver): FunctionResolver {
  return {
    ...functions,
    resolve(name, argCount) {
      const resolved = functions.resolve(name, argCount);
      const timeArguments = TIME_ARGUMENT[name.toLowerCase()];
      if (resolved.kind !== 'scalar' || !timeArguments) return resolved;
      const fn = resolved.fn;
      const guarded: VmScalarFunction = Object.create(fn, {
        invoke: {
          value: (args: readonly SqlValue[], host: VmHost): SqlValue => {
            const clock = timeArguments.some((i) => i >= args.length || (typeof args[i] === 'string' && (args[i] as string).toLowerCase() === 'now'));
            const zone = args.some((a, i) => !timeArguments.includes(i) && typeof a === 'string' && ['localtime', 'utc'].includes(a.toLowerCase()));
            if (clock || zone) throw new SqliteError(`non-deterministic use of ${fn.name}() in a generated column`);
            return fn.invoke(args, host);
          },
        },
      });
      return { kind: 'scalar', fn: guarded };
    },
  };
}

/**
 * Emits the read of a column of the row `source`'s cursor is on when it is not a plain record
 * field read: a VIRTUAL column is computed; returns the record field to read otherwise.
 */
export function emitGeneratedRead(ec: ExprCompiler, source: CursorSource, column: number, target: number): number | null {
  if (!isVirtualColumn(source.table.columns[column]!)) return storageField(source.table, column);
  emitGeneratedValue(ec, source, column, target);
  return null;
}

/**
 * Computes the generated columns of the new row in `row` (sqlite3ComputeGeneratedColumns): the
 * ordinary columns first get their affinity (STRICT: their type check), then each generated
 * column is computed in dependency order. `beforeTriggers`: the row is about to go to BEFORE
 * triggers, which SQLite lets see it only after that affinity (or type check) even when the
 * table has no generated column.
 */
export function emitComputeGenerated(ec: ExprCompiler, row: RegisterSource, beforeTriggers = false): void {
  const table = row.table;
  if (!hasGeneratedColumns(table) && !(beforeTriggers && table.strict)) return;
  if (table.strict) emitStrictTypeCheck(ec, row, false);
  else {
    const affinities = table.columns.map((c, i) => (c.generated || i === table.rowidAlias ? null : c.affinity));
    ec.b.emit(Opcode.Affinity, row.base, table.columns.length, 0, affinities);
  }
  for (const column of generatedComputeOrder(table)) emitGeneratedValue(ec, row, column, row.base + column);
}

/**
 * Registers holding the record of the row in `row` (VIRTUAL columns left out): returns the first
 * register, the field count, and the field to store as NULL (the rowid alias, whose register
 * holds the rowid), or -1. Without VIRTUAL columns those are the row's own registers, uncopied.
 */
export function emitRecordFields(ec: ExprCompiler, row: RegisterSource): { base: number; count: number; nullField: number } {
  const b = ec.b;
  const table = row.table;
  const count = storedFieldCount(table);
  if (count === table.columns.length) return { base: row.base, count, nullField: table.rowidAlias >= 0 ? table.rowidAlias : -1 };
  const base = b.registerBlock(count);
  table.columns.forEach((_, i) => {
    const field = storageField(table, i);
    if (field >= 0) b.emit(Opcode.SCopy, row.base + i, base + field);
  });
  if (table.rowidAlias >= 0) b.emit(Opcode.Null, 0, base + storageField(table, table.rowidAlias));
  return { base, count, nullField: -1 };
}

/** INSERT's column list may not name a generated column. */
export function checkInsertTarget(table: TableInfo, column: number): void {
  const info = table.columns[column];
  if (info?.generated) throw new SqliteError(`cannot INSERT into generated column "${info.name}"`);
}

/** UPDATE's SET list may not name a generated column. */
export function checkUpdateTarget(table: TableInfo, column: number): void {
  const info = table.columns[column];
  if (info?.generated) throw new SqliteError(`cannot UPDATE generated column "${info.name}"`);
}
