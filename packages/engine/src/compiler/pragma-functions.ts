// The PRAGMAs that return rows, each in one place: its result columns, the hidden argument columns
// its pragma_<name>() table function has (SQLite's pragma virtual table: "arg" when it takes an
// argument, "schema" when it takes a schema), and how its rows are read. The PRAGMA statement
// (without a value) and the table function both read them through `pragmaRows`.

import { SqliteError, unsupported } from '../common/errors.js';
import { COMPILE_OPTIONS } from '../common/compile-options.js';
import type { SqlValue } from '../common/values.js';
import { valueToText } from '../values/cast.js';
import type { VmHost } from '../vm/host.js';
import type { CompileContext } from './context.js';
import { MAIN_DATABASE, TEMP_DATABASE, type DatabaseSchema } from '../schema/database-list.js';
import { foreignKeyListRows, indexInfoRows, indexListRows, tableInfoRows, tableListRows } from './pragma-schema.js';
import type { TableFunctionDef } from './table-function.js';

export interface PragmaArgs {
  /** The argument (`PRAGMA x(arg)`, `pragma_x(arg)`), or null. */
  readonly arg: SqlValue;
  /** The database a schema argument named (its objects alone are listed), when one was given. */
  readonly database?: number;
}

export interface PragmaSpec {
  readonly columns: readonly string[];
  /** Takes an argument: the function form has a hidden "arg" column. */
  readonly arg?: boolean;
  /** Takes a schema name: the function form has a hidden "schema" column. */
  readonly schema?: boolean;
  read(ctx: CompileContext, args: PragmaArgs, host: VmHost): SqlValue[][];
}

const one = (value: SqlValue): SqlValue[][] => [[value]];
const text = (value: SqlValue): string | null => (value === null ? null : valueToText(value));

/** A setting the connection keeps (engine/pragma-settings.ts), read through the host. */
function setting(name: string, schema = false): PragmaSpec {
  return { columns: [name], schema, read: (_ctx, _args, host) => one(host.call(name, []) as SqlValue) };
}

/** A 32-bit field of the database header (SQLite's "cookies"). */
function headerField(name: string, offset: number): PragmaSpec {
  return { columns: [name], read: (_ctx, _args, host) => one(BigInt(host.readHeaderField(offset))) };
}

/** integrity_check / quick_check: the argument is a limit on reported problems (N) or the one table to check. */
function integrityCheck(name: string): PragmaSpec {
  return {
    columns: [name],
    arg: true,
    schema: true,
    read(ctx, a, host) {
      let limit: SqlValue = null;
      let table: SqlValue = null;
      if (typeof a.arg === 'bigint' || typeof a.arg === 'number') limit = BigInt(Math.trunc(Number(a.arg)));
      else if (a.arg !== null) {
        const given = text(a.arg)!;
        if (/^[+-]?\d+$/.test(given.trim())) limit = BigInt(given.trim());
        else if (!ctx.schema.table(given)) throw new SqliteError(`no such table: ${given}`);
        else table = given;
      }
      return host.call(name, [limit, table, BigInt(a.database ?? MAIN_DATABASE)]) as SqlValue[][];
    },
  };
}

const ENCODINGS: Record<number, string> = { 0: 'UTF-8', 1: 'UTF-8', 2: 'UTF-16le', 3: 'UTF-16be' };

