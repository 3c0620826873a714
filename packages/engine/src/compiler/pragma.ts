// PRAGMA statements. A PRAGMA that returns rows reads them through pragma-functions.ts (the same
// rows its pragma_<name>() table function gives); header fields are read and written with
// ReadCookie/SetCookie; connection and pager settings go through HostCall to the connection
// (engine/pragma-settings.ts). Unknown pragmas are ignored, as in SQLite.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { ResultColumn } from '../engine/prepared.js';
import type { PragmaStatement } from '../parser/ast.js';
import type { HostFunction } from '../vm/ops/transaction.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { isSchemaScoped, PRAGMA_ROWS, pragmaRows } from './pragma-functions.js';
import { headerAddress } from './databases.js';
import { MAIN_DATABASE } from '../schema/database-list.js';
import { compileForeignKeyPragma } from './foreign-key-pragmas.js';

const HEADER_FIELDS: Record<string, number> = { user_version: 60, schema_version: 40, application_id: 68 };

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

/**
 * Settings handled by the connection (engine/pragma-settings.ts), with the column of the row the
 * statement returns when it sets a value (null: setting returns no row).
 */
const CONNECTION_SETTINGS: Record<string, { column: string; rowOnSet: boolean }> = {
  busy_timeout: { column: 'timeout', rowOnSet: true },
  locking_mode: { column: 'locking_mode', rowOnSet: true },
  legacy_alter_table: { column: 'legacy_alter_table', rowOnSet: false },
  query_only: { column: 'query_only', rowOnSet: false },
  full_column_names: { column: 'full_column_names', rowOnSet: false },
  short_column_names: { column: 'short_column_names', rowOnSet: false },
  cell_size_check: { column: 'cell_size_check', rowOnSet: false },
  count_changes: { column: 'count_changes', rowOnSet: false },
  cache_spill: { column: 'cache_spill', rowOnSet: false },
  ignore_check_constraints: { column: 'ignore_check_constraints', rowOnSet: false },
  temp_store: { column: 'temp_store', rowOnSet: false },
  analysis_limit: { column: 'analysis_limit', rowOnSet: true },
  secure_delete: { column: 'secure_delete', rowOnSet: true },
  writable_schema: { column: 'writable_schema', rowOnSet: false },
  reverse_unordered_selects: { column: 'reverse_unordered_selects', rowOnSet: false },
  max_page_count: { column: 'max_page_count', rowOnSet: true },
  wal_autocheckpoint: { column: 'wal_autocheckpoint', rowOnSet: true },
  data_version: { column: 'data_version', rowOnSet: true },
};

/** Connection-wide settings (any schema prefix reads the same value) and the per-database foreign_key_check. */
const FOREIGN_KEY_PRAGMAS = new Set(['foreign_keys', 'defer_foreign_keys', 'foreign_key_check']);

/** PRAGMAs that must not open a read transaction (a checkpoint would stop at our own snapshot) or need none. */
const NO_TRANSACTION = new Set([
  'journal_mode', 'cache_size', 'synchronous', 'wal_checkpoint', 'mmap_size', 'case_sensitive_like', 'recursive_triggers',
  'foreign_keys', 'defer_foreign_keys',
  'collation_list', 'function_list', 'module_list', 'pragma_list', 'compile_options', 'database_list', 'optimize',
  ...Object.keys(CONNECTION_SETTINGS),
]);

/** Which transaction compile.ts opens before the pragma runs. */
export function pragmaTransaction(statement: PragmaStatement): 'read' | 'write' | 'none' {
  const name = statement.name.name.text.toLowerCase();
  if (NO_TRANSACTION.has(name)) return 'none';
  if (name === 'page_size') return statement.value ? 'none' : 'read';
  if (name in HEADER_FIELDS && statement.value) return 'write';
  return 'read';
}

/** Emits the rows of a row-returning pragma: `fn` fills a memory cursor, each row is output. */
function emitRows(b: ProgramBuilder, fn: HostFunction, columns: readonly string[]): ResultColumn[] {
  const cursor = b.cursor();
  const none = b.register();
  b.emit(Opcode.HostCall, none, 0, cursor, fn, 1);
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const base = b.registerBlock(columns.length);
  for (let i = 0; i < columns.length; i++) b.emit(Opcode.Column, cursor, i, base + i);
  b.emit(Opcode.ResultRow, base, columns.length);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
  return columns.map(column);
}

/** A connection setting: HostCall with the value (null reads); a row when reading or when SQLite returns one. */
function emitSetting(b: ProgramBuilder, name: string, value: SqlValue, resultColumn: string, row: boolean): ResultColumn[] {
  const r = b.register();
  const arg = b.register();
  b.emit(Opcode.Value, 0, arg, 0, value);
  b.emit(Opcode.HostCall, arg, 1, r, name);
  return row ? resultOf(b, r, resultColumn) : [];
}

