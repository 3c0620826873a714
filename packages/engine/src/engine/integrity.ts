// PRAGMA integrity_check / quick_check: the b-tree check of every tree, plus (integrity_check
// only) index-versus-table consistency: every row has its index entries and no index has extra.

import type { SqlValue } from '../common/values.js';
import { openIndexCursor, openTableCursor } from '../btree/btree.js';
import { checkIntegrity, type TreeRoot } from '../btree/integrity.js';
import type { KeyInfo } from '../btree/types.js';
import type { PageSource } from '../pager/types.js';
import { compareRecordToKey } from '../record/compare.js';
import { decodeRecord } from '../record/record.js';
import type { Schema } from '../schema/schema.js';
import { rootPageOf } from '../schema/database-list.js';
import type { TableInfo } from '../schema/types.js';
import { builtinCollations, binaryCollation } from '../values/collation.js';
import { applyAffinity } from '../values/affinity.js';
import { isVirtualColumn, storageField } from '../schema/generated.js';
import { constantDefault } from '../compiler/expr.js';

/** `onlyTable`: PRAGMA integrity_check(table) checks that table and its indexes only. */
export function integrityCheck(source: PageSource, schema: Schema, maxErrors: number, quick: boolean, onlyTable?: TableInfo): string[] {
  if (source.pageCount() === 0) return ['ok'];
  const tables = onlyTable ? [onlyTable] : schema.allTables();
  const roots: TreeRoot[] = onlyTable ? [] : [{ name: 'sqlite_schema', root: 1, isIndex: false }];
  for (const table of tables) {
    // Roots of temp and attached databases are addresses (schema/database-list.ts); `source` is their file.
    roots.push({ name: table.name, root: rootPageOf(table.rootPage), isIndex: table.withoutRowid });
    for (const index of table.indexes) roots.push({ name: index.name, root: rootPageOf(index.rootPage), isIndex: true });
  }
  const messages = checkIntegrity(source, roots, maxErrors, onlyTable !== undefined);
  if (!quick && messages.length === 0) {
    for (const table of tables) {
      if (table.withoutRowid) continue;
      for (const index of table.indexes) {
        // Partial and expression indexes need the compiler to evaluate their expressions: only the b-tree check covers them.
        if (index.where || index.columns.some((c) => c.expr)) continue;
        // So do indexes on VIRTUAL generated columns (computed, not stored).
        if (index.columns.some((c) => c.column >= 0 && isVirtualColumn(table.columns[c.column]!))) continue;
        const keyInfo: KeyInfo = {
          collations: [...index.columns.map((c) => builtinCollations.get(c.collation) ?? binaryCollation), binaryCollation],
          descending: [...index.columns.map((c) => c.descending), false],
        };
        const rows = openTableCursor(source, rootPageOf(table.rootPage));
        const entries = openIndexCursor(source, rootPageOf(index.rootPage), keyInfo);
        let rowCount = 0;
        for (let ok = rows.first(); ok; ok = rows.next()) {
          rowCount++;
          const values = decodeRecord(rows.payload());
          const rowid = rows.rowid();
          // A record shorter than the table (columns added later by ALTER TABLE) reads their defaults.
          const stored = (column: number) => {
            const field = storageField(table, column);
            return field < values.length ? (values[field] ?? null) : constantDefault(table.columns[column]!.defaultExpr);
          };
          const key: SqlValue[] = index.columns.map((c) => (c.column === table.rowidAlias ? rowid : applyAffinity(stored(c.column), table.columns[c.column]!.affinity)));
          key.push(rowid);
          const found = entries.seekIndex(key, -1);
          let present = !entries.eof && (found >= 0 || entries.next());
          if (present) present = compareRecordToKey(entries.payload(), key, keyInfo) === 0;
          if (!present) {
            messages.push(`row ${rowCount} missing from index ${index.name}`);
            if (messages.length >= maxErrors) return messages;
          }
        }
        let entryCount = 0;
        for (let ok = entries.first(); ok; ok = entries.next()) entryCount++;
        rows.close();
        entries.close();
        if (entryCount !== rowCount) {
          messages.push(`wrong # of entries in index ${index.name}`);
          if (messages.length >= maxErrors) return messages;
        }
      }
    }
  }
  return messages.length === 0 ? ['ok'] : messages;
}
