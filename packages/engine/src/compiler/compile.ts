// The code generator's entry point: one parsed statement -> one Program. Opens the transaction
// the statement needs (read, or write) as the first instruction, then the statement's code, then
// Halt.

import { unsupported } from '../common/errors.js';
import type { ResultColumn } from '../engine/prepared.js';
import { forEachNode, type SelectClause, type Statement } from '../parser/ast.js';
import { Opcode, type Program } from '../vm/program.js';
import type { AutoCommitSpec } from '../vm/ops/transaction.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { compileAlterTable } from './alter.js';
import { compileAnalyze } from './analyze.js';
import { compileAttach, compileDetach } from './attach.js';
import { compileCreateIndex, compileCreateTable, compileDrop } from './ddl.js';
import { compileExplain, compileExplainQueryPlan } from './explain.js';
import { compileReindex } from './reindex.js';
import { compileVacuum } from './vacuum.js';
import { compileInsert } from './insert.js';
import { emitForeignKeyCheck } from './foreign-keys.js';
import { compileCreateTrigger } from './trigger-ddl.js';
import { emitTriggerSequences } from './trigger.js';
import { compilePragma, pragmaTransaction } from './pragma.js';
import { compileSelect } from './select.js';
import { compileDelete, compileUpdate } from './update-delete.js';
import { compileCreateView } from './view.js';

function transactionKind(statement: Statement): 'read' | 'write' | 'none' {
  switch (statement.kind) {
    case 'Select':
      return readsDatabase(statement) ? 'read' : 'none';
    case 'Insert':
    case 'Update':
    case 'Delete':
    case 'CreateTable':
    case 'CreateIndex':
    case 'CreateView':
    case 'CreateTrigger':
    case 'Drop':
    case 'AlterTable':
    case 'Analyze':
    case 'Reindex':
      return 'write';
    case 'Pragma':
      return pragmaTransaction(statement);
    default:
      return 'none';
  }
}

/** true when a SELECT has a FROM clause or `IN table` anywhere (including in subqueries). */
function readsDatabase(node: unknown): boolean {
  return forEachNode(node, (n) => (n.kind === 'SelectClause' && !!(n as SelectClause).from) || n.kind === 'InTable' || undefined);
}

export function compileStatement(ctx: CompileContext, statement: Statement): Program {
  ctx = { ...ctx, statement };
  const b = new ProgramBuilder();
  const kind = transactionKind(statement);
  if (kind !== 'none') b.emit(Opcode.Transaction, kind === 'write' ? 1 : 0);
  let columns: ResultColumn[] = [];
  const countRows = rowCountColumn(ctx, statement);
  if (countRows) {
    b.upsertUpdates = b.register();
    b.emit(Opcode.Value, 0, b.upsertUpdates, 0, 0n);
  }
  switch (statement.kind) {
    case 'Select':
      columns = compileSelect(ctx, b, statement, { kind: 'result' });
      break;
    case 'Insert':
      b.countsChanges = true;
      columns = compileInsert(ctx, b, statement);
      break;
    case 'Update':
      b.countsChanges = true;
      columns = compileUpdate(ctx, b, statement);
      break;
    case 'Delete':
      b.countsChanges = true;
      columns = compileDelete(ctx, b, statement);
      break;
    case 'CreateTable':
      compileCreateTable(ctx, b, statement);
      break;
    case 'CreateIndex':
      compileCreateIndex(ctx, b, statement);
      break;
    case 'Drop':
      compileDrop(ctx, b, statement);
      break;
    case 'CreateView':
      compileCreateView(ctx, b, statement);
      break;
    case 'CreateTrigger':
      compileCreateTrigger(ctx, b, statement);
      break;
    case 'AlterTable':
      compileAlterTable(ctx, b, statement);
      break;
    case 'Vacuum':
      compileVacuum(ctx, b, statement);
      break;
    case 'Analyze':
      compileAnalyze(ctx, b, statement);
      break;
    case 'Reindex':
      compileReindex(ctx, b, statement);
      break;
    case 'Explain':
      columns = (statement.queryPlan ? compileExplainQueryPlan : compileExplain)(ctx, b, statement.statement, compileStatement);
      break;
    case 'Pragma':
      columns = compilePragma(ctx, b, statement);
      break;
    case 'Begin':
      if (statement.mode === 'IMMEDIATE' || statement.mode === 'EXCLUSIVE') b.emit(Opcode.Transaction, 1);
      b.emit(Opcode.AutoCommit, 0, 0, 0, { mode: statement.mode } satisfies AutoCommitSpec);
      break;
    case 'Commit':
      b.emit(Opcode.AutoCommit, 1, 0);
      break;
    case 'Rollback':
      if (statement.savepoint) savepointCall(b, 'rollback_to', statement.savepoint.text);
      else b.emit(Opcode.AutoCommit, 1, 1);
      break;
    case 'Savepoint':
      savepointCall(b, 'savepoint', statement.name.text);
      break;
    case 'Release':
      savepointCall(b, 'release', statement.name.text);
      break;
    case 'Attach':
      compileAttach(ctx, b, statement);
      break;
    case 'Detach':
      compileDetach(ctx, b, statement);
      break;
    default:
      throw unsupported(statementName(statement));
  }
  if (kind === 'write') b.writes = true;
  if (countRows) columns = emitRowCount(b, countRows);
  emitForeignKeyCheck(ctx, b, statement);
  emitTriggerSequences(ctx, b);
  b.emit(Opcode.Halt);
  return b.finish(columns, ctx.parameters.names, ctx.schema.generation);
}

/**
 * PRAGMA count_changes: the column of the one row INSERT, UPDATE and DELETE then return (none
 * with RETURNING, as in SQLite), or null.
 */
function rowCountColumn(ctx: CompileContext, statement: Statement): string | null {
  if (!ctx.countChanges || ctx.trigger) return null;
  if (statement.kind !== 'Insert' && statement.kind !== 'Update' && statement.kind !== 'Delete') return null;
  if (statement.returning) return null;
  return statement.kind === 'Insert' ? 'rows inserted' : statement.kind === 'Update' ? 'rows updated' : 'rows deleted';
}

/** The count_changes row: the statement's changes, less the rows an UPSERT's DO UPDATE changed. */
function emitRowCount(b: ProgramBuilder, name: string): ResultColumn[] {
  const count = b.register();
  b.emit(Opcode.ChangeCount, 0, count);
  b.emit(Opcode.Subtract, count, b.upsertUpdates!, count);
  b.emit(Opcode.ResultRow, count, 1);
  return [{ name, column: null, table: null, database: null, type: null }];
}

/** SAVEPOINT / RELEASE / ROLLBACK TO: the connection keeps the savepoint stack. */
function savepointCall(b: ProgramBuilder, operation: string, name: string): void {
  const r = b.register();
  b.emit(Opcode.Value, 0, r, 0, name);
  b.emit(Opcode.HostCall, r, 1, b.register(), operation);
}

function statementName(statement: Statement): string {
  switch (statement.kind) {
    case 'CreateView':
      return 'CREATE VIEW';
    case 'CreateTrigger':
      return 'CREATE TRIGGER';
    case 'CreateVirtualTable':
      return 'CREATE VIRTUAL TABLE';
    case 'AlterTable':
      return 'ALTER TABLE';
    case 'Savepoint':
      return 'SAVEPOINT';
    case 'Release':
      return 'RELEASE';
    case 'Explain':
      return 'EXPLAIN';
    default:
      return statement.kind.toUpperCase();
  }
}
