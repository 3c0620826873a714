// SQLite's double-quoted string rule (resolve.c areDoubleQuotedStringsEnabled) for expressions kept
// in the schema: a "name" that names no column of the table is a string literal while a schema is
// loaded from a file (legacy databases written with DQS on keep opening), and an error in DDL the
// user sends (better-sqlite3 builds SQLite with SQLITE_DQS=0). Like SQLite, the load converts the
// name to a string once, so a loaded CHECK, index expression, partial-index WHERE or generated
// column stays a string at use. View and trigger bodies are resolved again at use (compiler).

import { SqliteError } from '../common/errors.js';
import type { Expr, Name, StringLiteral } from '../parser/ast.js';

/** A name written "like this" in `sourceText` (not [x], `x` or 'x'). */
export function isDoubleQuoted(name: Name, sourceText: string): boolean {
  return name.quoted && sourceText[name.start] === '"';
}

/** SQLite's "no such column" for a double-quoted name, with its hint. */
export function noSuchDoubleQuoted(name: Name): SqliteError {
  return new SqliteError(`no such column: "${name.text}" - should this be a string literal in single-quotes?`);
}

/**
 * `expr` (a CHECK, generated column, index expression or partial-index WHERE: its unqualified names
 * are the table's columns) with every double-quoted name for which `isColumn` is false made a string
 * when `allowStrings` (schema text being loaded). Otherwise the first unqualified name that is no
 * column, in SQLite's left-to-right order, fails as SQLite's CREATE does, with the hint when quoted.
 */
export function settleDoubleQuoted<T extends Expr>(expr: T, sourceText: string, isColumn: (name: string) => boolean, allowStrings: boolean): T {
  const map = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return node;
    if (Array.isArray(node)) {
      const mapped = node.map(map);
      return mapped.some((m, i) => m !== node[i]) ? mapped : node;
    }
    const record = node as Record<string, unknown>;
    // A subquery's names have their own scope (and are refused in all these places, by the compiler).
    if (record.kind === 'Select') return node;
    if (record.kind === 'Column') {
      const ref = node as Extract<Expr, { kind: 'Column' }>;
      if (ref.table !== null || isColumn(ref.column.text)) return node;
      const quoted = isDoubleQuoted(ref.column, sourceText);
      if (!allowStrings) throw quoted ? noSuchDoubleQuoted(ref.column) : new SqliteError(`no such column: ${ref.column.text}`);
      if (!quoted) return node;
      return { kind: 'String', value: ref.column.text, start: ref.start, end: ref.end } satisfies StringLiteral;
    }
    let copy: Record<string, unknown> | null = null;
    for (const key in record) {
      if (key === 'start' || key === 'end') continue;
      const mapped = map(record[key]);
      if (mapped !== record[key]) (copy ??= { ...record })[key] = mapped;
    }
    return copy ?? node;
  };
  return map(expr) as T;
}
