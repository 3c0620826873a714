// Offsets inside stored CREATE TABLE text that ADD/DROP COLUMN splice at, found with the
// tokenizer as SQLite finds them (addColOffset, and the comma before a column definition).

import { Scanner } from '../../parser/tokenizer.js';
import type { CreateTableStatement } from '../../parser/ast.js';

/**
 * Offset of the first `,` or `)` at nesting depth 0 at or after `from`, skipping whole
 * parenthesized groups, strings and comments (SQLite's getConstraintToken loop).
 */
export function nextSeparator(sql: string, from: number, wanted: 'COMMA' | 'COMMA_OR_RP'): number {
  const scanner = new Scanner(sql);
  let pos = from;
  let depth = 0;
  for (;;) {
    const type = scanner.scan(pos);
    if (type === 'EOF' || type === 'ILLEGAL') return -1;
    if (type === 'LP') depth++;
    else if (type === 'RP') {
      if (depth === 0 && wanted === 'COMMA_OR_RP') return pos;
      depth--;
    } else if (type === 'COMMA' && depth === 0) return pos;
    pos = scanner.end;
  }
}

/**
 * SQLite's Table.addColOffset: where a new column definition goes, i.e. the `,` before the
 * first table constraint or the closing `)`. SQLite computes it as 13 + (offset from the table
 * name), "CREATE TABLE " being 13 characters of the stored text; so do we.
 */
export function addColumnOffset(sql: string, statement: CreateTableStatement): number {
  const last = statement.columns[statement.columns.length - 1]!;
  const at = nextSeparator(sql, last.end, 'COMMA_OR_RP');
  return 13 + (at - statement.name.name.start);
}
