// AUTOINCREMENT: the sqlite_sequence table (created with the first AUTOINCREMENT table) keeps
// the largest rowid each such table ever used. An INSERT reads it once, assigns new rowids above
// both it and the table's largest rowid (SQLITE_FULL at the maximum, never a random probe), and
// writes it back when the statement ends, as SQLite's autoIncBegin/autoIncEnd do. Triggers share
// the top-level statement's sequences (SequenceRegistry).

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { TableInfo } from '../schema/types.js';
import { databaseOfRoot, MAIN_DATABASE } from '../schema/database-list.js';
import { Affinity } from '../values/affinity.js';
import type { CastTarget } from '../values/cast.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';

export const SEQUENCE_TABLE = 'sqlite_sequence';
export const SEQUENCE_SQL = 'CREATE TABLE sqlite_sequence(name,seq)';

/** Registers of one table's sequence in the top-level program: the largest rowid, the sequence row's rowid, the value read. */
interface SequenceRegisters {
  readonly max: number;
  readonly rowid: number;
  readonly original: number;
  /** Owned by the top-level INSERT's own Autoincrement (which writes it back), else by the registry. */
  readonly owned: boolean;
}

/**
 * The AUTOINCREMENT sequences of one top-level statement, shared with the triggers it fires: as in
 * SQLite, they live in the top-level program's registers (trigger programs reach them with
 * RootLoad/RootStore), are read once and written back once, when the top-level statement ends (so
 * a statement that fails, even with OR FAIL, leaves sqlite_sequence as it was).
 */
export class SequenceRegistry {
  /** By database and folded table name (temp may have a table of the same name as main's). */
  private readonly tables = new Map<string, SequenceRegisters & { readonly table: TableInfo }>();

  constructor(private readonly root: ProgramBuilder) {}

  /** The registry of the statement whose program `root` builds (created on first use). */
  static of(root: ProgramBuilder): SequenceRegistry {
    let registry = registries.get(root);
    if (!registry) registries.set(root, (registry = new SequenceRegistry(root)));
    return registry;
  }

  adopt(table: TableInfo, registers: Omit<SequenceRegisters, 'owned'>): void {
    this.tables.set(sequenceKey(table), { ...registers, owned: true, table });
  }

  registersFor(table: TableInfo): SequenceRegisters {
    const key = sequenceKey(table);
    let registers = this.tables.get(key);
    if (!registers) {
      registers = { max: this.root.register(), rowid: this.root.register(), original: this.root.register(), owned: false, table };
      this.tables.set(key, registers);
    }
    return registers;
  }

  /**
   * Emits, at the end of the top-level statement (`ec` on its program), the write-back of the
   * sequences only triggers used; one no trigger ran for is read first (SQLite reads them all when
   * the statement starts, and writes a missing row with 0).
   */
  finish(ec: ExprCompiler): void {
    for (const registers of this.tables.values()) {
      if (registers.owned) continue;
      const table = registers.table;
      const b = ec.b;
      const cursor = openSequence(ec, table);
      const name = b.register();
      b.emit(Opcode.Value, 0, name, 0, table.name);
      const loaded = b.label();
      b.emit(Opcode.NotNull, registers.max, loaded);
      emitLoad(ec, cursor, name, registers);
      b.place(loaded);
      new Autoincrement(cursor, registers.max, registers.rowid, registers.original, table.name, null).end(ec);
    }
  }
}

const registries = new WeakMap<ProgramBuilder, SequenceRegistry>();

function sequenceKey(table: TableInfo): string {
  return `${databaseOfRoot(table.rootPage)}:${table.name.toLowerCase()}`;
}

/** Opens the sqlite_sequence of `table`'s database (temp and attached databases have their own). */
function openSequence(ec: ExprCompiler, table: TableInfo): number {
  const sequence = ec.ctx.schema.databases()[databaseOfRoot(table.rootPage)]?.schema.table(SEQUENCE_TABLE);
  if (!sequence) throw new SqliteError('database corruption: missing sqlite_sequence table', 'SQLITE_CORRUPT');
  const cursor = ec.b.cursor();
  ec.b.emit(Opcode.OpenWrite, cursor, sequence.rootPage);
  return cursor;
}

/** Emits the read of the sequence named r[name] into `into` (max 0 and rowid NULL when it has no row). */
function emitLoad(ec: ExprCompiler, cursor: number, name: number, into: { max: number; rowid: number; original: number }): void {
  const b = ec.b;
  b.emit(Opcode.Value, 0, into.max, 0, 0n);
  b.emit(Opcode.Null, 0, into.rowid);
  emitReadSequence(ec, cursor, name, into.rowid, into.max, b.register());
  b.emit(Opcode.SCopy, into.max, into.original);
}

