// CREATE TABLE ... AS SELECT: the new table's columns are named and typed as SQLite derives them
// from the SELECT (sqlite3ColumnsFromExprList, sqlite3SubqueryColTypeAndCollation), its CREATE
// text is the one SQLite writes (createTableStmt), and the SELECT's rows are copied into it.

import { unsupported } from '../common/errors.js';
import { sameName, type CreateTableStatement, type Expr, type Select, type SelectCore } from '../parser/ast.js';
import { keywordOf } from '../parser/keywords.js';
import { Affinity, castAffinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { registerRootBase, schemaTableRoot } from './databases.js';
import { bumpCookieAndReload, insertSchemaRow } from './ddl.js';
import { isRowidName } from './scope.js';
import { compileSelect } from './select.js';

/** A derived column: FLEXNUM is SQLite's NUMERIC for a CAST in a compound (typed "NUM" too). */
type ColumnAffinity = Affinity | 'FLEXNUM' | null;

interface DerivedColumn {
  readonly name: string;
  readonly affinity: ColumnAffinity;
}

/** Compiles CREATE TABLE name AS select in database `db` (the caller checked the name is free there). */
export function compileCreateTableAs(ctx: CompileContext, b: ProgramBuilder, statement: CreateTableStatement, select: Select, db = 0): void {
  const rows = b.cursor();
  b.emit(Opcode.OpenEphemeral, rows);
  const affinities: (Affinity | null)[] = [];
  const metas = compileSelect(ctx, b, select, { kind: 'collect', cursor: rows }, undefined, undefined, affinities);
  const columns = deriveColumns(ctx, select, metas, affinities);
  const sql = createTableText(statement.name.name.text, columns);

  b.writes = true;
  const root = b.register();
  b.emit(Opcode.CreateBtree, 0, root, db);
  const table = b.cursor();
  b.emit(Opcode.OpenWrite, table, root, registerRootBase(db), null, 1);
  const done = b.label();
  b.emit(Opcode.Rewind, rows, done);
  const top = b.here;
  const base = b.registerBlock(columns.length);
  columns.forEach((_, i) => b.emit(Opcode.Column, rows, i, base + i));
  const record = b.register();
  b.emit(Opcode.MakeRecord, base, columns.length, record);
  const rowid = b.register();
  b.emit(Opcode.NewRowid, table, rowid);
  b.emit(Opcode.Insert, table, record, rowid);
  b.emit(Opcode.Next, rows, top);
  b.place(done);
  b.emit(Opcode.Close, table);

  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, schemaTableRoot(db));
  const name = statement.name.name.text;
  insertSchemaRow(b, schemaCursor, ['table', name, name, { register: root }, sql]);
  bumpCookieAndReload(b, db);
}

function deriveColumns(ctx: CompileContext, select: Select, metas: readonly { name: string; column: string | null; table: string | null }[], firstAffinities: readonly (Affinity | null)[]): DerivedColumn[] {
  const first = select.first;
  const exprs = resultExprs(first, metas.length);
  const affinities: ColumnAffinity[] =
    select.compounds.length > 0 ? compoundAffinities(ctx, select, metas.length) : metas.map((_, i) => (first.kind === 'Values' ? null : firstAffinities[i] ?? null));
  exprs.forEach((expr) => {
    const bare = expr && skipCollate(expr);
    if (bare?.kind === 'Subquery') throw unsupported('CREATE TABLE ... AS SELECT with a scalar subquery column');
  });
  const used = new Set<string>();
  return metas.map((meta, i) => {
    let name = columnName(ctx, first, exprs[i] ?? null, meta, i);
    name = uniqueName(name, used);
    used.add(name.toLowerCase());
    return { name, affinity: affinities[i] ?? null };
  });
}

/** The expression behind each result column of the leftmost SELECT (null where a `*` expands, when not known). */
function resultExprs(core: SelectCore, width: number): (Expr | null)[] {
  if (core.kind === 'Values') return core.rows[0]!.slice();
  const stars = core.columns.filter((c) => c.kind !== 'ExprColumn').length;
  const out: (Expr | null)[] = [];
  const starWidth = stars === 1 ? width - (core.columns.length - 1) : -1;
  for (const column of core.columns) {
    if (column.kind === 'ExprColumn') out.push(column.alias ? null : column.expr);
    else if (starWidth >= 0) for (let k = 0; k < starWidth; k++) out.push(null);
    else return Array.from({ length: width }, () => null);
  }
  return out;
}

