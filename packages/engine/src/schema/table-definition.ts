// Builds TableInfo from a CREATE TABLE statement, following SQLite's rules for the rowid alias
// (INTEGER PRIMARY KEY) and for the automatic indexes UNIQUE and PRIMARY KEY constraints create.

import { SqliteError } from '../common/errors.js';
import { forEachNode, sameName, type ConflictResolution, type CreateTableStatement, type OrderingTerm } from '../parser/ast.js';
import { affinityOfType } from '../values/affinity.js';
import type { ColumnInfo, IndexColumn, IndexInfo, TableInfo } from './types.js';
import { defineForeignKeys } from './foreign-keys.js';
import { applyStrictRules } from './strict.js';
import { settleDoubleQuoted } from './double-quoted-strings.js';

/** An automatic index the table needs, before it has a root page. */
export interface AutoIndexSpec {
  readonly name: string;
  readonly origin: 'u' | 'pk';
  readonly columns: readonly IndexColumn[];
  readonly onConflict: ConflictResolution | null;
}

export interface TableDefinition {
  readonly table: Omit<TableInfo, 'indexes'>;
  readonly autoIndexes: readonly AutoIndexSpec[];
}

/** rowid, oid and _rowid_ name the rowid of a rowid table unless a column takes the name. */
function isRowidName(name: string): boolean {
  return sameName(name, 'rowid') || sameName(name, 'oid') || sameName(name, '_rowid_');
}

function columnIndexOf(columns: readonly ColumnInfo[], name: string): number {
  return columns.findIndex((c) => sameName(c.name, name));
}

/** Resolves a constraint's ordering terms to table columns (they must be plain column names). */
function constraintColumns(tableName: string, columns: readonly ColumnInfo[], terms: readonly OrderingTerm[]): IndexColumn[] {
  return terms.map((term) => {
    let expr = term.expr;
    let collation: string | null = null;
    if (expr.kind === 'Collate') {
      collation = expr.collation.text.toUpperCase();
      expr = expr.operand;
    }
    if (expr.kind !== 'Column' || expr.table) {
      throw new SqliteError('expressions prohibited in PRIMARY KEY and UNIQUE constraints');
    }
    const index = columnIndexOf(columns, expr.column.text);
    if (index < 0) throw new SqliteError(`no such column: ${expr.column.text}`);
    void tableName;
    return { column: index, collation: collation ?? columns[index]!.collation, descending: term.direction === 'DESC' };
  });
}

/**
 * Interprets CREATE TABLE (with explicit column list) as a table definition. `schemaText`: the
 * statement is stored schema being loaded, where a double-quoted name that is no column is a string
 * (see double-quoted-strings.ts); for DDL the user sends it is an error.
 */