export class Autoincrement {
  /** Internal: use begin(). */
  constructor(
    private readonly cursor: number,
    /** The largest rowid used so far (sqlite_sequence.seq, then every rowid this statement uses). */
    readonly maxRegister: number,
    /** The rowid of the table's sqlite_sequence row, or NULL when it has none yet. */
    private readonly sequenceRowid: number,
    /** The sequence as read (the row is rewritten only when it grew, or created when missing). */
    private readonly original: number,
    private readonly tableName: string,
    /** In a trigger program: the top-level registers the sequence lives in (maxRegister is a local copy). */
    private readonly shared: SequenceRegisters | null,
  ) {}

  /**
   * Emits the read of `table`'s sequence; null when the table is not AUTOINCREMENT. A top-level
   * statement shares its sequence with the triggers it fires; in a trigger, the sequence is the
   * top-level statement's (read here if nothing read it yet).
   */
  static begin(ec: ExprCompiler, table: TableInfo): Autoincrement | null {
    if (!table.autoincrement) return null;
    const b = ec.b;
    const cursor = openSequence(ec, table);
    const name = b.register();
    b.emit(Opcode.Value, 0, name, 0, table.name);
    const local = { max: b.register(), rowid: b.register(), original: b.register() };
    const registry = ec.ctx.trigger?.sequences;
    if (!registry) {
      emitLoad(ec, cursor, name, local);
      if (!ec.ctx.trigger) SequenceRegistry.of(b).adopt(table, local);
      return new Autoincrement(cursor, local.max, local.rowid, local.original, table.name, null);
    }
    const shared = registry.registersFor(table);
    const loaded = b.label();
    b.emit(Opcode.RootLoad, shared.max, local.max);
    b.emit(Opcode.NotNull, local.max, loaded);
    emitLoad(ec, cursor, name, local);
    b.emit(Opcode.RootStore, local.max, shared.max);
    b.emit(Opcode.RootStore, local.rowid, shared.rowid);
    b.emit(Opcode.RootStore, local.original, shared.original);
    b.place(loaded);
    return new Autoincrement(cursor, local.max, local.rowid, local.original, table.name, shared);
  }

  /** Emits r[rowid] = a new rowid above the table's largest and the sequence (SQLITE_FULL past the maximum). */
  emitNewRowid(b: ProgramBuilder, tableCursor: number, rowid: number): void {
    if (this.shared) b.emit(Opcode.RootLoad, this.shared.max, this.maxRegister);
    b.emit(Opcode.NewRowid, tableCursor, rowid, this.maxRegister);
    if (this.shared) b.emit(Opcode.RootStore, this.maxRegister, this.shared.max);
  }

  /** Emits "the sequence is at least r[rowid]" for an explicitly given rowid. */
  emitNoteRowid(ec: ExprCompiler, rowid: number): void {
    const b = ec.b;
    const lower = b.label();
    if (this.shared) b.emit(Opcode.RootLoad, this.shared.max, this.maxRegister);
    const spec: ComparisonSpec = { op: '<=', affinity: Affinity.Numeric, collation: ec.collation('BINARY') };
    b.emit(Opcode.CompareJump, rowid, lower, this.maxRegister, spec);
    b.emit(Opcode.SCopy, rowid, this.maxRegister);
    if (this.shared) b.emit(Opcode.RootStore, this.maxRegister, this.shared.max);
    b.place(lower);
  }

  /** Emits the write-back of the sequence row at the end of the statement (a trigger's is written by the top-level statement). */
  end(ec: ExprCompiler): void {
    if (this.shared) return;
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
  db = MAIN_DATABASE,
): void {
  const root = b.register();
  b.emit(Opcode.CreateBtree, 0, root, db);
  insertSchemaRow(['table', SEQUENCE_TABLE, SEQUENCE_TABLE, { register: root }, SEQUENCE_SQL]);
}

/** Emits the deletion of `tableName`'s sqlite_sequence row (DROP TABLE of an AUTOINCREMENT table). */
export function emitDropSequenceRow(ctx: CompileContext, b: ProgramBuilder, tableName: string, db = MAIN_DATABASE): void {
  const sequence = ctx.schema.databases()[db]?.schema.table(SEQUENCE_TABLE);
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