function skipCollate(expr: Expr): Expr {
  let e = expr;
  for (;;) {
    if (e.kind === 'Collate') e = e.operand;
    else if (e.kind === 'Function' && !e.over && e.args.length >= 1 && ['likely', 'unlikely', 'likelihood'].includes(e.name.text.toLowerCase())) e = e.args[0]!;
    else return e;
  }
}

/** sqlite3ColumnsFromExprList's name for result column `i`, before it is made unique. */
function columnName(ctx: CompileContext, core: SelectCore, expr: Expr | null, meta: { name: string; column: string | null; table: string | null }, i: number): string {
  let name = meta.name;
  if (core.kind !== 'Values' && expr) {
    const bare = skipCollate(expr);
    if (bare.kind === 'Column') {
      if (bare !== expr) name = bare.column.text;
      // The rowid under any of its names: the INTEGER PRIMARY KEY's name, else "rowid".
      if (isRowidName(bare.column.text) && meta.table !== null) {
        const table = ctx.schema.table(meta.table);
        if (table && !table.columns.some((c) => sameName(c.name, bare.column.text))) name = table.rowidAlias >= 0 ? table.columns[table.rowidAlias]!.name : 'rowid';
      }
    }
  }
  if (sameName(name, 'true') || sameName(name, 'false')) return `column${i + 1}`;
  return name;
}

/** "name", then "name:1", "name:2"... (a trailing ":digits" is replaced), as SQLite makes names unique. */
function uniqueName(name: string, used: ReadonlySet<string>): string {
  let candidate = name;
  let count = 0;
  while (used.has(candidate.toLowerCase())) {
    // After ":4" SQLite picks random suffixes: no name to match.
    if (count >= 4) throw unsupported('CREATE TABLE ... AS SELECT with more than four columns of one name');
    let stem = candidate.length;
    let j = candidate.length - 1;
    while (j > 0 && candidate[j]! >= '0' && candidate[j]! <= '9') j--;
    if (j > 0 && candidate[j] === ':') stem = j;
    candidate = `${candidate.slice(0, stem)}:${++count}`;
  }
  return candidate;
}

// ---- compound SELECTs: SQLite's affinity of a column across the arms ----

interface Arm {
  readonly exprs: readonly Expr[];
  readonly affinities: readonly (Affinity | null)[];
}

const isNumeric = (a: ColumnAffinity): boolean => a === Affinity.Numeric || a === Affinity.Integer || a === Affinity.Real || a === 'FLEXNUM';

function compoundAffinities(ctx: CompileContext, select: Select, width: number): ColumnAffinity[] {
  const arms: Arm[] = [];
  for (const core of [select.first, ...select.compounds.map((c) => c.core)]) {
    if (core.kind === 'Values') {
      for (const row of core.rows) arms.push({ exprs: row, affinities: row.map(staticAffinity) });
      continue;
    }
    if (core.columns.some((c) => c.kind !== 'ExprColumn')) throw unsupported('CREATE TABLE ... AS SELECT with * in a compound SELECT');
    // Each arm's affinities, from a compilation of that arm alone (its code is thrown away).
    const affinities: (Affinity | null)[] = [];
    const scratch = new ProgramBuilder();
    const armSelect: Select = { kind: 'Select', with: select.with, first: core, compounds: [], orderBy: [], limit: null, start: core.start, end: core.end };
    compileSelect(ctx, scratch, armSelect, { kind: 'collect', cursor: scratch.cursor() }, undefined, undefined, affinities);
    arms.push({ exprs: core.columns.map((c) => (c.kind === 'ExprColumn' ? c.expr : null!)), affinities });
  }
  const out: ColumnAffinity[] = [];
  for (let i = 0; i < width; i++) {
    let k = 0;
    let m = 0;
    let affinity: ColumnAffinity = arms[0]!.affinities[i] ?? null;
    while ((affinity === null || affinity === Affinity.Blob) && k + 1 < arms.length) {
      m |= dataType(arms[k]!.exprs[i]!, arms[k]!.affinities[i] ?? null);
      k++;
      affinity = arms[k]!.affinities[i] ?? null;
    }
    if (affinity === null) affinity = Affinity.Blob;
    if (affinity !== Affinity.Blob) {
      for (let j = k + 1; j < arms.length; j++) m |= dataType(arms[j]!.exprs[i]!, arms[j]!.affinities[i] ?? null);
      if (affinity === Affinity.Text && (m & 0x01) !== 0) affinity = Affinity.Blob;
      else if (isNumeric(affinity) && (m & 0x02) !== 0) affinity = Affinity.Blob;
      if (isNumeric(affinity) && arms[0]!.exprs[i]!.kind === 'Cast') affinity = 'FLEXNUM';
    }
    out.push(affinity);
  }
  return out;
}

