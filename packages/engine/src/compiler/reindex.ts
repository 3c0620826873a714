// REINDEX [collation | [schema.]table | [schema.]index]: each chosen index is emptied and filled
// again from its table (a UNIQUE index whose data no longer fits fails as CREATE INDEX would).
// An unqualified name is tried as a collation first, then a table, then an index, as SQLite does.

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type ReindexStatement } from '../parser/ast.js';
import type { IndexInfo, TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { fillIndex } from './ddl.js';

export function compileReindex(ctx: CompileContext, b: ProgramBuilder, statement: ReindexStatement): void {
  const chosen = chooseIndexes(ctx, statement);
  for (const { table, index } of chosen) {
    if (table.withoutRowid) throw unsupported('WITHOUT ROWID tables');
    const reason = ctx.schema.unwritableReason(table.name);
    if (reason && reason !== 'triggers') throw unsupported(`REINDEX of ${table.name} (${reason})`);
    const root = b.register();
    b.emit(Opcode.Value, 0, root, 0, BigInt(index.rootPage));
    b.emit(Opcode.Clear, index.rootPage);
    fillIndex(index.where ? { ...ctx, sql: index.sql ?? ctx.sql } : ctx, b, table, index, root);
  }
}

function allIndexes(ctx: CompileContext, keep: (index: IndexInfo) => boolean): { table: TableInfo; index: IndexInfo }[] {
  return ctx.schema.allTables().flatMap((table) => table.indexes.filter(keep).map((index) => ({ table, index })));
}

function chooseIndexes(ctx: CompileContext, statement: ReindexStatement): { table: TableInfo; index: IndexInfo }[] {
  const name = statement.name;
  if (name === null) return allIndexes(ctx, () => true);
  const qualifier = name.schema;
  if (qualifier && !sameName(qualifier.text, 'main')) {
    if (sameName(qualifier.text, 'temp')) throw new SqliteError('unable to identify the object to be reindexed');
    throw new SqliteError(`unknown database ${qualifier.text}`);
  }
  const text = name.name.text;
  if (!qualifier && ctx.collations.has(text.toUpperCase())) {
    return allIndexes(ctx, (index) => index.columns.some((c) => sameName(c.collation, text)));
  }
  const table = ctx.schema.table(text);
  if (table && table.rootPage !== 1) return table.indexes.map((index) => ({ table, index }));
  const index = ctx.schema.index(text);
  if (index) {
    const owner = ctx.schema.table(index.tableName);
    if (owner) return [{ table: owner, index }];
  }
  throw new SqliteError('unable to identify the object to be reindexed');
}
