// Pass 1 of UPDATE and DELETE: the rowids of the rows to change, collected into a row set before
// anything changes (so the scan never walks a tree being modified). Handles WHERE (through the
// planner) and SQLite's UPDATE/DELETE ... ORDER BY ... LIMIT ... OFFSET (a sorter over the rowids,
// then the LIMIT/OFFSET window).

import { SqliteError } from '../common/errors.js';
import type { DeleteStatement, UpdateStatement } from '../parser/ast.js';
import { binaryCollation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { SortSpec } from '../vm/ops/sorter.js';
import type { ExprCompiler } from './expr.js';
import type { CursorSource } from './scope.js';
import { chooseLoop, openTableLoop, resolveIndexHint } from './where.js';

/**
 * UPDATE/DELETE … LIMIT [OFFSET]: loads both as integers (0: absent) and jumps to `end` when the limit is 0.
 * The loop counts them down (IfPos) as it takes rows.
 */
export function emitWriteLimit(ec: ExprCompiler, statement: UpdateStatement | DeleteStatement, end: number): { limit: number; offset: number } {
  const b = ec.b;
  let limit = 0;
  let offset = 0;
  if (statement.limit) {
    limit = ec.toRegister(statement.limit.limit);
    b.emit(Opcode.MustBeInt, limit, 0);
    if (statement.limit.offset) {
      offset = ec.toRegister(statement.limit.offset);
      b.emit(Opcode.MustBeInt, offset, 0);
    }
    b.emit(Opcode.IfNot, limit, end);
  }
  return { limit, offset };
}

/** Emits the collection of the target rowids into row set register `rowSet`. */
export function collectTargetRowids(ec: ExprCompiler, source: CursorSource, statement: UpdateStatement | DeleteStatement, rowSet: number): void {
  const b = ec.b;
  if (statement.orderBy.length > 0 && !statement.limit) throw new SqliteError(`ORDER BY without LIMIT on ${statement.kind.toUpperCase()}`);
  const indexHint = resolveIndexHint(source.table, statement.indexHint);
  const reader: CursorSource = { ...source, cursor: b.cursor(), ...(indexHint ? { indexHint } : {}) };
  ec.scope = { sources: [reader] };
  const end = b.label();
  const { limit, offset } = emitWriteLimit(ec, statement, end);
  const rowid = b.register();
  // SQLite changes the rows in rowid order (its RowSet is sorted): rowids found through an index
  // or an ORDER BY go through a sorter first. That order shows in RETURNING and OR FAIL.
  let byRowid = -1;
  const sortByRowid = (): void => {
    byRowid = b.cursor();
    b.emit(Opcode.SorterOpen, byRowid, 0, 0, { collations: [binaryCollation], descending: [false] } satisfies SortSpec);
  };
  /** Emits the LIMIT/OFFSET window and the row set insertion for the rowid in `rowid`; `skip` continues. */
  const take = (skip: number): void => {
    if (offset) b.emit(Opcode.IfPos, offset, skip, 1);
    if (byRowid >= 0) b.emit(Opcode.SorterInsert, byRowid, rowid, 1);
    else b.emit(Opcode.RowSetAdd, rowSet, rowid);
    if (limit) b.emit(Opcode.DecrJumpZero, limit, end);
  };

  if (statement.orderBy.length === 0) {
    const decided = chooseLoop(ec, reader, statement.where);
    if (decided.choice.kind === 'index') sortByRowid();
    const loop = openTableLoop(ec, reader, statement.where, true, decided);
    b.emit(Opcode.Rowid, reader.cursor, rowid);
    take(loop.next);
    loop.finish();
  } else {
    const terms = statement.orderBy;
    const sorter = b.cursor();
    const spec: SortSpec = {
      collations: terms.map((t) => {
        const expr = t.expr.kind === 'Collate' ? t.expr.operand : t.expr;
        const named = t.expr.kind === 'Collate' ? { name: t.expr.collation.text } : ec.collationOf(expr);
        return named ? ec.collation(named.name) : binaryCollation;
      }),
      descending: terms.map((t) => t.direction === 'DESC'),
    };
    b.emit(Opcode.SorterOpen, sorter, 0, 0, spec);
    sortByRowid();
    const loop = openTableLoop(ec, reader, statement.where);
    const keys = b.registerBlock(terms.length + 1);
    terms.forEach((t, i) => ec.compile(t.expr, keys + i));
    b.emit(Opcode.Rowid, reader.cursor, keys + terms.length);
    b.emit(Opcode.SorterInsert, sorter, keys, terms.length + 1);
    loop.finish();
    b.emit(Opcode.SorterSort, sorter, end);
    const top = b.here;
    const next = b.label();
    b.emit(Opcode.Column, sorter, terms.length, rowid);
    take(next);
    b.place(next);
    b.emit(Opcode.SorterNext, sorter, top);
  }
  b.place(end);
  if (byRowid >= 0) {
    const done = b.label();
    b.emit(Opcode.SorterSort, byRowid, done);
    const top = b.here;
    b.emit(Opcode.Column, byRowid, 0, rowid);
    b.emit(Opcode.RowSetAdd, rowSet, rowid);
    b.emit(Opcode.SorterNext, byRowid, top);
    b.place(done);
  }
  b.emit(Opcode.Close, reader.cursor);
}
