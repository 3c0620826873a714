// ANALYZE [schema | table | index]: writes sqlite_stat1 rows as SQLite does (creating the table
// first when missing). Per index: "N d1 .. dk" where N is its entry count and di the average
// number of entries sharing the first i key columns, (N + distinct_i - 1) / distinct_i, NULLs
// counting as equal. A table none of whose indexes covers every row gets (tbl, NULL, rowcount).
// Empty indexes and tables get no row. (SQLite built with STAT4 also fills sqlite_stat4; Tandem
// writes sqlite_stat1 only, and its planner does not read it yet.)

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type AnalyzeStatement } from '../parser/ast.js';
import type { IndexInfo, TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ProgramBuilder } from './builder.js';
import { MAIN_DATABASE } from '../schema/database-list.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload, insertSchemaRow } from './ddl.js';
import { ExprCompiler } from './expr.js';
import { keyInfoOf } from './where.js';

const STAT1 = 'sqlite_stat1';
const STAT1_SQL = 'CREATE TABLE sqlite_stat1(tbl,idx,stat)';

interface Target {
  readonly table: TableInfo;
  /** Only this index (ANALYZE index), or every index of the table. */
  readonly onlyIndex: IndexInfo | null;
}

export function compileAnalyze(outer: CompileContext, b: ProgramBuilder, statement: AnalyzeStatement): void {
  // Main's tables only (sqlite_stat1 lives in main; temp and attached databases are not analyzed here).
  const ctx: CompileContext = { ...outer, schema: outer.schema.only(MAIN_DATABASE) };
  const targets = chooseTargets(ctx, statement);
  if (targets === null) return;
  const existing = ctx.schema.table(STAT1);
  const root = b.register();
  if (existing) b.emit(Opcode.Value, 0, root, 0, BigInt(existing.rootPage));
  else {
    b.emit(Opcode.CreateBtree, 0, root);
    const schemaCursor = b.cursor();
    b.emit(Opcode.OpenWrite, schemaCursor, 1);
    insertSchemaRow(b, schemaCursor, ['table', STAT1, STAT1, { register: root }, STAT1_SQL]);
  }
  const stat = b.cursor();
  b.emit(Opcode.OpenWrite, stat, root, 0, null, 1);
  if (existing) {
    if (statement.name === null || targets.length > 1 || isWholeSchema(statement)) b.emit(Opcode.Clear, existing.rootPage);
    else {
      const target = targets[0]!;
      deleteStatRows(ctx, b, stat, target.onlyIndex ? 1 : 0, target.onlyIndex ? target.onlyIndex.name : target.table.name);
    }
  }
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  for (const target of targets) analyzeTable(ec, stat, target);
  if (!existing) bumpCookieAndReload(b);
}

function isWholeSchema(statement: AnalyzeStatement): boolean {
  return statement.name !== null && statement.name.schema === null && sameName(statement.name.name.text, 'main');
}

/** The tables (and index) to analyze; null when there is nothing to do (the temp schema). */
function chooseTargets(ctx: CompileContext, statement: AnalyzeStatement): Target[] | null {
  const analyzable = (t: TableInfo) => t.rootPage !== 1 && !t.name.toLowerCase().startsWith('sqlite_') && !t.withoutRowid;
  const everything = (): Target[] => ctx.schema.rows.flatMap((row) => {
    const table = row.type === 'table' ? ctx.schema.table(row.name) : undefined;
    return table && analyzable(table) ? [{ table, onlyIndex: null }] : [];
  });
  const name = statement.name;
  if (name === null) return everything();
  if (name.schema === null) {
    if (sameName(name.name.text, 'main')) return everything();
    if (sameName(name.name.text, 'temp')) return null;
  } else if (!sameName(name.schema.text, 'main')) {
    if (sameName(name.schema.text, 'temp')) return null;
    if (ctx.schema.databaseNamed(name.schema.text)) throw unsupported('ANALYZE of an attached database');
    throw new SqliteError(`unknown database ${name.schema.text}`);
  }
  const text = name.name.text;
  const index = ctx.schema.index(text);
  if (index) {
    const table = ctx.schema.table(index.tableName);
    return table && analyzable(table) ? [{ table, onlyIndex: index }] : [];
  }
  const table = ctx.schema.table(text);
  if (table) return analyzable(table) ? [{ table, onlyIndex: null }] : [];
  throw new SqliteError(`no such table: ${text}`);
}

/** DELETE FROM sqlite_stat1 WHERE tbl = name (column 0) or idx = name (column 1). */
function deleteStatRows(ctx: CompileContext, b: ProgramBuilder, cursor: number, column: number, name: string): void {
  const done = b.label();
  const value = b.register();
  const target = b.register();
  b.emit(Opcode.Value, 0, target, 0, name);
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const keep = b.label();
  b.emit(Opcode.Column, cursor, column, value);
  b.emit(Opcode.CompareJump, value, keep, target, { op: 'IS NOT', affinity: null, collation: ctx.collations.get('BINARY')! } satisfies ComparisonSpec);
  b.emit(Opcode.Delete, cursor);
  b.place(keep);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}

