// PRAGMA code generation for the first slice: integrity_check, quick_check, page_size,
// journal_mode, synchronous, user_version, schema_version, page_count, freelist_count, cache_size and
// table_info. Values that live in the connection or pager are fetched with HostCall.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { ResultColumn } from '../engine/prepared.js';
import { sameName, type PragmaStatement } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';

const HEADER_FIELDS: Record<string, number> = { user_version: 60, schema_version: 40, freelist_count: 36, application_id: 68 };

function column(name: string): ResultColumn {
  return { name, column: null, table: null, database: null, type: null };
}

/** Emits a single-row, single-column result read from register `r`. */
function resultOf(b: ProgramBuilder, r: number, name: string): ResultColumn[] {
  b.emit(Opcode.ResultRow, r, 1);
  return [column(name)];
}

function pragmaInteger(value: string): bigint {
  const text = value.trim().toLowerCase();
  if (text === 'on' || text === 'yes' || text === 'true') return 1n;
  if (text === 'off' || text === 'no' || text === 'false') return 0n;
  const match = /^[+-]?\d+/.exec(text);
  return match ? BigInt.asIntN(64, BigInt(match[0])) : 0n;
}

/** Returns the result columns; `needsTransaction` tells compile.ts which transaction to open first. */
export function pragmaTransaction(statement: PragmaStatement): 'read' | 'write' | 'none' {
  const name = statement.name.name.text.toLowerCase();
  if (name === 'journal_mode' || name === 'cache_size' || name === 'synchronous' || name === 'table_info') return 'none';
  if (name === 'page_size') return statement.value ? 'none' : 'read';
  if (name in HEADER_FIELDS && statement.value) return 'write';
  return 'read';
}

export function compilePragma(ctx: CompileContext, b: ProgramBuilder, statement: PragmaStatement): ResultColumn[] {
  if (statement.name.schema && !sameName(statement.name.schema.text, 'main')) throw unsupported('attached databases');
  const name = statement.name.name.text.toLowerCase();
  const value = statement.value?.text ?? null;
  switch (name) {
    case 'integrity_check':
    case 'quick_check': {
      const cursor = b.cursor();
      const args = b.register();
      b.emit(Opcode.Value, 0, args, 0, value === null ? null : pragmaInteger(value));
      b.emit(Opcode.HostCall, args, 1, cursor, name, 1);
      const done = b.label();
      b.emit(Opcode.Rewind, cursor, done);
      const top = b.here;
      const r = b.register();
      b.emit(Opcode.Column, cursor, 0, r);
      b.emit(Opcode.ResultRow, r, 1);
      b.emit(Opcode.Next, cursor, top);
      b.place(done);
      return [column(name)];
    }
    case 'page_size':
    case 'journal_mode':
    case 'cache_size':
    case 'synchronous':
    case 'page_count': {
      const r = b.register();
      const arg = b.register();
      b.emit(Opcode.Value, 0, arg, 0, value);
      b.emit(Opcode.HostCall, arg, 1, r, name);
      if (value !== null && (name === 'page_size' || name === 'cache_size' || name === 'synchronous')) return [];
      return resultOf(b, r, name);
    }
    case 'user_version':
    case 'schema_version':
    case 'freelist_count':
    case 'application_id': {
      const offset = HEADER_FIELDS[name]!;
      if (value !== null) {
        if (name === 'freelist_count') return [];
        if (name === 'schema_version') throw unsupported('setting schema_version');
        b.writes = true;
        const r = b.register();
        b.emit(Opcode.Value, 0, r, 0, pragmaInteger(value));
        b.emit(Opcode.SetCookie, offset, r);
        return [];
      }
      const r = b.register();
      b.emit(Opcode.ReadCookie, offset, r);
      if (name !== 'schema_version' && name !== 'freelist_count') {
        // user_version and application_id are signed 32-bit.
      }
      return resultOf(b, r, name);
    }
    case 'table_info': {
      if (value === null) return [];
      const table = ctx.schema.table(value);
      if (!table) return [];
      const base = b.registerBlock(6);
      table.columns.forEach((c, i) => {
        const pkPosition = table.primaryKey.indexOf(i);
        const row: SqlValue[] = [
          BigInt(i),
          c.name,
          c.declaredType ?? '',
          c.notNull ? 1n : 0n,
          c.defaultExpr ? defaultText(ctx, c.defaultExpr, table.sql) : null,
          pkPosition >= 0 ? BigInt(pkPosition + 1) : 0n,
        ];
        row.forEach((v, k) => b.emit(Opcode.Value, 0, base + k, 0, v));
        b.emit(Opcode.ResultRow, base, 6);
      });
      return ['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk'].map(column);
    }
    default:
      // SQLite ignores unknown pragmas; refusing known-but-unimplemented ones keeps results honest.
      if (KNOWN_UNSUPPORTED.has(name)) throw unsupported(`PRAGMA ${name}`);
      return [];
  }
}

/** The DEFAULT expression's text as written in the stored CREATE TABLE. */
function defaultText(_ctx: CompileContext, expr: { start: number; end: number }, tableSql: string): string {
  return tableSql.slice(expr.start, expr.end);
}

const KNOWN_UNSUPPORTED = new Set([
  'foreign_keys', 'foreign_key_check', 'foreign_key_list', 'index_list', 'index_info', 'index_xinfo', 'table_xinfo', 'table_list',
  'wal_checkpoint', 'auto_vacuum', 'incremental_vacuum', 'locking_mode', 'busy_timeout', 'recursive_triggers',
  'defer_foreign_keys', 'encoding', 'temp_store', 'mmap_size', 'optimize', 'database_list', 'collation_list', 'function_list',
  'compile_options', 'wal_autocheckpoint', 'secure_delete', 'legacy_alter_table', 'writable_schema',
]);

export function assertPragmaValue(value: string | null): void {
  if (value !== null && value.length > 1000) throw new SqliteError('pragma value too long');
}
