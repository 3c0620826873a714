// UPDATE and DELETE code generation. Both first collect the rowids of the rows to change
// (compiler/target-rows.ts: WHERE, ORDER BY, LIMIT), then modify those rows, so the scan never
// walks a tree being changed. RETURNING rows are collected per row and returned at the end.

import { unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import type { DeleteStatement, UpdateStatement } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import { qualifiedContext } from './databases.js';
import type { CompileContext } from './context.js';
import { bindWith } from './cte.js';
import { ExprCompiler } from './expr.js';
import { lookupWritableTable } from './insert.js';
import { Returning } from './returning.js';
import { emitDeleteRow, openForWrite } from './rows.js';
import { withForeignKeyDelete } from './foreign-keys.js';
import type { CursorSource, RegisterSource } from './scope.js';
import { collectTargetRowids } from './target-rows.js';
import { compileUpdateFrom } from './update-from.js';
import { RowTriggers } from './trigger.js';
import { compileInsteadOfDelete, compileInsteadOfUpdate } from './trigger-dml.js';
import { emitRowUpdate, resolveAssignments } from './update-row.js';
import { collectTargetKeys, forEachTargetRow } from './without-rowid-write.js';

export function compileDelete(ctx: CompileContext, b: ProgramBuilder, statement: DeleteStatement): ResultColumnMeta[] {
  if (statement.with) return compileDelete(bindWith(ctx, statement.with), b, { ...statement, with: null });
  if (statement.table.schema) return compileDelete(qualifiedContext(ctx, statement.table.schema, statement.table.name.text), b, { ...statement, table: { ...statement.table, schema: null } });
  if (ctx.schema.view(statement.table.name.text)) return compileInsteadOfDelete(ctx, b, statement);
  const table = lookupWritableTable(ctx, statement.table.name.text);
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const name = statement.alias ? statement.alias.text : table.name;
  const writer = openForWrite(ec, table, name);
  const returning = Returning.open(ec, table, statement.returning);
  const triggers = RowTriggers.find(ctx, table, 'DELETE', null, null);
  if (table.withoutRowid) {
    const keys = collectTargetKeys(ec, writer.source, statement);
    ec.scope = { sources: [writer.source] };
    forEachTargetRow(ec, writer, keys, () => {
      const old = returning ? emitCopyRow(ec, writer.source, b.register()) : null;
      emitDeleteRow(ec, writer, 0, true);
      if (old) returning!.emitRow(ec, old);
    });
    returning?.finish(ec);
    return returning?.columns ?? [];
  }
  const rowSet = b.register();
  collectTargetRowids(ec, writer.source, statement, rowSet);
  ec.scope = { sources: [writer.source] };
  const done = b.label();
  const rowid = b.register();
  const top = b.here;
  b.emit(Opcode.RowSetRead, rowSet, done, rowid);
  b.emit(Opcode.NotExists, writer.source.cursor, top, rowid);
  if (returning || triggers) {
    // RETURNING runs after the row is gone (its subqueries see that), on the old values.
    const old = emitCopyRow(ec, writer.source, rowid);
    if (triggers?.has('BEFORE')) {
      triggers.fire(ec, 'BEFORE', old, null, top);
      // The BEFORE trigger may have deleted the row already.
      b.emit(Opcode.NotExists, writer.source.cursor, top, rowid);
    }
    withForeignKeyDelete(ec, writer, rowid, () => emitDeleteRow(ec, writer, rowid, true));
    returning?.emitRow(ec, old);
    triggers?.fire(ec, 'AFTER', old, null, top);
  } else withForeignKeyDelete(ec, writer, rowid, () => emitDeleteRow(ec, writer, rowid, true));
  b.emit(Opcode.Goto, 0, top);
  b.place(done);
  returning?.finish(ec);
  return returning?.columns ?? [];
}

/** Copies the row `source` is on into registers (column i in base+i, the rowid alias slot holding the rowid). */
function emitCopyRow(ec: ExprCompiler, source: CursorSource, rowid: number): RegisterSource {
  const table = source.table;
  const base = ec.b.registerBlock(table.columns.length);
  table.columns.forEach((_, i) => {
    if (i === table.rowidAlias) ec.b.emit(Opcode.SCopy, rowid, base + i);
    else ec.emitColumn({ source, column: i }, base + i);
  });
  return { kind: 'registers', table, name: source.name, base, rowid };
}

export function compileUpdate(ctx: CompileContext, b: ProgramBuilder, statement: UpdateStatement): ResultColumnMeta[] {
  if (statement.with) return compileUpdate(bindWith(ctx, statement.with), b, { ...statement, with: null });
  if (statement.table.schema) return compileUpdate(qualifiedContext(ctx, statement.table.schema, statement.table.name.text), b, { ...statement, table: { ...statement.table, schema: null } });
  if (ctx.schema.view(statement.table.name.text)) return compileInsteadOfUpdate(ctx, b, statement);
  const table = lookupWritableTable(ctx, statement.table.name.text);
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const name = statement.alias ? statement.alias.text : table.name;
  const writer = openForWrite(ec, table, name);
  if (statement.from && table.withoutRowid) throw unsupported('UPDATE ... FROM on WITHOUT ROWID tables');
  if (statement.from) return compileUpdateFrom(ec, writer, name, statement, table);
  const assignments = resolveAssignments(table, statement.sets);
  const returning = Returning.open(ec, table, statement.returning);
  if (table.withoutRowid) {
    const keys = collectTargetKeys(ec, writer.source, statement);
    ec.scope = { sources: [writer.source] };
    forEachTargetRow(ec, writer, keys, (key, next) =>
      emitRowUpdate(ec, { writer, name, assignments, oldRowid: key, onConflict: statement.orConflict, skip: next, afterWrite: returning ? (row) => returning.emitRow(ec, row) : undefined }),
    );
    returning?.finish(ec);
    return returning?.columns ?? [];
  }

  const rowSet = b.register();
  collectTargetRowids(ec, writer.source, statement, rowSet);
  ec.scope = { sources: [writer.source] };
  const done = b.label();
  const oldRowid = b.register();
  const top = b.here;
  b.emit(Opcode.RowSetRead, rowSet, done, oldRowid);
  b.emit(Opcode.NotExists, writer.source.cursor, top, oldRowid);
  const skip = b.label();
  emitRowUpdate(ec, {
    writer,
    name,
    assignments,
    oldRowid,
    onConflict: statement.orConflict,
    skip,
    afterWrite: returning ? (row) => returning.emitRow(ec, row) : undefined,
    triggers: RowTriggers.find(ctx, table, 'UPDATE', statement.sets, statement.orConflict),
  });
  b.place(skip);
  b.emit(Opcode.Goto, 0, top);
  b.place(done);
  returning?.finish(ec);
  return returning?.columns ?? [];
}
