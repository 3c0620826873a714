// AUTOINCREMENT: the sqlite_sequence table (created with the first AUTOINCREMENT table) keeps
// the largest rowid each such table ever used. An INSERT reads it once, assigns new rowids above
// both it and the table's largest rowid (SQLITE_FULL at the maximum, never a random probe), and
// writes it back when the statement ends, as SQLite's autoIncBegin/autoIncEnd do.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { TableInfo } from '../schema/types.js';
import { Affinity } from '../values/affinity.js';
import type { CastTarget } from '../values/cast.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';

export const SEQUENCE_TABLE = 'sqlite_sequence';
export const SEQUENCE_SQL = 'CREATE TABLE sqlite_sequence(name,seq)';

export class Autoincrement {
  private constructor(
    private readonly cursor: number,
    /** The largest rowid used so far (sqlite_sequence.seq, then every rowid this statement uses). */
    readonly maxRegister: number,
    /** The rowid of the table's sqlite_sequence row, or NULL when it has none yet. */
    private readonly sequenceRowid: number,
    /** The sequence as read (the row is rewritten only when it grew, or created when missing). */
    private readonly original: number,
    private readonly tableName: string,
    /** Register holding the table name (the sequence row's key). */
    private readonly nameRegister: number,
  ) {}

  /** Emits the read of `table`'s sequence; null when the table is not AUTOINCREMENT. */
  static begin(ec: ExprCompiler, table: TableInfo): Autoincrement | null {
    if (!table.autoincrement) return null;
    const sequence = ec.ctx.schema.table(SEQUENCE_TABLE);
    if (!sequence) throw new SqliteError('database corruption: missing sqlite_sequence table', 'SQLITE_CORRUPT');
    const b = ec.b;
    const cursor = b.cursor();
    const max = b.register();
    const rowid = b.register();
    const name = b.register();
    const value = b.register();
    b.emit(Opcode.OpenWrite, cursor, sequence.rootPage);
    b.emit(Opcode.Value, 0, max, 0, 0n);
    b.emit(Opcode.Null, 0, rowid);
    b.emit(Opcode.Value, 0, name, 0, table.name);
    emitReadSequence(ec, cursor, name, rowid, max, value);
    const original = b.register();
    b.emit(Opcode.SCopy, max, original);
    return new Autoincrement(cursor, max, rowid, original, table.name, name);
  }

  /**
   * Emits a re-read of the sequence after triggers ran (they may have inserted into the table and
   * written sqlite_sequence): the row's rowid is taken, and the largest rowid becomes the larger of
   * both. With a write-back (end) before the triggers, statement and triggers share one sequence,
   * as SQLite's shared AUTOINCREMENT registers make them.
   */
  refresh(ec: ExprCompiler): void {
    const b = ec.b;
    const seq = b.register();
    const value = b.register();
    b.emit(Opcode.Value, 0, seq, 0, 0n);
    emitReadSequence(ec, this.cursor, this.nameRegister, this.sequenceRowid, seq, value);
    const lower = b.label();
    const spec: ComparisonSpec = { op: '<=', affinity: Affinity.Numeric, collation: ec.collation('BINARY') };
    b.emit(Opcode.CompareJump, seq, lower, this.maxRegister, spec);
    b.emit(Opcode.SCopy, seq, this.maxRegister);
    b.place(lower);
  }

  /** Emits r[rowid] = a new rowid above the table's largest and the sequence (SQLITE_FULL past the maximum). */
  emitNewRowid(b: ProgramBuilder, tableCursor: number, rowid: number): void {
    b.emit(Opcode.NewRowid, tableCursor, rowid, this.maxRegister);
  }

  /** Emits "the sequence is at least r[rowid]" for an explicitly given rowid. */
  emitNoteRowid(ec: ExprCompiler, rowid: number): void {
    const b = ec.b;
    const lower = b.label();
    const spec: ComparisonSpec = { op: '<=', affinity: Affinity.Numeric, collation: ec.collation('BINARY') };
    b.emit(Opcode.CompareJump, rowid, lower, this.maxRegister, spec);
    b.emit(Opcode.SCopy, rowid, this.maxRegister);
    b.place(lower);
  }

  /** Emits the write-back of the sequence row at the end of the statement. */
  end(ec: ExprCompiler): void {
    const b = ec.b;
    const skip = b.label();
    const missing = b.label();
    b.emit(Opcode.IsNull, this.sequenceRowid, missing);
    const spec: ComparisonSpec = { op: '<=', affinity: Affinity.Numeric, collation: ec.collation('BINARY') };
    b.emit(Opcode.CompareJump, this.maxRegister, skip, this.original, spec);
    b.place(missing);
    const record = b.registerBlock(2);
    b.emit(Opcode.Value, 0, record, 0, this.tableName);
    b.emit(Opcode.SCopy, this.maxRegister, record + 1);
    const packed = b.register();
    b.emit(Opcode.MakeRecord, record, 2, packed);
    const known = b.label();
    b.emit(Opcode.NotNull, this.sequenceRowid, known);
    b.emit(Opcode.NewRowid, this.cursor, this.sequenceRowid);
    b.place(known);
    b.emit(Opcode.Insert, this.cursor, packed, this.sequenceRowid);
    b.place(skip);
  }
}

/** Emits the scan of sqlite_sequence for the row named r[name]: its rowid into r[rowid], its seq (as an integer) into r[seq]. */
function emitReadSequence(ec: ExprCompiler, cursor: number, name: number, rowid: number, seq: number, value: number): void {
  const b = ec.b;
  const done = b.label();
  const next = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  b.emit(Opcode.Column, cursor, 0, value);
  b.emit(Opcode.CompareJump, value, next, name, { op: '!=', affinity: null, collation: ec.collation('BINARY') } satisfies ComparisonSpec, 1);
  b.emit(Opcode.Rowid, cursor, rowid);
  b.emit(Opcode.Column, cursor, 1, seq);
  // seq may hold any value; SQLite reads it as an integer ('5abc' is 5).
  b.emit(Opcode.Cast, seq, 0, 0, 'INTEGER' satisfies CastTarget);
  b.emit(Opcode.Goto, 0, done);
  b.place(next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}

/** Emits the creation of sqlite_sequence (CREATE TABLE of the first AUTOINCREMENT table) via `insertSchemaRow`. */
export function emitCreateSequenceTable(
  b: ProgramBuilder,
  insertSchemaRow: (values: (SqlValue | { register: number })[]) => void,
): void {
  const root = b.register();
  b.emit(Opcode.CreateBtree, 0, root);
  insertSchemaRow(['table', SEQUENCE_TABLE, SEQUENCE_TABLE, { register: root }, SEQUENCE_SQL]);
}

/** Emits the deletion of `tableName`'s sqlite_sequence row (DROP TABLE of an AUTOINCREMENT table). */
export function emitDropSequenceRow(ctx: CompileContext, b: ProgramBuilder, tableName: string): void {
  const sequence = ctx.schema.table(SEQUENCE_TABLE);
  if (!sequence) return;
  const cursor = b.cursor();
  b.emit(Opcode.OpenWrite, cursor, sequence.rootPage);
  const name = b.register();
  const value = b.register();
  b.emit(Opcode.Value, 0, name, 0, tableName);
  const done = b.label();
  const next = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  b.emit(Opcode.Column, cursor, 0, value);
  b.emit(Opcode.CompareJump, value, next, name, { op: '!=', affinity: null, collation: ctx.collations.get('BINARY')! } satisfies ComparisonSpec, 1);
  b.emit(Opcode.Delete, cursor);
  b.emit(Opcode.Goto, 0, done);
  b.place(next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}
