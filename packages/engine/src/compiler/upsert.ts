// INSERT ... ON CONFLICT (upsert), with SQLite 3.35+ semantics: each clause's target names the
// rowid or a UNIQUE index (a target-less clause, last, covers every uniqueness constraint); the
// targeted constraints are checked first, in clause order; a conflict runs the clause's DO NOTHING
// (skip the row) or DO UPDATE (an UPDATE of the conflicting row, `excluded.` naming the proposed
// row, with ABORT conflict resolution). NOT NULL and CHECK constraints are not affected.

import { SqliteError } from '../common/errors.js';
import { sameName, type Expr, type InsertStatement, type UpsertClause } from '../parser/ast.js';
import { printExpr } from '../parser/print.js';
import { EXPRESSION_COLUMN, type TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { ExprCompiler } from './expr.js';
import { ROWID_CHECK, type TableWriter, type UniqueConflictHook } from './rows.js';
import { isRowidName, type RegisterSource } from './scope.js';
import { emitRowUpdate, resolveAssignments } from './update-row.js';
import { RowTriggers } from './trigger.js';
import { sameExpressionOnTable } from './index-expressions.js';
import { emitSeekRowByKey } from './without-rowid-write.js';

interface ResolvedClause {
  /** The uniqueness check it targets, or null for a target-less clause. */
  readonly check: number | null;
  readonly clause: UpsertClause;
}

export interface UpsertPlan {
  /** The hook for one proposed row (`row` is what `excluded.` reads; `skip` ends the row). */
  hookFor(row: RegisterSource, skip: number, afterWrite?: (row: RegisterSource) => void): UniqueConflictHook;
}

const NO_MATCH = 'ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint';

function targetCheck(table: TableInfo, target: NonNullable<UpsertClause['target']>): number {
  const terms = target.columns.map((term) => {
    let expr: Expr = term.expr;
    let collation: string | null = null;
    if (expr.kind === 'Collate') {
      collation = expr.collation.text;
      expr = expr.operand;
    }
    if (expr.kind !== 'Column') return { column: EXPRESSION_COLUMN, expr, collation: (collation ?? 'BINARY').toUpperCase() };
    const name = expr.column.text;
    let column = table.columns.findIndex((c) => sameName(c.name, name));
    if (column < 0 && isRowidName(name)) column = table.rowidAlias;
    // `rowid` names the rowid of a table without an INTEGER PRIMARY KEY too (sqlite3UpsertAnalyzeTarget).
    if (column < 0 && isRowidName(name) && !table.withoutRowid && target.columns.length === 1 && collation === null) return { column: -1, expr: null, collation: 'BINARY' };
    if (column < 0) throw new SqliteError(`no such column: ${name}`);
    return { column, expr: null, collation: (collation ?? table.columns[column]!.collation).toUpperCase() };
  });
  if (terms.length === 1 && (terms[0]!.column === -1 || (table.rowidAlias >= 0 && terms[0]!.column === table.rowidAlias))) return ROWID_CHECK;
  // A WITHOUT ROWID table's PRIMARY KEY is checked where a rowid would be.
  const key = table.withoutRowidKey;
  if (key && key.length === terms.length && key.every((k) => terms.some((t) => t.column === k.column && t.collation === k.collation.toUpperCase()))) return ROWID_CHECK;
  const whereText = target.where ? printExpr(target.where) : null;
  for (let i = 0; i < table.indexes.length; i++) {
    const index = table.indexes[i]!;
    if (!index.unique || index.columns.length !== terms.length) continue;
    if (index.where && (whereText === null || printExpr(index.where) !== whereText)) continue;
    const covered = index.columns.every((c) =>
      terms.some((t) => t.column === c.column && t.collation === c.collation.toUpperCase() && (t.expr === null || sameExpressionOnTable(table, t.expr, c.expr!))),
    );
    if (covered) return i;
  }
  throw new SqliteError(NO_MATCH);
}

/** Whether the INSERT writes the rowid (its INTEGER PRIMARY KEY or a rowid name is a target column). */
function insertGivesRowid(table: TableInfo, statement: InsertStatement): boolean {
  if (!statement.columns) return table.rowidAlias >= 0;
  return statement.columns.some((name) => {
    const index = table.columns.findIndex((c) => sameName(c.name, name.text));
    return index >= 0 ? index === table.rowidAlias : isRowidName(name.text);
  });
}

/** Resolves the statement's ON CONFLICT clauses against the table; null when there are none. */
export function planUpsert(ec: ExprCompiler, writer: TableWriter, statement: InsertStatement): UpsertPlan | null {
  if (statement.upserts.length === 0) return null;
  const table = writer.table;
  const clauses: ResolvedClause[] = statement.upserts.map((clause) => ({ check: clause.target ? targetCheck(table, clause.target) : null, clause }));
  const clauseFor = (check: number): ResolvedClause | undefined => clauses.find((c) => c.check === check) ?? clauses.find((c) => c.check === null);

  // Targeted constraints first, in clause order; then the other indexes; the rowid goes first only
  // when the first clause covers it (SQLite defers it otherwise).
  const order: number[] = [];
  for (const c of clauses) if (c.check !== null && !order.includes(c.check)) order.push(c.check);
  table.indexes.forEach((_, i) => {
    if (!order.includes(i)) order.push(i);
  });
  if (!order.includes(ROWID_CHECK)) {
    if (clauseFor(ROWID_CHECK) === clauses[0]) order.unshift(ROWID_CHECK);
    else order.push(ROWID_CHECK);
  }
  // A rowid the INSERT does not give is a new one: SQLite codes no rowid check then, so a DO
  // UPDATE meant for it is never compiled (nor are its names resolved).
  if (!table.withoutRowid && !insertGivesRowid(table, statement)) order.splice(order.indexOf(ROWID_CHECK), 1);
  const name = statement.alias ? statement.alias.text : table.name;

  return {
    hookFor(row, skip, afterWrite) {
      return {
        order,
        handle(check, conflictRowid) {
          const resolved = clauseFor(check);
          if (!resolved) return false;
          const b = ec.b;
          const action = resolved.clause.action;
          if (action.kind === 'Nothing') {
            b.emit(Opcode.Goto, 0, skip);
            return true;
          }
          // The conflicting row's rowid, or (WITHOUT ROWID) its key: a block of registers.
          const width = table.withoutRowidKey?.length ?? 1;
          const oldRowid = b.registerBlock(width);
          for (let i = 0; i < width; i++) b.emit(Opcode.SCopy, conflictRowid + i, oldRowid + i);
          if (table.withoutRowid) emitSeekRowByKey(ec, writer, oldRowid, skip);
          else b.emit(Opcode.NotExists, writer.source.cursor, skip, oldRowid);
          const saved = ec.scope;
          const excluded: RegisterSource = { ...row, name: 'excluded' };
          // Unqualified names read the existing row; `excluded.x` resolves in the outer scope.
          ec.scope = { sources: [{ ...writer.source, name }], outer: { sources: [excluded] } };
          const assignments = resolveAssignments(table, action.sets);
          if (action.where) ec.jumpIfNotTrue(action.where, skip);
          const triggers = RowTriggers.find(ec.ctx, table, 'UPDATE', action.sets, 'ABORT');
          emitRowUpdate(ec, { writer, name, assignments, oldRowid, onConflict: 'ABORT', skip, afterWrite, triggers });
          if (b.upsertUpdates !== null) {
            const one = b.register();
            b.emit(Opcode.Value, 0, one, 0, 1n);
            b.emit(Opcode.Add, b.upsertUpdates, one, b.upsertUpdates);
          }
          ec.scope = saved;
          b.emit(Opcode.Goto, 0, skip);
          return true;
        },
      };
    },
  };
}
