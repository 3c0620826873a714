// ALTER TABLE's rewriting of sqlite_schema text, as SQLite 3.53 does it: a pure library over
// schema rows; the ALTER TABLE code generator applies the returned updates.
//
// Every function takes the `main` schema's sqlite_schema rows (in rowid order) and returns the
// rows to rewrite ({type, name} identify a row; newName/newTblName/newSql are its new values),
// or throws SqliteError with SQLite's message. Row data (ADD/DROP COLUMN) is the caller's.
//
//   renameTable(rows, 'old', 'new', { legacy })           -> { updates, sequence }
//   renameColumn(rows, 't', 'a', 'b', { newNameQuoted })  -> { updates }
//   addColumn(rows, 't', 'c INT DEFAULT 0', { tableIsEmpty, foreignKeys }) -> { updates }
//   dropColumn(rows, 't', 'c')                           -> { updates }
//   addCheckConstraint / dropConstraint / setNotNull / dropNotNull (SQLite 3.53) -> { updates }

export { renameTable, type RenameTableOptions, type RenameTableResult } from './rename-table.js';
export { renameColumn, type RenameColumnOptions } from './rename-column.js';
export { addColumn, type AddColumnOptions } from './add-column.js';
export { dropColumn, type DropColumnOptions } from './drop-column.js';
export { addCheckConstraint, dropConstraint, dropNotNull, setNotNull } from './constraints.js';
export { applyUpdates, type AlterResult, type SchemaRow, type SchemaUpdate } from './types.js';
