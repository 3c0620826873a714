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
import { namedDatabase } from './databases.js';
import { databaseOfRoot, isSchemaTable, rootPageOf } from '../schema/database-list.js';

export function compileReindex(ctx: CompileContext, b: ProgramBuilder, statement: ReindexStatement): void {
  const chosen = chooseIndexes(ctx, statement);
  for (const { table, index } of chosen) {
    const reason = ctx.schema.unwritableReason(table.name);
    if (reason && reason !== 'triggers') throw unsupported(`REINDEX of ${table.name} (${reason})`);
    const root = b.register();
    b.emit(Opcode.Value, 0, root, 0, BigInt(rootPageOf(index.rootPage)));
    b.emit(Opcode.Clear, index.rootPage);
    fillIndex(index.where ? { ...ctx, sql: index.sql ?? ctx.sql } : ctx, b, table, index, root);
  }
}

/** Every index of every database (a temp table does not hide main's of the same name here) that `keep` accepts. */
function allIndexes(ctx: CompileContext, keep: (index: IndexInfo) => boolean): { table: TableInfo; index: IndexInfo }[] {
  const schemas = ctx.schema.databases().flatMap((db) => (db ? [db.schema] : []));
  return schemas.flatMap((schema) => schema.allTables().flatMap((table) => table.indexes.filter(keep).map((index) => ({ table, index }))));
}

function chooseIndexes(ctx: CompileContext, statement: ReindexStatement): { table: TableInfo; index: IndexInfo }[] {
  const name = statement.name;
  if (name === null) return allIndexes(ctx, () => true);
  const qualifier = name.schema;
  const schema = qualifier ? namedDatabase(ctx, qualifier).schema : ctx.schema;
  const text = name.name.text;
  if (!qualifier && ctx.collations.has(text.toUpperCase())) {
    return allIndexes(ctx, (index) => index.columns.some((c) => sameName(c.collation, text)));
  }
  const table = schema.table(text);
  if (table && !isSchemaTable(table)) return table.indexes.map((index) => ({ table, index }));
  // A view is a table to SQLite here: one without indexes, so there is nothing to do.
  if (!table && schema.view(text)) return [];
  const index = schema.index(text);
  if (index) {
    // The index's own database holds its table.
    const owner = ctx.schema.databases()[databaseOfRoot(index.rootPage)]?.schema.table(index.tableName);
    if (owner) return [{ table: owner, index }];
  }
  throw new SqliteError('unable to identify the object to be reindexed');
}
