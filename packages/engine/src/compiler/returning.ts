// RETURNING for INSERT/UPDATE/DELETE. As in SQLite, each changed row's RETURNING values are
// computed when the row is written (so they see the stored values: defaults, affinity, rowid)
// and collected in memory; the rows are returned after the whole statement has run.

import { SqliteError } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { sameName, type Expr, type ResultColumn } from '../parser/ast.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { ExprCompiler } from './expr.js';
import { isRowidName, type Source } from './scope.js';
import { emitForeignKeyCheckBeforeResults } from './foreign-keys.js';

export class Returning {
  private constructor(
    private readonly cursor: number,
    private readonly tableName: string,
    private readonly exprs: readonly Expr[],
    /** Result column metadata, as SQLite names RETURNING columns. */
    readonly columns: ResultColumnMeta[],
  ) {}

  /** Opens the row collection; null when the statement has no RETURNING clause. */
  static open(ec: ExprCompiler, table: TableInfo, list: readonly ResultColumn[] | null): Returning | null {
    if (!list) return null;
    const exprs: Expr[] = [];
    const columns: ResultColumnMeta[] = [];
    for (const item of list) {
      if (item.kind === 'TableStar') throw new SqliteError('RETURNING may not use "TABLE.*" wildcards');
      if (item.kind === 'Star') {
        for (const column of table.columns) {
          const name = { text: column.name, quoted: true, start: item.start, end: item.end };
          exprs.push({ kind: 'Column', schema: null, table: null, column: name, start: item.start, end: item.end });
          columns.push({ name: column.name, column: column.name, table: table.name, database: 'main', type: column.declaredType });
        }
        continue;
      }
      exprs.push(item.expr);
      let meta: ResultColumnMeta = { name: ec.ctx.sql.slice(item.expr.start, item.expr.end), column: null, table: null, database: null, type: null };
      if (item.expr.kind === 'Column') {
        const column = columnOf(table, item.expr.column.text);
        if (column) meta = { name: column.name, column: column.name, table: table.name, database: 'main', type: column.declaredType };
      }
      if (item.alias) meta = { ...meta, name: item.alias.text };
      columns.push(meta);
    }
    const cursor = ec.b.cursor();
    ec.b.emit(Opcode.OpenEphemeral, cursor);
    return new Returning(cursor, table.name, exprs, columns);
  }

  /** Emits the evaluation of the RETURNING values for the row `source` reads, into the collection. */
  emitRow(ec: ExprCompiler, source: Source): void {
    const saved = ec.scope;
    // RETURNING sees the table under its own name, never the statement's alias (as SQLite).
    ec.scope = { sources: [{ ...source, name: this.tableName }] };
    const n = this.exprs.length;
    const base = ec.b.registerBlock(n);
    // Like SQLite's RETURNING trigger, subqueries run again for every row (they see the changes so far).
    const start = ec.b.here;
    this.exprs.forEach((e, i) => ec.compile(e, base + i));
    ec.b.dropOnceGuards(start);
    ec.b.emit(Opcode.IdxInsert, this.cursor, base, n);
    ec.scope = saved;
  }

  /** Emits the output of the collected rows (after the statement's changes are all made). */
  finish(ec: ExprCompiler): void {
    const b = ec.b;
    const n = this.exprs.length;
    emitForeignKeyCheckBeforeResults(ec.ctx, b);
    const done = b.label();
    b.emit(Opcode.Rewind, this.cursor, done);
    const top = b.here;
    const base = b.registerBlock(n);
    for (let i = 0; i < n; i++) b.emit(Opcode.Column, this.cursor, i, base + i);
    b.emit(Opcode.ResultRow, base, n);
    b.emit(Opcode.Next, this.cursor, top);
    b.place(done);
  }
}

/** The column a RETURNING reference names (a rowid name means the INTEGER PRIMARY KEY column, if any). */
function columnOf(table: TableInfo, name: string) {
  const column = table.columns.find((c) => sameName(c.name, name));
  if (column || !isRowidName(name) || table.rowidAlias < 0) return column;
  return table.columns[table.rowidAlias];
}