export function defineTable(statement: CreateTableStatement, sql: string, rootPage: number, sourceText: string = sql, schemaText = true): TableDefinition {
  const tableName = statement.name.name.text;
  if (statement.asSelect) throw new SqliteError('not supported by Tandem yet: CREATE TABLE ... AS SELECT');
  const columns: ColumnInfo[] = [];
  for (const definition of statement.columns) {
    if (columnIndexOf(columns, definition.name.text) >= 0) throw new SqliteError(`duplicate column name: ${definition.name.text}`);
    let collation = 'BINARY';
    let notNull = false;
    let defaultExpr = null;
    let primaryKey = false;
    let generated = false;
    let generatedAs: ColumnInfo['generatedAs'];
    let notNullConflict: ConflictResolution | null = null;
    for (const constraint of definition.constraints) {
      if (constraint.kind === 'Collate') collation = constraint.collation.text.toUpperCase();
      else if (constraint.kind === 'NotNull') {
        notNull = true;
        notNullConflict = constraint.onConflict;
      }
      else if (constraint.kind === 'Default') {
        if (generated) throw new SqliteError('cannot use DEFAULT on a generated column');
        defaultExpr = constraint.expr;
        // SQLite's sqlite3ExprIsConstantOrFunction: no column (a quoted name included) and no subquery.
        const reads = forEachNode(constraint.expr, (n) => ['Column', 'Subquery', 'Exists', 'InSelect', 'InTable'].includes(n.kind) || undefined);
        if (reads) throw new SqliteError(`default value of column [${definition.name.text}] is not constant`);
      }
      else if (constraint.kind === 'PrimaryKey') primaryKey = true;
      else if (constraint.kind === 'Generated') {
        if (generated || defaultExpr) throw new SqliteError(`error in generated column "${definition.name.text}"`);
        generated = true;
        generatedAs = { expr: constraint.expr, stored: constraint.storage === 'STORED' };
      }
    }
    // SQLite keeps the type as written, except that a type that is one quoted token is dequoted.
    const type = definition.type;
    const declaredType = !type ? null : type.words.length === 1 && type.args.length === 0 && /^["'`[]/.test(type.text) ? type.words[0]! : type.text;
    columns.push({ name: definition.name.text, declaredType, affinity: affinityOfType(declaredType), collation, notNull, defaultExpr, primaryKey, generated, notNullConflict, ...(generatedAs ? { generatedAs } : {}) });
  }

  // Constraints in the order SQLite meets them: column constraints first (column order), then table constraints.
  const autoIndexes: AutoIndexSpec[] = [];
  let primaryKeyColumns: IndexColumn[] | null = null;
  let rowidAlias = -1;
  let autoincrement = false;
  let primaryKeyCount = 0;
  let rowidConflict: ConflictResolution | null = null;
  let withoutRowidAutoincrement = false;
  let keyNumbers = 0;
  let keyOrder: number | null = null;
  const addAutoIndex = (origin: 'u' | 'pk', indexColumns: IndexColumn[], onConflict: ConflictResolution | null) => {
    const duplicate = autoIndexes.some(
      (existing) =>
        existing.columns.length === indexColumns.length &&
        existing.columns.every((c, i) => c.column === indexColumns[i]!.column && c.collation === indexColumns[i]!.collation),
    );
    if (!duplicate) autoIndexes.push({ name: `sqlite_autoindex_${tableName}_${autoIndexes.length + keyNumbers + 1}`, origin, columns: indexColumns, onConflict });
  };
  const setPrimaryKey = (indexColumns: IndexColumn[], isColumnConstraint: boolean, descending: boolean, autoinc: boolean, onConflict: ConflictResolution | null) => {
    if (++primaryKeyCount > 1) throw new SqliteError(`table "${tableName}" has more than one primary key`);
    if (indexColumns.some((c) => columns[c.column]!.generated)) throw new SqliteError('generated columns cannot be part of the PRIMARY KEY');
    primaryKeyColumns = indexColumns;
    const single = indexColumns.length === 1 ? columns[indexColumns[0]!.column]! : null;
    // Only a column whose declared type is exactly "INTEGER" becomes the rowid; SQLite's quirk:
    // a column-constraint "INTEGER PRIMARY KEY DESC" does not.
    const isAlias = !statement.withoutRowid && single !== null && single.declaredType?.toUpperCase() === 'INTEGER' && !(isColumnConstraint && descending);
    if (isAlias) {
      rowidAlias = indexColumns[0]!.column;
      autoincrement = autoinc;
      rowidConflict = onConflict;
    } else {
      // SQLite accepts AUTOINCREMENT on an INTEGER PRIMARY KEY of a WITHOUT ROWID table until the table ends.
      if (autoinc && statement.withoutRowid && single?.declaredType?.toUpperCase() === 'INTEGER') withoutRowidAutoincrement = true;
      else if (autoinc) throw new SqliteError('AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY');
      if (!statement.withoutRowid) addAutoIndex('pk', indexColumns, onConflict);
      // A WITHOUT ROWID table's key takes the rowid's place, ON CONFLICT clause included.
      else {
        rowidConflict = onConflict;
        // SQLite makes an INTEGER key's index at the end of CREATE TABLE, any other where it is declared.
        const integer = single !== null && single.declaredType?.toUpperCase() === 'INTEGER' && !(isColumnConstraint && descending);
        keyOrder = integer ? null : autoIndexes.length;
        // The key has no index of its own but takes its number among the automatic indexes.
        keyNumbers = 1;
      }
    }
  };
  statement.columns.forEach((definition, index) => {
    for (const constraint of definition.constraints) {
      const self: IndexColumn = { column: index, collation: columns[index]!.collation, descending: false };
      if (constraint.kind === 'PrimaryKey') {
        setPrimaryKey([{ ...self, descending: constraint.direction === 'DESC' }], true, constraint.direction === 'DESC', constraint.autoincrement, constraint.onConflict);
      } else if (constraint.kind === 'Unique') addAutoIndex('u', [self], constraint.onConflict);
    }
  });
  for (const constraint of statement.constraints) {
    if (constraint.kind === 'PrimaryKey') {
      const indexColumns = constraintColumns(tableName, columns, constraint.columns);
      for (const c of indexColumns) columns[c.column] = { ...columns[c.column]!, primaryKey: true };
      setPrimaryKey(indexColumns, false, false, constraint.autoincrement, constraint.onConflict);
    } else if (constraint.kind === 'Unique') {
      addAutoIndex('u', constraintColumns(tableName, columns, constraint.columns), constraint.onConflict);
    }
  }
  const pk: IndexColumn[] = primaryKeyColumns ?? [];
  const withoutRowidKey = statement.withoutRowid ? withoutRowidKeyOf(tableName, columns, primaryKeyColumns, withoutRowidAutoincrement) : undefined;
  const checks: { name: string; expr: import('../parser/ast.js').Expr }[] = [];
  for (const definition of statement.columns) {
    for (const constraint of definition.constraints) {
      if (constraint.kind === 'Check') checks.push({ name: constraint.name ? constraint.name.text : unnamedCheckName(sourceText.slice(constraint.expr.start, constraint.expr.end)), expr: constraint.expr });
    }
  }
  for (const constraint of statement.constraints) {
    if (constraint.kind === 'Check') checks.push({ name: constraint.name ? constraint.name.text : unnamedCheckName(sourceText.slice(constraint.expr.start, constraint.expr.end)), expr: constraint.expr });
  }
  // A CHECK sees the rowid of a rowid table; a generated column does not.
  const isColumn = (name: string): boolean => columnIndexOf(columns, name) >= 0;
  const isColumnOrRowid = (name: string): boolean => isColumn(name) || (!statement.withoutRowid && isRowidName(name));
  columns.forEach((c, i) => {
    if (c.generatedAs) columns[i] = { ...c, generatedAs: { ...c.generatedAs, expr: settleDoubleQuoted(c.generatedAs.expr, sourceText, isColumn, schemaText) } };
  });
  for (let i = 0; i < checks.length; i++) checks[i] = { ...checks[i]!, expr: settleDoubleQuoted(checks[i]!.expr, sourceText, isColumnOrRowid, schemaText) };
  const finalColumns = statement.strict ? applyStrictRules(statement, columns, rowidAlias) : columns;
  return {
    table: {
      name: tableName,
      rootPage,
      sql,
      columns: finalColumns,
      rowidAlias,
      rowidConflict,
      primaryKey: pk.map((c) => c.column),
      withoutRowid: statement.withoutRowid,
      ...(withoutRowidKey ? { withoutRowidKey, withoutRowidKeyOrder: keyOrder ?? autoIndexes.length } : {}),
      strict: statement.strict,
      autoincrement,
      checks,
      foreignKeys: defineForeignKeys(statement, finalColumns),
    },
    autoIndexes,
  };
}

/**
 * A WITHOUT ROWID table's key: SQLite's checks at the end of CREATE TABLE, its PRIMARY KEY columns
 * made NOT NULL (in `columns`), and repeated key columns dropped.
 */
function withoutRowidKeyOf(tableName: string, columns: ColumnInfo[], primaryKey: IndexColumn[] | null, autoincrement: boolean): IndexColumn[] {
  if (autoincrement) throw new SqliteError('AUTOINCREMENT not allowed on WITHOUT ROWID tables');
  if (!primaryKey) throw new SqliteError(`PRIMARY KEY missing on table ${tableName}`);
  const key: IndexColumn[] = [];
  for (const c of primaryKey) {
    if (!key.some((k) => k.column === c.column && k.collation === c.collation)) key.push(c);
    if (!columns[c.column]!.notNull) columns[c.column] = { ...columns[c.column]!, notNull: true };
  }
  return key;
}

/** The IndexInfo of an automatic index once its root page is known. */
export function autoIndexInfo(tableName: string, spec: AutoIndexSpec, rootPage: number): IndexInfo {
  return { name: spec.name, tableName, rootPage, sql: null, unique: true, origin: spec.origin, columns: spec.columns, where: null, onConflict: spec.onConflict };
}

/**
 * The name an unnamed CHECK reports in "CHECK constraint failed: <name>": its expression's text,
 * dequoted the way SQLite dequotes a name, so an expression that starts with a quoted identifier
 * reports just that identifier (`"price" > 0` → `price`).
 */
function unnamedCheckName(text: string): string {
  const open = text[0];
  if (open !== '"' && open !== "'" && open !== '`' && open !== '[') return text;
  const close = open === '[' ? ']' : open;
  let name = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== close) name += text[i];
    else if (close !== ']' && text[i + 1] === close) name += text[++i];
    else break;
  }
  return name;
}
