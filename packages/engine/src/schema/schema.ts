// The Schema object: every table, index, view and trigger of one database, looked up by name
// (case-insensitively, as SQLite does), built from the rows of sqlite_schema.

import { SqliteError } from '../common/errors.js';
import type { Statement } from '../parser/ast.js';
import { defineIndex } from './index-definition.js';
import { autoIndexInfo, defineTable } from './table-definition.js';
import type { IndexInfo, SchemaRow, TableInfo, TriggerInfo, ViewInfo } from './types.js';

/** The table sqlite_schema itself (root page 1), as SQLite defines it. */
export const SCHEMA_TABLE_SQL = 'CREATE TABLE sqlite_schema(type text,name text,tbl_name text,rootpage int,sql text)';

/** Parses one CREATE statement (the parser, injected so schema/ stays independent of its entry point). */
export type ParseOne = (sql: string) => Statement;

/** ASCII-only case folding, as SQLite folds identifiers. */
export function foldName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export class Schema {
  private readonly tables = new Map<string, TableInfo>();
  private readonly indexes = new Map<string, IndexInfo>();
  private readonly views = new Map<string, ViewInfo>();
  private readonly triggers = new Map<string, TriggerInfo>();
  /** Objects Tandem cannot interpret yet (folded name -> why), and tables whose indexes it cannot maintain. */
  private readonly unreadable = new Map<string, string>();
  private readonly unwritable = new Map<string, string>();
  /** Every sqlite_schema row, in rowid order (ALTER TABLE rewrites them, VACUUM copies them). */
  rows: readonly SchemaRow[] = [];

  private constructor(
    /** The schema cookie (header offset 40) this schema was read at. */
    readonly cookie: number,
    /** Bumped on every reload in this process: prepared statements compare it to know they are stale. */
    readonly generation: number,
  ) {}

  /** Builds the schema from sqlite_schema rows. Objects Tandem cannot interpret are skipped, never misread. */
  static fromRows(rows: readonly SchemaRow[], parse: ParseOne, cookie: number, generation: number): Schema {
    const schema = new Schema(cookie, generation);
    schema.rows = rows;
    const schemaTable = parse(SCHEMA_TABLE_SQL);
    if (schemaTable.kind === 'CreateTable') {
      const { table } = defineTable(schemaTable, SCHEMA_TABLE_SQL, 1);
      // SQLite's internal name for it is still sqlite_master (error messages use it).
      schema.tables.set('sqlite_schema', { ...table, name: 'sqlite_master', indexes: [] });
    }
    const autoRoots = new Map<string, number>();
    for (const row of rows) if (row.type === 'index' && row.sql === null) autoRoots.set(foldName(row.name), row.rootPage);
    // One object Tandem cannot interpret must not make the whole database unreadable: it is
    // recorded, and statements touching it raise "not supported" instead of guessing.
    const attempt = (name: string, work: () => void): void => {
      try {
        work();
      } catch (error) {
        schema.unreadable.set(foldName(name), error instanceof Error ? error.message : String(error));
      }
    };
    for (const row of rows) {
      if (row.type !== 'table' || row.sql === null) continue;
      attempt(row.name, () => {
        const statement = parse(row.sql!);
        if (statement.kind !== 'CreateTable') throw new SqliteError(`not supported by Tandem yet: ${statement.kind}`);
        const { table, autoIndexes } = defineTable(statement, row.sql!, row.rootPage);
        const indexes = autoIndexes.map((spec) => autoIndexInfo(table.name, spec, autoRoots.get(foldName(spec.name)) ?? 0));
        schema.tables.set(foldName(table.name), { ...table, indexes });
        for (const index of indexes) schema.indexes.set(foldName(index.name), index);
      });
    }
    for (const row of rows) {
      if (row.sql === null) continue;
      if (row.type === 'index') {
        attempt(row.name, () => {
          const statement = parse(row.sql!);
          const table = schema.table(row.tableName);
          if (!table) return;
          try {
            if (statement.kind !== 'CreateIndex') throw new SqliteError('not supported by Tandem yet: this index');
            const index = defineIndex(statement, row.sql!, table, row.rootPage);
            schema.indexes.set(foldName(index.name), index);
            schema.tables.set(foldName(table.name), { ...table, indexes: [...table.indexes, index] });
          } catch (error) {
            schema.unwritable.set(foldName(table.name), `index ${row.name}: ${error instanceof Error ? error.message : String(error)}`);
            throw error;
          }
        });
      } else if (row.type === 'view') {
        const statement = parse(row.sql);
        if (statement.kind === 'CreateView') schema.views.set(foldName(row.name), { name: row.name, sql: row.sql, statement });
      } else if (row.type === 'trigger') {
        attempt(row.name, () => {
          try {
            const statement = parse(row.sql!);
            if (statement.kind !== 'CreateTrigger') throw new SqliteError(`not supported by Tandem yet: ${statement.kind}`);
            schema.triggers.set(foldName(row.name), { name: row.name, tableName: row.tableName, sql: row.sql!, statement });
          } catch (error) {
            // Writing the table without its trigger would give wrong results: refuse writes instead.
            schema.unwritable.set(foldName(row.tableName), `trigger ${row.name}: ${error instanceof Error ? error.message : String(error)}`);
            throw error;
          }
        });
      }
    }
    return schema;
  }

  /** A table by name; "sqlite_master" and "sqlite_schema" (and temp variants) name the schema table. */
  table(name: string): TableInfo | undefined {
    const folded = foldName(name);
    if (folded === 'sqlite_master') return this.tables.get('sqlite_schema');
    return this.tables.get(folded);
  }

  /** Why Tandem cannot read object `name` (a table it could not interpret), or undefined. */
  unreadableReason(name: string): string | undefined {
    return this.unreadable.get(foldName(name));
  }

  /** Why Tandem cannot write table `name` (an index or trigger it cannot maintain), or undefined. */
  unwritableReason(name: string): string | undefined {
    const folded = foldName(name);
    const reason = this.unwritable.get(folded);
    return reason;
  }

  index(name: string): IndexInfo | undefined {
    return this.indexes.get(foldName(name));
  }

  view(name: string): ViewInfo | undefined {
    return this.views.get(foldName(name));
  }

  trigger(name: string): TriggerInfo | undefined {
    return this.triggers.get(foldName(name));
  }

  /** Every user table (not sqlite_schema), in no particular order. */
  allTables(): TableInfo[] {
    return [...this.tables.values()].filter((t) => t.rootPage !== 1);
  }

  allIndexes(): IndexInfo[] {
    return [...this.indexes.values()];
  }

  triggersOn(tableName: string): TriggerInfo[] {
    const folded = foldName(tableName);
    return [...this.triggers.values()].filter((t) => foldName(t.tableName) === folded);
  }

  /** Throws SQLite's error when `name` is taken in the namespace `kind` lives in. */
  assertNameFree(name: string, kind: 'table' | 'index' | 'view' | 'trigger'): void {
    const folded = foldName(name);
    const isTable = this.tables.has(folded) || folded === 'sqlite_master';
    if (kind === 'trigger') {
      if (this.triggers.has(folded)) throw new SqliteError(`trigger ${name} already exists`);
      return;
    }
    if (kind === 'index') {
      if (isTable || this.views.has(folded)) throw new SqliteError(`there is already a table named ${name}`);
      if (this.indexes.has(folded)) throw new SqliteError(`index ${name} already exists`);
      return;
    }
    if (isTable) throw new SqliteError(`table ${name} already exists`);
    if (this.views.has(folded)) throw new SqliteError(`view ${name} already exists`);
    if (this.indexes.has(folded)) throw new SqliteError(`there is already an index named ${name}`);
  }
}