/** The affinity of an expression that reads no table (a VALUES row). */
function staticAffinity(expr: Expr): Affinity | null {
  if (expr.kind === 'Cast') return castAffinity(expr.type.text);
  if (expr.kind === 'Collate') return staticAffinity(expr.operand);
  return null;
}

/**
 * sqlite3ExprDataType: the storage classes an expression may produce (0x01 numeric, 0x02 text,
 * 0x04 blob). `affinity` is the affinity of the whole expression as its arm resolved it.
 */
function dataType(expr: Expr, affinity: Affinity | null): number {
  let e: Expr | null = expr;
  while (e) {
    switch (e.kind) {
      case 'Collate':
        e = e.operand;
        break;
      case 'Unary':
        if (e.op !== '+') return 0x01;
        e = e.operand;
        break;
      case 'Null':
        return 0x00;
      case 'String':
        return 0x02;
      case 'Blob':
        return 0x04;
      case 'Parameter':
      case 'Function':
        return 0x07;
      case 'Binary':
        return e.op === '||' ? 0x06 : 0x01;
      case 'Column':
      case 'Subquery':
      case 'Cast':
      case 'Vector': {
        if (e !== skipCollateOnly(expr)) throw unsupported('CREATE TABLE ... AS SELECT with this compound SELECT');
        if (affinity !== null && isNumeric(affinity)) return 0x05;
        if (affinity === Affinity.Text) return 0x06;
        return 0x07;
      }
      case 'Case': {
        let result = 0;
        for (const w of e.whens) result |= nestedDataType(w.then);
        if (e.otherwise) result |= nestedDataType(e.otherwise);
        return result;
      }
      default:
        return 0x01;
    }
  }
  return 0x00;
}

function skipCollateOnly(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'Collate' || (e.kind === 'Unary' && e.op === '+')) e = e.operand;
  return e;
}

/** dataType of a sub-expression, whose affinity is known only when it reads no column. */
function nestedDataType(expr: Expr): number {
  const bare = skipCollateOnly(expr);
  if (bare.kind === 'Column' || bare.kind === 'Subquery') throw unsupported('CREATE TABLE ... AS SELECT with this compound SELECT');
  return dataType(bare, bare.kind === 'Cast' ? castAffinity(bare.type.text) : null);
}

// ---- createTableStmt ----

const TYPE_SUFFIX: Record<string, string> = {
  [Affinity.Blob]: '',
  [Affinity.Text]: ' TEXT',
  [Affinity.Numeric]: ' NUM',
  [Affinity.Integer]: ' INT',
  [Affinity.Real]: ' REAL',
  FLEXNUM: ' NUM',
};

/** identLength: the name's length with each `"` doubled, plus two quotes (counted always). */
function identLength(name: string): number {
  return utf8Length(name) + (name.match(/"/g)?.length ?? 0) + 2;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** identPut: the name, double-quoted unless it is a plain identifier that is no keyword. */
function quoteIdentifier(name: string): string {
  const plain = /^[A-Za-z0-9_]+$/.test(name) && !/^[0-9]/.test(name) && keywordOf(name) === undefined;
  return plain ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The CREATE TABLE text SQLite stores for a table made by CREATE TABLE ... AS SELECT. */
export function createTableText(tableName: string, columns: readonly DerivedColumn[]): string {
  let n = identLength(tableName);
  for (const c of columns) n += identLength(c.name) + 5;
  const [first, separator, end] = n < 50 ? ['', ',', ')'] : ['\n  ', ',\n  ', '\n)'];
  const parts = columns.map((c) => quoteIdentifier(c.name) + TYPE_SUFFIX[c.affinity ?? Affinity.Blob]);
  return `CREATE TABLE ${quoteIdentifier(tableName)}(${first}${parts.join(separator)}${end}`;
}
