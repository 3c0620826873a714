// INSERT code generation: VALUES rows, DEFAULT VALUES and INSERT ... SELECT (materialized first,
// so a SELECT from the same table sees no rows of this statement), with defaults, rowid
// assignment, constraint checks and index maintenance (compiler/rows.ts).

import { SqliteError, unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { sameName, type Expr, type InsertStatement } from '../parser/ast.js';
import { notePlan, valuesPlanDetail } from './query-plan.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import { InsertFlag } from '../vm/ops/write.js';
import type { ProgramBuilder } from './builder.js';
import { qualifiedContext } from './databases.js';
import { isSchemaTable } from '../schema/database-list.js';
import type { CompileContext } from './context.js';
import { bindWith } from './cte.js';
import { ExprCompiler } from './expr.js';
import { columnAffinities, emitConstraintChecks, emitInsertRow, openForWrite, type TableWriter } from './rows.js';
import { referencesTo } from './foreign-key-parent.js';
import { hasGeneratedColumns } from '../schema/generated.js';
import { isRowidName, type RegisterSource } from './scope.js';
import { compileSelect } from './select.js';
import { Autoincrement } from './autoincrement.js';
import { Returning } from './returning.js';
import { planUpsert, type UpsertPlan } from './upsert.js';
import { RowTriggers } from './trigger.js';
import { compileInsteadOfInsert, emitBeforeInsertTriggers } from './trigger-dml.js';
import { foreignKeysBeforeInsert } from './foreign-keys.js';
import { checkInsertTarget, emitComputeGenerated } from './generated.js';

/** Per-statement parts every inserted row uses. */
interface RowContext {
  readonly writer: TableWriter;
  readonly statement: InsertStatement;
  readonly upsert: UpsertPlan | null;
  readonly returning: Returning | null;
  readonly autoincrement: Autoincrement | null;
  readonly triggers: RowTriggers | null;
}

export function lookupWritableTable(ctx: CompileContext, name: string): TableInfo {
  const table = ctx.schema.table(name);
  if (!table) {
    if (ctx.schema.view(name)) throw new SqliteError(`cannot modify ${name} because it is a view`);
    const reason = ctx.schema.unreadableReason(name);
    if (reason) throw unsupported(`table ${name} (${reason})`);
    throw new SqliteError(`no such table: ${name}`);
  }
  if (isSchemaTable(table)) throw new SqliteError(`table ${table.name} may not be modified`);
  const unwritable = ctx.schema.unwritableReason(table.name);
  if (unwritable) throw unsupported(`writing table ${table.name} (${unwritable})`);
  return table;
}

/** Target slot of each inserted value: a column index, or -1 for an explicit rowid. */
function targetColumns(table: TableInfo, statement: InsertStatement): number[] {
  if (!statement.columns) return table.columns.flatMap((c, i) => (c.generated ? [] : [i === table.rowidAlias ? -1 : i]));
  return statement.columns.map((name) => {
    const index = table.columns.findIndex((c) => sameName(c.name, name.text));
    if (index >= 0) checkInsertTarget(table, index);
    if (index >= 0) return index === table.rowidAlias ? -1 : index;
    if (isRowidName(name.text) && !table.withoutRowid) return -1;
    throw new SqliteError(`table ${table.name} has no column named ${name.text}`);
  });
}

function countMismatch(table: TableInfo, statement: InsertStatement, valueCount: number, targetCount: number): SqliteError {
  if (statement.columns) return new SqliteError(`${valueCount} values for ${targetCount} columns`);
  return new SqliteError(`table ${table.name} has ${table.columns.filter((c) => !c.generated).length} columns but ${valueCount} values were supplied`);
}

/** Compiles an INSERT; returns the RETURNING columns (none without RETURNING). */
export function compileInsert(ctx: CompileContext, b: ProgramBuilder, statement: InsertStatement): ResultColumnMeta[] {
  if (statement.with) return compileInsert(bindWith(ctx, statement.with), b, { ...statement, with: null });
  if (statement.table.schema) return compileInsert(qualifiedContext(ctx, statement.table.schema, statement.table.name.text), b, { ...statement, table: { ...statement.table, schema: null } });
  if (ctx.schema.view(statement.table.name.text)) return compileInsteadOfInsert(ctx, b, statement);
  const table = lookupWritableTable(ctx, statement.table.name.text);
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const targets = targetColumns(table, statement);
  const writer = openForWrite(ec, table, table.name);
  const rc: RowContext = {
    writer,
    statement,
    upsert: planUpsert(ec, writer, statement),
    returning: Returning.open(ec, table, statement.returning),
    autoincrement: Autoincrement.begin(ec, table),
    triggers: RowTriggers.find(ctx, table, 'INSERT', null, statement.orConflict),
  };
  emitRows(ctx, ec, rc, targets);
  rc.autoincrement?.end(ec);
  rc.returning?.finish(ec);
  return rc.returning?.columns ?? [];
}

function emitRows(ctx: CompileContext, ec: ExprCompiler, rc: RowContext, targets: readonly number[]): void {
  const { b } = ec;
  const { statement } = rc;
  const table = rc.writer.table;
  if (statement.source.kind === 'DefaultValues') {
    emitOneRow(ec, rc, [], () => {});
    return;
  }
  const select = statement.source.select;
  const core = select.first;
  if (core.kind === 'Values' && select.orderBy.length === 0 && !select.limit && select.compounds.length === 0 && !select.with) {
    if (core.rows.length > 1) notePlan(valuesPlanDetail(core.rows.length));
    for (const row of core.rows) {
      if (row.length !== targets.length) throw countMismatch(table, statement, row.length, targets.length);
      const parameterAt = (slot: number): number | null => {
        const value = row[slot]!;
        return value.kind === 'Parameter' ? value.index : null;
      };
      emitOneRow(ec, rc, targets, (slot, target) => ec.compile(row[slot]!, target), parameterAt);
    }
    return;
  }
  // INSERT ... SELECT: collect the rows first, then insert them.
  const collected = b.cursor();
  b.emit(Opcode.OpenEphemeral, collected);
  const columns = compileSelect(ctx, b, select, { kind: 'collect', cursor: collected });
  if (columns.length !== targets.length) throw countMismatch(table, statement, columns.length, targets.length);
  const done = b.label();
  b.emit(Opcode.Rewind, collected, done);
  const top = b.here;
  emitOneRow(ec, rc, targets, (slot, target) => b.emit(Opcode.Column, collected, slot, target));
  b.emit(Opcode.Next, collected, top);
  b.place(done);
}

/**
 * Emits the insertion of one row whose value for `targets[k]` is produced by `load(k, register)`.
 * `parameterAt(k)`, when given, names the parameter slot a value is (null: another expression):
 * runs of consecutive parameters going to consecutive columns load with one Variable.
 */
function emitOneRow(
  ec: ExprCompiler,
  rc: RowContext,
  targets: readonly number[],
  load: (slot: number, target: number) => void,
  parameterAt?: (slot: number) => number | null,
): void {
  const b = ec.b;
  const { writer, statement, autoincrement } = rc;
  const table = writer.table;
  const n = table.columns.length;
  const base = b.registerBlock(n);
  // The rowid named twice (alias and rowid): the last one wins, as in SQLite.
  const rowidSlot = targets.lastIndexOf(-1);
  // A rowid given as a parameter (no triggers to see the row before it is assigned) is loaded
  // straight into the rowid alias column's register, which then serves as the rowid register:
  // one Variable may load it with its neighbours, and no SCopy is needed.
  const sharedRowid = !table.withoutRowid && table.rowidAlias >= 0 && rowidSlot >= 0 && !rc.triggers && !autoincrement && (parameterAt?.(rowidSlot) ?? null) !== null;
  const rowid = sharedRowid ? base + table.rowidAlias : b.register();
  const slotOf = (i: number): number => (sharedRowid && i === table.rowidAlias ? rowidSlot : targets.indexOf(i));
  const skip = b.label();
  const beforeTriggers = rc.triggers?.has('BEFORE') ?? false;
  for (let i = 0; i < n; i++) {
    const column = table.columns[i]!;
    const slot = slotOf(i);
    const parameter = slot >= 0 ? (parameterAt?.(slot) ?? null) : null;
    if (parameter !== null) {
      let count = 1;
      while (i + count < n) {
        const next = slotOf(i + count);
        if (next < 0 || parameterAt!(next) !== parameter + count) break;
        count++;
      }
      b.emit(Opcode.Variable, parameter, base + i, count - 1);
      i += count - 1;
    } else if (slot >= 0) load(slot, base + i);
    else if (column.defaultExpr) ec.compile(column.defaultExpr as Expr, base + i);
    // The rowid alias's register gets the rowid (SCopy below) before anything but BEFORE triggers reads it.
    else if (i !== table.rowidAlias || beforeTriggers) b.emit(Opcode.Null, 0, base + i);
  }
  if (beforeTriggers) emitComputeGenerated(ec, { kind: 'registers', table, name: table.name, base, rowid }, true);
  if (rc.triggers) emitBeforeInsertTriggers(ec, rc.triggers, table, base, rowidSlot >= 0 ? (r) => load(rowidSlot, r) : null, skip);
  if (table.withoutRowid) {
    // No rowid: the row is identified by its PRIMARY KEY columns.
    b.emit(Opcode.Null, 0, rowid);
  } else if (rowidSlot >= 0 && !autoincrement) {
    // SQLite's shape: a given rowid takes the NotNull jump to MustBeInt; NULL gets a new one
    // (MustBeInt leaves that integer as it is).
    const given = b.label();
    if (!sharedRowid) load(rowidSlot, rowid);
    b.emit(Opcode.NotNull, rowid, given);
    emitNewRowid(rc, b, rowid);
    b.place(given);
    b.emit(Opcode.MustBeInt, rowid, 0);
  } else if (rowidSlot >= 0) {
    const automatic = b.label();
    const assigned = b.label();
    load(rowidSlot, rowid);
    b.emit(Opcode.IsNull, rowid, automatic);
    b.emit(Opcode.MustBeInt, rowid, 0);
    autoincrement?.emitNoteRowid(ec, rowid);
    b.emit(Opcode.Goto, 0, assigned);
    b.place(automatic);
    emitNewRowid(rc, b, rowid);
    b.place(assigned);
  } else {
    emitNewRowid(rc, b, rowid);
  }
  if (table.rowidAlias >= 0 && !sharedRowid) b.emit(Opcode.SCopy, rowid, base + table.rowidAlias);
  const row: RegisterSource = { kind: 'registers', table, name: table.name, base, rowid };
  emitComputeGenerated(ec, row);
  const afterWrite = rc.returning ? (written: RegisterSource) => rc.returning!.emitRow(ec, written) : undefined;
  const unique = rc.upsert?.hookFor(row, skip, afterWrite);
  const affinityInRecord = affinityInRecordFits(ec, rc);
  emitConstraintChecks(ec, writer, row, { onConflict: statement.orConflict, skip, oldRowid: null, unique, affinityInRecord });
  foreignKeysBeforeInsert(ec, table, row, statement);
  emitInsertRow(ec, writer, row, InsertFlag.CountChange | InsertFlag.SetLastRowid, affinityInRecord ? columnAffinities(table) : null);
  afterWrite?.(row);
  rc.triggers?.fire(ec, 'AFTER', null, row, skip);
  b.place(skip);
}

/**
 * Whether the row's affinities may wait for its MakeRecord (SQLite's sqlite3TableAffinity on the
 * record): nothing between reads a converted column value. NOT NULL checks are not affected (an
 * affinity never makes or unmakes a NULL); CHECK constraints, index keys, STRICT type checks,
 * generated columns, upserts, triggers and foreign key probes are.
 */
function affinityInRecordFits(ec: ExprCompiler, rc: RowContext): boolean {
  const table = rc.writer.table;
  if (table.withoutRowid || table.strict || table.checks.length > 0 || table.indexes.length > 0 || hasGeneratedColumns(table)) return false;
  if (rc.upsert || rc.triggers) return false;
  return !ec.ctx.foreignKeys || ((table.foreignKeys?.length ?? 0) === 0 && referencesTo(ec.ctx, table).length === 0);
}

function emitNewRowid(rc: RowContext, b: ProgramBuilder, rowid: number): void {
  if (rc.autoincrement) rc.autoincrement.emitNewRowid(b, rc.writer.source.cursor, rowid);
  else b.emit(Opcode.NewRowid, rc.writer.source.cursor, rowid);
}