function analyzeTable(ec: ExprCompiler, stat: number, target: Target): void {
  const { table, onlyIndex } = target;
  // SQLite walks a table's indexes newest first.
  const indexes = onlyIndex ? [onlyIndex] : [...table.indexes].reverse();
  for (const index of indexes) analyzeIndex(ec, stat, table, index);
  if (onlyIndex === null && table.indexes.every((i) => i.where !== null)) {
    const b = ec.b;
    const cursor = b.cursor();
    const count = b.register();
    const done = b.label();
    b.emit(Opcode.OpenRead, cursor, table.rootPage);
    b.emit(Opcode.Value, 0, count, 0, 0n);
    b.emit(Opcode.Rewind, cursor, done);
    const top = b.here;
    b.emit(Opcode.Add, count, one(b), count);
    b.emit(Opcode.Next, cursor, top);
    const text = b.register();
    b.emit(Opcode.Cast, count, 0, 0, 'TEXT');
    b.emit(Opcode.SCopy, count, text);
    writeStatRow(b, stat, table.name, null, text);
    b.place(done);
  }
}

function one(b: ProgramBuilder): number {
  const r = b.register();
  b.emit(Opcode.Value, 0, r, 0, 1n);
  return r;
}

function analyzeIndex(ec: ExprCompiler, stat: number, table: TableInfo, index: IndexInfo): void {
  const b = ec.b;
  const k = index.columns.length;
  const cursor = b.cursor();
  const rows = b.register();
  const distinct = b.registerBlock(k);
  const previous = b.registerBlock(k);
  const current = b.registerBlock(k);
  const increment = one(b);
  const done = b.label();
  b.emit(Opcode.OpenRead, cursor, index.rootPage, 0, keyInfoOf(ec, index));
  b.emit(Opcode.Value, 0, rows, 0, 0n);
  for (let i = 0; i < k; i++) b.emit(Opcode.Value, 0, distinct + i, 0, 0n);
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  for (let i = 0; i < k; i++) b.emit(Opcode.Column, cursor, i, current + i);
  // The first column that differs from the previous entry starts a new distinct prefix there and
  // in every longer prefix: jump into the chain of increments at that column.
  const changedAt = Array.from({ length: k }, () => b.label());
  const save = b.label();
  b.emit(Opcode.IfNot, rows, changedAt[0]!);
  index.columns.forEach((c, i) => {
    const spec: ComparisonSpec = { op: 'IS NOT', affinity: null, collation: ec.collation(c.collation) };
    b.emit(Opcode.CompareJump, current + i, changedAt[i]!, previous + i, spec);
  });
  b.emit(Opcode.Goto, 0, save);
  for (let i = 0; i < k; i++) {
    b.place(changedAt[i]!);
    b.emit(Opcode.Add, distinct + i, increment, distinct + i);
  }
  b.place(save);
  for (let i = 0; i < k; i++) b.emit(Opcode.SCopy, current + i, previous + i);
  b.emit(Opcode.Add, rows, increment, rows);
  b.emit(Opcode.Next, cursor, top);

  // stat = rows || ' ' || (rows + d1 - 1) / d1 || ...
  const text = b.register();
  const part = b.register();
  const space = b.register();
  b.emit(Opcode.Value, 0, space, 0, ' ');
  b.emit(Opcode.SCopy, rows, text);
  b.emit(Opcode.Cast, text, 0, 0, 'TEXT');
  for (let i = 0; i < k; i++) {
    b.emit(Opcode.Add, rows, distinct + i, part);
    b.emit(Opcode.Subtract, part, increment, part);
    b.emit(Opcode.Divide, part, distinct + i, part);
    b.emit(Opcode.Concat, text, space, text);
    b.emit(Opcode.Concat, text, part, text);
  }
  writeStatRow(b, stat, table.name, index.name, text);
  b.place(done);
}

function writeStatRow(b: ProgramBuilder, stat: number, tableName: string, indexName: string | null, text: number): void {
  const row = b.registerBlock(3);
  b.emit(Opcode.Value, 0, row, 0, tableName);
  b.emit(Opcode.Value, 0, row + 1, 0, indexName);
  b.emit(Opcode.SCopy, text, row + 2);
  const record = b.register();
  const rowid = b.register();
  b.emit(Opcode.MakeRecord, row, 3, record);
  b.emit(Opcode.NewRowid, stat, rowid);
  b.emit(Opcode.Insert, stat, record, rowid);
}
