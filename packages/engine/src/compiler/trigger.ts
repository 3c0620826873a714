// Firing row triggers. A statement that changes rows of a table (or a view, INSTEAD OF) asks
// RowTriggers.find for the triggers its event fires; for each changed row it emits a Program
// instruction per trigger, BEFORE and AFTER the change, passing the OLD and NEW rows as a block of
// registers. Each trigger body is compiled once per statement into a sub-program (SQLite's
// TriggerPrg) that runs in a frame of its own (vm/vdbe.ts), so the VM can yield and resume
// inside it. Triggers fire in reverse creation order, as in SQLite.

import { SqliteError } from '../common/errors.js';
import { sameName, type ConflictResolution, type SetClause } from '../parser/ast.js';
import { foldName } from '../schema/schema.js';
import { Affinity } from '../values/affinity.js';
import type { TableInfo, TriggerInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { HaltError } from '../vm/ops/control.js';
import { ProgramFlag, type SubProgram } from '../vm/ops/trigger.js';
import { SequenceRegistry } from './autoincrement.js';
import { ProgramBuilder } from './builder.js';
import { MAIN_DATABASE, TEMP_DATABASE } from '../schema/database-list.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { compileInsert } from './insert.js';
import type { RegisterSource } from './scope.js';
import { compileSelect } from './select.js';
import type { TriggerScope } from './trigger-scope.js';
import { compileDelete, compileUpdate } from './update-delete.js';

export type TriggerEventName = 'INSERT' | 'UPDATE' | 'DELETE';
export type TriggerTiming = 'BEFORE' | 'AFTER' | 'INSTEAD OF';

/** What trigger compilation shares for the top-level statement being prepared, by its root builder. */
const rootScopes = new WeakMap<ProgramBuilder, Pick<TriggerScope, 'cache' | 'sequences'>>();

const NO_PARAMETERS = { count: 0, names: [] };

function timingOf(trigger: TriggerInfo): TriggerTiming {
  return trigger.statement.timing ?? 'BEFORE';
}

/** UPDATE OF a, b fires only when the SET list names one of those columns (by name, as SQLite compares). */
function updateOfMatches(trigger: TriggerInfo, sets: readonly SetClause[] | null): boolean {
  const event = trigger.statement.event;
  if (event.kind !== 'Update' || !event.columns) return true;
  if (!sets) return false;
  return sets.some((set) => set.columns.some((c) => event.columns!.some((t) => sameName(t.text, c.text))));
}

export class RowTriggers {
  private constructor(
    /** The table (or a view's synthetic table) whose rows OLD and NEW are. */
    private readonly table: TableInfo,
    private readonly triggers: readonly TriggerInfo[],
    /** The statement's conflict resolution: it overrides the trigger statements' own (SQLite's rule). */
    private readonly onConflict: ConflictResolution | null,
  ) {}

  /**
   * The triggers `event` fires on `table` (reverse creation order), or null when there are none.
   * `sets` is an UPDATE's SET list (for UPDATE OF); `onConflict` the statement's OR clause.
   */
  static find(ctx: CompileContext, table: TableInfo, event: TriggerEventName, sets: readonly SetClause[] | null, onConflict: ConflictResolution | null): RowTriggers | null {
    const kind = event === 'INSERT' ? 'Insert' : event === 'UPDATE' ? 'Update' : 'Delete';
    const triggers = ctx.schema
      .triggersOn(table)
      .filter((t) => t.statement.event.kind === kind && updateOfMatches(t, sets))
      .reverse();
    return triggers.length > 0 ? new RowTriggers(table, triggers, onConflict) : null;
  }

  has(timing: TriggerTiming): boolean {
    return this.triggers.some((t) => timingOf(t) === timing);
  }

  /**
   * Emits the firing of the `timing` triggers for one row: `old`/`row` are the OLD and NEW rows
   * (null when the event has none). RAISE(IGNORE) in a trigger continues at `ignore`. With
   * `onlyRecursive` they fire only while recursive_triggers is on (rows REPLACE deletes).
   */
  fire(ec: ExprCompiler, timing: TriggerTiming, old: RegisterSource | null, row: RegisterSource | null, ignore: number, onlyRecursive = false): void {
    const triggers = this.triggers.filter((t) => timingOf(t) === timing);
    if (triggers.length === 0) return;
    const b = ec.b;
    const n = this.table.columns.length;
    const args = b.registerBlock(2 * (n + 1));
    const load = (source: RegisterSource | null, at: number): void => {
      if (!source) {
        b.emit(Opcode.Null, 0, at, at + n);
        return;
      }
      b.emit(Opcode.SCopy, source.rowid, at);
      if (n > 0) b.emit(Opcode.Copy, source.base, at + 1, n - 1);
    };
    load(old, args);
    load(row, args + n + 1);
    for (const trigger of triggers) {
      const sub = onlyRecursive ? deferredErrors(() => triggerProgram(ec, trigger, this.table, this.onConflict), ec) : triggerProgram(ec, trigger, this.table, this.onConflict);
      b.emit(Opcode.Program, args, ignore, 2 * (n + 1), sub, ProgramFlag.NotRecursive | (onlyRecursive ? ProgramFlag.OnlyRecursive : 0));
    }
  }
}

/** The sub-program of `trigger` for conflict resolution `onConflict`, compiled once per statement. */
function triggerProgram(ec: ExprCompiler, trigger: TriggerInfo, table: TableInfo, onConflict: ConflictResolution | null): SubProgram {
  const ctx = ec.ctx;
  let shared = ctx.trigger ?? rootScopes.get(ec.b);
  if (!shared) {
    shared = { cache: new Map(), sequences: SequenceRegistry.of(ec.b) };
    rootScopes.set(ec.b, shared);
  }
  const cache = shared.cache;
  const key = `${foldName(trigger.name)}\u0000${onConflict ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Registered before compiling the body: a trigger that fires itself refers to this same object.
  // The recursion token is the trigger itself: its sub-programs for other conflict modes count too.
  const sub: SubProgram = { program: null, name: trigger.name, token: trigger };
  cache.set(key, sub);
  try {
    sub.program = compileTriggerBody(ctx, trigger, table, onConflict, shared);
  } catch (error) {
    cache.delete(key);
    throw error;
  }
  return sub;
}

/**
 * Ends a top-level statement whose triggers may insert into AUTOINCREMENT tables: their shared
 * sequences are written back now, whether or not a trigger ran (as SQLite does).
 */
export function emitTriggerSequences(ctx: CompileContext, b: ProgramBuilder): void {
  rootScopes.get(b)?.sequences?.finish(new ExprCompiler(b, ctx, { sources: [] }));
}

function compileTriggerBody(ctx: CompileContext, trigger: TriggerInfo, table: TableInfo, onConflict: ConflictResolution | null, shared: Pick<TriggerScope, 'cache' | 'sequences'>) {
  const b = new ProgramBuilder();
  const n = table.columns.length;
  // Registers 1..2n+2 hold the caller's rows: OLD rowid, OLD columns, NEW rowid, NEW columns.
  b.registerBlock(2 * (n + 1));
  const event = trigger.statement.event.kind;
  // OLD.x and NEW.x keep their column's collation but have no affinity in comparisons (as in SQLite).
  const rows: TableInfo = { ...table, columns: table.columns.map((c) => ({ ...c, affinity: Affinity.Blob })) };
  const scope: TriggerScope = {
    old: event === 'Insert' ? null : { kind: 'registers', table: rows, name: 'old', base: 2, rowid: 1 },
    new: event === 'Delete' ? null : { kind: 'registers', table: rows, name: 'new', base: n + 3, rowid: n + 2 },
    cache: shared.cache,
    sequences: shared.sequences,
  };
  // A TEMP trigger's body resolves names as any statement; another's only in its own database.
  const schema = trigger.database === TEMP_DATABASE ? ctx.schema.full() : ctx.schema.only(trigger.database ?? MAIN_DATABASE);
  const bodyCtx: CompileContext = { ...ctx, schema, sql: trigger.sql, parameters: NO_PARAMETERS, ctes: undefined, viewStack: undefined, trigger: scope };
  const end = b.label();
  withMainQualifiedErrors(() => {
    if (trigger.statement.when) {
      // The WHEN clause is compiled as if in a SELECT with no FROM clause.
      const ec = new ExprCompiler(b, bodyCtx, { sources: [] });
      ec.jumpIfNotTrue(trigger.statement.when, end);
    }
    for (const step of trigger.statement.body) compileStep(bodyCtx, b, step, onConflict);
  });
  b.place(end);
  b.emit(Opcode.TriggerReturn);
  return b.finish([], [], ctx.schema.generation);
}

function compileStep(ctx: CompileContext, b: ProgramBuilder, step: TriggerInfo['statement']['body'][number], onConflict: ConflictResolution | null): void {
  switch (step.kind) {
    case 'Insert':
      compileInsert(ctx, b, onConflict ? { ...step, orConflict: onConflict } : step);
      b.emit(Opcode.ResetCount);
      return;
    case 'Update':
      compileUpdate(ctx, b, onConflict ? { ...step, orConflict: onConflict } : step);
      b.emit(Opcode.ResetCount);
      return;
    case 'Delete':
      compileDelete(ctx, b, step);
      b.emit(Opcode.ResetCount);
      return;
    case 'Select':
      compileSelect(ctx, b, step, { kind: 'emit', emit: () => {} });
      return;
  }
}

/**
 * SQLite compiles the DELETE triggers of rows REPLACE removes only while recursive_triggers is on;
 * here they are compiled always and run only then, so a body that does not compile fails only then.
 */
function deferredErrors(compile: () => SubProgram, ec: ExprCompiler): SubProgram {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof SqliteError)) throw error;
    const b = new ProgramBuilder();
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: error.message, code: error.code } satisfies HaltError);
    return { program: b.finish([], [], ec.ctx.schema.generation), name: 'failed trigger' };
  }
}

/** Tables named inside a trigger body belong to the trigger's schema: SQLite reports them as main.x. */
function withMainQualifiedErrors(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (error instanceof SqliteError && error.message.startsWith('no such table: ') && !error.message.startsWith('no such table: main.')) {
      throw new SqliteError(`no such table: main.${error.message.slice('no such table: '.length)}`, error.code);
    }
    throw error;
  }
}
