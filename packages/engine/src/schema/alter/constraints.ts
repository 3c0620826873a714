// SQLite 3.53's constraint forms of ALTER TABLE: ADD [CONSTRAINT name] CHECK (...), DROP
// CONSTRAINT name, ALTER [COLUMN] c SET NOT NULL [ON CONFLICT ..], ALTER [COLUMN] c DROP NOT NULL.
// They edit the stored CREATE TABLE text as SQLite does: a removed column constraint takes the
// space before it (one space stays between neighbours), a removed table constraint its leading
// comma; added text goes at the end of the column or of the definition list. Verifying existing
// rows (CHECK, NOT NULL) is the caller's.

import { SqliteError, unsupported } from '../../common/errors.js';
import { sameName, type ColumnDefinition, type CreateTableStatement } from '../../parser/ast.js';
import { parseSchemaSql } from './catalog.js';
import { checkAlterable, findTableRow, isVirtualTable } from './checks.js';
import { nextSeparator } from './table-text.js';
import type { AlterResult, SchemaRow } from './types.js';

interface Target {
  readonly row: SchemaRow;
  readonly sql: string;
  readonly statement: CreateTableStatement;
}

function target(rows: readonly SchemaRow[], table: string): Target {
  const row = findTableRow(rows, table);
  checkAlterable(row);
  if (row.type === 'view') throw new SqliteError(`cannot edit constraints of view "${row.name}"`);
  if (isVirtualTable(row)) throw new SqliteError(`cannot edit constraints of virtual table "${row.name}"`);
  const statement = parseSchemaSql(row.sql!);
  if (statement.kind !== 'CreateTable') throw unsupported('ALTER TABLE on this table');
  return { row, sql: row.sql!, statement };
}

function result(t: Target, newSql: string): AlterResult {
  return { updates: [{ type: 'table', name: t.row.name, newSql }] };
}

function column(t: Target, name: string): ColumnDefinition {
  const found = t.statement.columns.find((c) => sameName(c.name.text, name));
  if (!found) throw new SqliteError(`no such column: ${name}`);
  return found;
}

/** The text without column constraint `index` of `def`: the gap before it goes too, a space stays before a following constraint. */
function withoutColumnConstraint(sql: string, def: ColumnDefinition, index: number): string {
  const previous = index > 0 ? def.constraints[index - 1]!.end : def.type ? def.type.end : def.name.end;
  const following = def.constraints[index + 1];
  if (following) return `${sql.slice(0, previous)} ${sql.slice(following.start)}`;
  const delimiter = nextSeparator(sql, def.constraints[index]!.end, 'COMMA_OR_RP');
  return sql.slice(0, previous) + sql.slice(delimiter);
}

/**
 * ADD [CONSTRAINT name] CHECK (...): `text` is the constraint as written, from CONSTRAINT or CHECK
 * on; `validate` (the caller's) raises the expression's errors, which SQLite reports before a
 * duplicate name.
 */
export function addCheckConstraint(
  rows: readonly SchemaRow[], table: string, text: string, name: string | null, validate: () => void = () => undefined,
): AlterResult {
  const t = target(rows, table);
  // SQLite resolves the new expression against the table before it looks at the name.
  validate();
  if (name !== null) {
    const named = [...t.statement.columns.flatMap((c) => c.constraints), ...t.statement.constraints].some((k) => k.name && sameName(k.name.text, name));
    if (named) throw new SqliteError(`constraint ${name} already exists`);
  }
  const items = [...t.statement.columns, ...t.statement.constraints];
  const close = nextSeparator(t.sql, Math.max(...items.map((i) => i.end)), 'COMMA_OR_RP');
  const clause = text.replace(/[;\s]+$/, '');
  return result(t, `${t.sql.slice(0, close)}, ${clause}${t.sql.slice(close)}`);
}

/** DROP CONSTRAINT name: only CHECK and NOT NULL constraints may go. */
export function dropConstraint(rows: readonly SchemaRow[], table: string, name: string): AlterResult {
  const t = target(rows, table);
  const { sql, statement } = t;
  const items: { start: number; kind: string; drop: () => string }[] = [];
  for (const def of statement.columns) {
    def.constraints.forEach((k, i) => {
      if (k.name && sameName(k.name.text, name)) items.push({ start: k.start, kind: k.kind, drop: () => withoutColumnConstraint(sql, def, i) });
    });
  }
  statement.constraints.forEach((k, i) => {
    if (!k.name || !sameName(k.name.text, name)) return;
    items.push({
      start: k.start,
      kind: k.kind,
      drop: () => {
        const previous = i > 0 ? statement.constraints[i - 1]!.end : statement.columns[statement.columns.length - 1]!.end;
        const comma = nextSeparator(sql, previous, 'COMMA');
        if (comma < 0 || comma > k.start) throw unsupported('DROP CONSTRAINT of a table constraint not preceded by a comma');
        return sql.slice(0, comma) + sql.slice(nextSeparator(sql, k.end, 'COMMA_OR_RP'));
      },
    });
  });
  items.sort((a, b) => a.start - b.start);
  const first = items[0];
  if (!first) throw new SqliteError(`no such constraint: ${name}`);
  if (first.kind !== 'Check' && first.kind !== 'NotNull') throw new SqliteError(`constraint may not be dropped: ${name}`);
  return result(t, first.drop());
}

/** ALTER COLUMN c DROP NOT NULL: the column's first NOT NULL constraint goes (the text is rewritten even when it has none). */
export function dropNotNull(rows: readonly SchemaRow[], table: string, columnName: string): AlterResult {
  const t = target(rows, table);
  return result(t, withoutNotNull(t.sql, column(t, columnName)));
}

function withoutNotNull(sql: string, def: ColumnDefinition): string {
  const index = def.constraints.findIndex((k) => k.kind === 'NotNull');
  return index < 0 ? sql : withoutColumnConstraint(sql, def, index);
}

/** ALTER COLUMN c SET NOT NULL [ON CONFLICT ..]: `clause` is the text from NOT on, added at the end of the column. */
export function setNotNull(rows: readonly SchemaRow[], table: string, columnName: string, clause: string): AlterResult {
  const t = target(rows, table);
  const dropped = withoutNotNull(t.sql, column(t, columnName));
  const reparsed = parseSchemaSql(dropped) as CreateTableStatement;
  const def = reparsed.columns.find((c) => sameName(c.name.text, columnName))!;
  const end = nextSeparator(dropped, def.end, 'COMMA_OR_RP');
  return result(t, `${dropped.slice(0, end)} ${clause.replace(/[;\s]+$/, '')}${dropped.slice(end)}`);
}