export function compilePragma(ctx: CompileContext, b: ProgramBuilder, statement: PragmaStatement): ResultColumn[] {
  const schemaName = statement.name.schema?.text ?? null;
  const database = schemaName === null ? null : ctx.schema.databaseNamed(schemaName);
  if (schemaName !== null && !database) throw new SqliteError(`unknown database ${schemaName}`);
  // Another database than main: its schema listings and header fields; its other settings are not kept per database.
  const other = database ? database.index : MAIN_DATABASE;
  const name = statement.name.name.text.toLowerCase();
  const value = statement.value?.text ?? null;
  const spec = PRAGMA_ROWS.get(name);
  if (other !== MAIN_DATABASE && !(spec && isSchemaScoped(name)) && !FOREIGN_KEY_PRAGMAS.has(name) && (spec || name in CONNECTION_SETTINGS) && !(name in HEADER_FIELDS)) {
    throw unsupported(`PRAGMA ${name} of database ${schemaName}`);
  }
  switch (name) {
    case 'page_size':
    case 'journal_mode':
    case 'cache_size':
    case 'synchronous':
    case 'page_count': {
      const r = b.register();
      const arg = b.register();
      b.emit(Opcode.Value, 0, arg, 0, name === 'page_count' ? null : value);
      b.emit(Opcode.HostCall, arg, 1, r, name);
      if (value !== null && (name === 'page_size' || name === 'cache_size' || name === 'synchronous')) return [];
      return resultOf(b, r, name);
    }
    case 'user_version':
    case 'schema_version':
    case 'application_id': {
      const offset = headerAddress(other, HEADER_FIELDS[name]!);
      if (value !== null) {
        if (name === 'schema_version') throw unsupported('setting schema_version');
        b.writes = true;
        const r = b.register();
        b.emit(Opcode.Value, 0, r, 0, pragmaInteger(value));
        b.emit(Opcode.SetCookie, offset, r);
        return [];
      }
      const r = b.register();
      b.emit(Opcode.ReadCookie, offset, r);
      return resultOf(b, r, name);
    }
    case 'recursive_triggers': {
      const r = b.register();
      const arg = b.register();
      b.emit(Opcode.Value, 0, arg, 0, value === null ? null : pragmaInteger(value) !== 0n ? 1n : 0n);
      b.emit(Opcode.HostCall, arg, 1, r, name);
      return value === null ? resultOf(b, r, name) : [];
    }
    case 'case_sensitive_like':
      // Write-only: SQLite returns no row, and reading it does nothing.
      if (value !== null) emitSetting(b, name, value, name, false);
      return [];
    case 'mmap_size':
      // No memory-mapping in Tandem: the size in use is 0 for a file, and an in-memory database reports nothing.
      if (ctx.memory) return [column(name)];
      return emitSetting(b, name, value, name, true);
    case 'wal_checkpoint':
      return emitRows(b, (_args, host) => host.call('wal_checkpoint', [value]) as SqlValue[][], ['busy', 'log', 'checkpointed']);
    case 'optimize': {
      // Tandem's planner never reads sqlite_stat1, so the default mask finds no table whose
      // statistics were used and nothing to do, as SQLite would. Mask 0x10000 analyzes every
      // table lacking statistics: not implemented here.
      const mask = value === null ? 0xfffen : /^0x[0-9a-f]+$/i.test(value.trim()) ? BigInt(value.trim()) : pragmaInteger(value);
      if ((mask & 0x10000n) !== 0n && (mask & 0x2n) !== 0n) throw unsupported('PRAGMA optimize with mask 0x10000');
      return [column('optimize')];
    }
    case 'encoding':
      if (value !== null) {
        if (!/^utf-?8$/i.test(value)) throw unsupported(`PRAGMA encoding=${value} (Tandem databases are UTF-8)`);
        return [];
      }
      break;
    case 'auto_vacuum':
      if (value !== null) {
        if (!/^(0|none)$/i.test(value.trim())) throw unsupported(`PRAGMA auto_vacuum=${value}`);
        return [];
      }
      break;
    case 'foreign_keys':
    case 'defer_foreign_keys':
    case 'foreign_key_check':
      return compileForeignKeyPragma(ctx, b, name, value, database ?? null);
    default:
      break;
  }
  if (name === 'locking_mode' && schemaName !== null) return emitSetting(b, 'main.locking_mode', value, name, true);
  if ((name === 'integrity_check' || name === 'quick_check') && statement.value?.kind !== 'Number' && value !== null && !/^[+-]?\d+$/.test(value.trim()) && !ctx.schema.table(value)) {
    throw new SqliteError(`no such table: ${value}`);
  }
  const setting = CONNECTION_SETTINGS[name];
  if (setting) return emitSetting(b, name, value, setting.column, value === null || setting.rowOnSet);
  if (spec) {
    // Read-only pragmas ignore a value given with "=" and still report; with "(...)" it is their argument.
    const arg: SqlValue = spec.arg && value !== null ? (statement.value?.kind === 'Number' ? pragmaInteger(value) : value) : null;
    const fn: HostFunction = (_args, host) => pragmaRows(ctx, spec, arg, schemaName, host);
    Object.defineProperty(fn, 'name', { value: `pragma_${name}` }); // EXPLAIN shows it as p4
    return emitRows(b, fn, spec.columns);
  }
  // SQLite ignores unknown pragmas; refusing known-but-unimplemented ones keeps results honest.
  if (KNOWN_UNSUPPORTED.has(name)) throw unsupported(`PRAGMA ${name}`);
  return [];
}

const KNOWN_UNSUPPORTED = new Set(['incremental_vacuum']);

export function assertPragmaValue(value: string | null): void {
  if (value !== null && value.length > 1000) throw new SqliteError('pragma value too long');
}