export const PRAGMA_ROWS: ReadonlyMap<string, PragmaSpec> = new Map<string, PragmaSpec>([
  ['table_info', { columns: ['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : tableInfoRows(ctx, text(a.arg)!, false)) }],
  ['table_xinfo', { columns: ['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk', 'hidden'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : tableInfoRows(ctx, text(a.arg)!, true)) }],
  ['table_list', { columns: ['schema', 'name', 'type', 'ncol', 'wr', 'strict'], arg: true, read: (ctx, a) => tableListRows(ctx, a.arg, a.database) }],
  ['index_list', { columns: ['seq', 'name', 'unique', 'origin', 'partial'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : indexListRows(ctx, text(a.arg)!)) }],
  ['index_info', { columns: ['seqno', 'cid', 'name'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : indexInfoRows(ctx, text(a.arg)!, false)) }],
  ['index_xinfo', { columns: ['seqno', 'cid', 'name', 'desc', 'coll', 'key'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : indexInfoRows(ctx, text(a.arg)!, true)) }],
  ['foreign_key_list', { columns: ['id', 'seq', 'table', 'from', 'to', 'on_update', 'on_delete', 'match'], arg: true, schema: true, read: (ctx, a) => (a.arg === null ? [] : foreignKeyListRows(ctx, text(a.arg)!)) }],
  ['integrity_check', integrityCheck('integrity_check')],
  ['quick_check', integrityCheck('quick_check')],
  ['collation_list', { columns: ['seq', 'name'], read: (ctx) => [...ctx.collations.keys()].reverse().map((name, i) => [BigInt(i), name]) }],
  ['function_list', { columns: ['name', 'builtin', 'type', 'enc', 'narg', 'flags'], read: (ctx) => ctx.functions.functionList?.() ?? [] }],
  ['module_list', { columns: ['name'], read: (ctx) => (ctx.functions.tableFunctionNames?.() ?? []).map((name) => [name]) }],
  ['pragma_list', { columns: ['name'], read: () => pragmaNames().map((name) => [name]) }],
  ['compile_options', { columns: ['compile_options'], read: () => COMPILE_OPTIONS.map((o) => [o]) }],
  ['database_list', { columns: ['seq', 'name', 'file'], read: databaseListRows }],
  ['user_version', headerField('user_version', 60)],
  ['schema_version', headerField('schema_version', 40)],
  ['application_id', headerField('application_id', 68)],
  ['freelist_count', headerField('freelist_count', 36)],
  ['encoding', { columns: ['encoding'], read: (_ctx, _a, host) => one(ENCODINGS[host.readHeaderField(56)] ?? 'UTF-8') }],
  ['auto_vacuum', { columns: ['auto_vacuum'], schema: true, read: (_ctx, _a, host) => one(host.readHeaderField(52) === 0 ? 0n : host.readHeaderField(64) === 0 ? 1n : 2n) }],
  ['page_count', setting('page_count', true)],
  ['page_size', setting('page_size', true)],
  ['cache_size', setting('cache_size', true)],
  ['journal_mode', setting('journal_mode', true)],
  ['synchronous', setting('synchronous', true)],
  ['locking_mode', setting('locking_mode', true)],
  ['max_page_count', setting('max_page_count', true)],
  ['data_version', setting('data_version')],
  ['busy_timeout', { columns: ['timeout'], read: (_ctx, _a, host) => one(host.call('busy_timeout', []) as SqlValue) }],
  ['legacy_alter_table', setting('legacy_alter_table')],
  ['temp_store', setting('temp_store')],
  ['secure_delete', setting('secure_delete')],
  ['cell_size_check', setting('cell_size_check')],
  ['count_changes', setting('count_changes')],
  ['cache_spill', setting('cache_spill')],
  ['ignore_check_constraints', setting('ignore_check_constraints')],
  ['query_only', setting('query_only')],
  ['writable_schema', setting('writable_schema')],
  ['analysis_limit', setting('analysis_limit')],
  ['recursive_triggers', setting('recursive_triggers')],
  ['reverse_unordered_selects', setting('reverse_unordered_selects')],
  ['optimize', { columns: ['optimize'], arg: true, read: () => [] }],
  // The foreign-key pragmas' statement forms live in foreign-key-pragmas.ts; these are their table functions.
  ['foreign_keys', setting('foreign_keys')],
  ['defer_foreign_keys', setting('defer_foreign_keys')],
  ['foreign_key_check', { columns: ['table', 'rowid', 'parent', 'fkid'], arg: true, schema: true, read: (_ctx, a, host) => host.call('foreign_key_check_rows', [a.arg]) as SqlValue[][] }],
]);

/** PRAGMAs that only act (no rows from their function form): listed by pragma_list too. */
const ACTION_PRAGMAS = ['case_sensitive_like', 'mmap_size', 'wal_checkpoint', 'wal_autocheckpoint'];

export function pragmaNames(): string[] {
  return [...new Set([...PRAGMA_ROWS.keys(), ...ACTION_PRAGMAS])].sort();
}

/** database_list: main, temp once opened, then attached databases numbered as SQLite compacts them. */
function databaseListRows(ctx: CompileContext, _args: PragmaArgs, host: VmHost): SqlValue[][] {
  const rows: SqlValue[][] = [[0n, 'main', host.call('database_file', []) as SqlValue]];
  for (const db of ctx.schema.databases()) {
    if (!db || db.index === MAIN_DATABASE || (db.index === TEMP_DATABASE && !db.open)) continue;
    rows.push([BigInt(db.seq ?? db.index), db.name, db.file]);
  }
  return rows.sort((a, b) => Number(a[0]) - Number(b[0]));
}

/** The PRAGMAs that, given a database, read its objects (or its file) alone; the others are main's or the connection's. */
const SCHEMA_SCOPED = new Set(['table_info', 'table_xinfo', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'table_list', 'integrity_check', 'quick_check']);

export function isSchemaScoped(name: string): boolean {
  return SCHEMA_SCOPED.has(name);
}

/** The database a schema argument names (null: not given), with the function form's message for an unknown one. */
export function checkSchema(ctx: CompileContext, schema: SqlValue): DatabaseSchema | null {
  if (schema === null) return null;
  const name = valueToText(schema);
  const found = ctx.schema.databaseNamed(name);
  if (!found) throw new SqliteError(`unknown database '${name}'`);
  return found;
}

/** The rows of pragma `spec` for the given argument and schema (every database's objects when none is given). */
export function pragmaRows(ctx: CompileContext, spec: PragmaSpec, arg: SqlValue, schema: SqlValue, host: VmHost): SqlValue[][] {
  const database = checkSchema(ctx, schema);
  if (database === null) return spec.read(ctx, { arg }, host);
  if (![...SCHEMA_SCOPED].some((name) => PRAGMA_ROWS.get(name) === spec)) {
    if (database.index === MAIN_DATABASE) return spec.read(ctx, { arg }, host);
    throw unsupported(`this PRAGMA of database ${database.name}`);
  }
  return spec.read({ ...ctx, schema: ctx.schema.only(database.index) }, { arg, database: database.index }, host);
}

/** pragma_<name>: the table function form of a PRAGMA that returns rows. */
export function pragmaTableFunction(ctx: CompileContext, name: string): TableFunctionDef | null {
  const lower = name.toLowerCase();
  if (!lower.startsWith('pragma_')) return null;
  const pragma = lower.slice('pragma_'.length);
  const spec = PRAGMA_ROWS.get(pragma);
  if (!spec) return null;
  const parameters = [...(spec.arg ? ['arg'] : []), ...(spec.schema ? ['schema'] : [])];
  return {
    name: lower,
    columns: spec.columns,
    parameters,
    rows(args, host) {
      const arg = spec.arg ? (args[0] ?? null) : null;
      const schema = spec.schema ? (args[spec.arg ? 1 : 0] ?? null) : null;
      const hidden = parameters.map((_, i) => args[i] ?? null);
      return pragmaRows(ctx, spec, arg, schema, host).map((row) => [...row, ...hidden]);
    },
  };
}
