// PRAGMA foreign_keys, defer_foreign_keys (connection settings, engine/foreign-key-state.ts) and
// foreign_key_check (every child row whose parent row is missing: table, rowid, parent, fkid).

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { ResultColumn } from '../engine/prepared.js';
import { hashIterationOrder } from '../schema/table-hash-order.js';
import type { TableInfo } from '../schema/types.js';
import { databaseOfRoot, isSchemaTable, MAIN_DATABASE, type DatabaseSchema } from '../schema/database-list.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { emitParentProbe, mismatch, locateParentKey, type ParentKey } from './foreign-key-parent.js';
import type { CursorSource } from './scope.js';
import { copyCurrentRow } from './trigger-dml.js';

function column(name: string): ResultColumn {
  return { name, column: null, table: null, database: null, type: null };
}

/** SQLite's boolean pragma values: on/yes/true and numbers other than 0 are true. */
function booleanValue(value: string): bigint {
  const text = value.trim().toLowerCase();
  if (text === 'on' || text === 'yes' || text === 'true') return 1n;
  const match = /^[+-]?\d+/.exec(text);
  return match && BigInt(match[0]) !== 0n ? 1n : 0n;
}

/** `database`: the PRAGMA's schema prefix (null: none); only foreign_key_check depends on it. */
export function compileForeignKeyPragma(
  ctx: CompileContext,
  b: ProgramBuilder,
  name: 'foreign_keys' | 'defer_foreign_keys' | 'foreign_key_check',
  value: string | null,
  database: DatabaseSchema | null,
): ResultColumn[] {
  if (name === 'foreign_key_check') return compileForeignKeyCheck(ctx, b, value, database);
  const arg = b.register();
  const result = b.register();
  b.emit(Opcode.Value, 0, arg, 0, value === null ? null : booleanValue(value));
  b.emit(Opcode.HostCall, arg, 1, result, name);
  if (value !== null) return [];
  b.emit(Opcode.ResultRow, result, 1);
  return [column(name)];
}

/** A child table's constraints as foreign_key_check probes them: the parent key, or 'missing' (no parent table: every non-NULL key fails). */
function checkedKeys(ctx: CompileContext, table: TableInfo): (ParentKey | 'missing')[] {
  // The parent is in the child's database.
  const own = ctx.schema.databases()[databaseOfRoot(table.rootPage)]?.schema ?? ctx.schema;
  return (table.foreignKeys ?? []).map((fk) => {
    const parent = own.table(fk.parentTable);
    if (own.view(fk.parentTable)) throw mismatch(table, fk);
    if (!parent || isSchemaTable(parent)) return 'missing';
    const key = locateParentKey(table, fk, parent);
    if (!key) throw mismatch(table, fk);
    return key;
  });
}

function compileForeignKeyCheck(ctx: CompileContext, b: ProgramBuilder, tableName: string | null, database: DatabaseSchema | null): ResultColumn[] {
  let tables: TableInfo[];
  if (tableName !== null) {
    // Qualified: that database only; unqualified: the usual search order (temp, main, attached).
    const scope = database?.schema ?? ctx.schema;
    const table = scope.table(tableName);
    // A view has no constraints to check (SQLite finds it, and skips it).
    if (!table && !scope.view(tableName)) throw new SqliteError(`no such table: ${database ? `${database.name}.` : ''}${tableName}`);
    tables = table ? [table] : [];
  } else {
    // SQLite walks its table hash (whose order depends on the names), not the schema.
    // Unqualified, the PRAGMA checks main's tables.
    const all = (database ?? ctx.schema.databases()[MAIN_DATABASE])?.schema.allTables() ?? ctx.schema.allTables();
    const byName = new Map(all.map((t) => [t.name, t]));
    tables = hashIterationOrder(['sqlite_master', ...all.map((t) => t.name)]).flatMap((n) => byName.get(n) ?? []);
  }
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const out = b.registerBlock(4);
  for (const table of tables) {
    if ((table.foreignKeys ?? []).length === 0) continue;
    const keys = checkedKeys(ctx, table);
    const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: b.cursor() };
    b.emit(Opcode.OpenRead, source.cursor, table.rootPage);
    const done = b.label();
    b.emit(Opcode.Rewind, source.cursor, done);
    const top = b.here;
    const rowid = b.register();
    b.emit(Opcode.Rowid, source.cursor, rowid);
    const row = copyCurrentRow(ec, source, rowid);
    keys.forEach((key, id) => {
      const fk = table.foreignKeys![id]!;
      const report = (): void => {
        const values: SqlValue[] = [table.name, null, fk.parentTable, BigInt(id)];
        values.forEach((v, k) => b.emit(Opcode.Value, 0, out + k, 0, v));
        b.emit(Opcode.SCopy, rowid, out + 1);
        b.emit(Opcode.ResultRow, out, 4);
      };
      const ok = b.label();
      if (key === 'missing') {
        for (const c of fk.columns) b.emit(Opcode.IsNull, c === table.rowidAlias ? rowid : row.base + c, ok);
        report();
      } else emitParentProbe(ec, key, row, ok, false, report);
      b.place(ok);
    });
    b.emit(Opcode.Next, source.cursor, top);
    b.place(done);
    b.emit(Opcode.Close, source.cursor);
  }
  return ['table', 'rowid', 'parent', 'fkid'].map(column);
}
