// The Schema object: every table, index, view and trigger of one database, looked up by name
// (case-insensitively, as SQLite does), built from the rows of sqlite_schema.

import { SqliteError } from '../common/errors.js';
import type { Statement } from '../parser/ast.js';
import { defineIndex } from './index-definition.js';
import { autoIndexInfo, defineTable } from './table-definition.js';
import { databaseAddress, databaseOfRoot, MAIN_DATABASE, TEMP_DATABASE, type DatabaseSchema } from './database-list.js';
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
  /** The database this schema is of (its roots are addresses in it: schema/database-list.ts). */
  database = MAIN_DATABASE;
  /** sqlite_temp_schema, when this schema is temp's or a combined one that includes temp. */
  private tempSchemaTable: TableInfo | undefined;
  /** Set on a combined schema (Schema.combine): every database of the connection, by index. */
  private databaseList: readonly DatabaseSchema[] | null = null;
  private readonly restricted = new Map<number, Schema>();
  private readonly preferred = new Map<number, Schema>();
  /** The database (name) each unqualified TEMP trigger's table was found in when it was created (folded trigger name). */
  private tempTriggerTargets: ReadonlyMap<string, string> | undefined;
  /** On a schema made by only(): the combined schema it was made from. */
  private combinedFrom: Schema | null = null;

  /**
   * For a statement whose target is qualified (INSERT INTO aux.t): every database's objects, those
   * of `database` first, so that the target and the triggers and foreign keys it brings resolve there.
   */
  preferring(database: number): Schema {
    if (this.combinedFrom) return this.combinedFrom.preferring(database);
    if (!this.databaseList || !this.databaseList[database]) return this;
    let found = this.preferred.get(database);
    if (!found) {
      found = Schema.combine(this.databaseList, this.generation, database, this.tempTriggerTargets);
      found.combinedFrom = this;
      this.preferred.set(database, found);
    }
    return found;
  }

  /** The combined schema (every database's objects), also from a schema made by only(). */
  full(): Schema {
    return this.combinedFrom ?? this;
  }

  private constructor(
    /** The schema cookie (header offset 40) this schema was read at. */
    readonly cookie: number,
    /** Bumped on every reload in this process: prepared statements compare it to know they are stale. */
    readonly generation: number,
  ) {}

  /** Builds the schema from sqlite_schema rows. Objects Tandem cannot interpret are skipped, never misread. */
  static fromRows(rows: readonly SchemaRow[], parse: ParseOne, cookie: number, generation: number, database = MAIN_DATABASE): Schema {
    const schema = new Schema(cookie, generation);
    schema.rows = rows;
    schema.database = database;
    const at = (page: number) => (page > 0 ? databaseAddress(database, page) : 0);
    const schemaTable = parse(SCHEMA_TABLE_SQL);
    if (schemaTable.kind === 'CreateTable') {
      const { table } = defineTable(schemaTable, SCHEMA_TABLE_SQL, at(1));
      // SQLite's internal name for it is still sqlite_master (sqlite_temp_master in temp; error messages use it).
      const named = { ...table, name: database === TEMP_DATABASE ? 'sqlite_temp_master' : 'sqlite_master', indexes: [] };
      schema.tables.set('sqlite_schema', named);
      if (database === TEMP_DATABASE) schema.tempSchemaTable = named;
    }
    const autoRoots = new Map<string, number>();
    for (const row of rows) if (row.type === 'index' && row.sql === null) autoRoots.set(foldName(row.name), at(row.rootPage));
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
        const { table, autoIndexes } = defineTable(statement, row.sql!, at(row.rootPage));
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
            const index = defineIndex(statement, row.sql!, table, at(row.rootPage));
            schema.indexes.set(foldName(index.name), index);
            schema.tables.set(foldName(table.name), { ...table, indexes: [...table.indexes, index] });
          } catch (error) {
            schema.unwritable.set(foldName(table.name), `index ${row.name}: ${error instanceof Error ? error.message : String(error)}`);
            throw error;
          }
        });
      } else if (row.type === 'view') {
        const statement = parse(row.sql);
        if (statement.kind === 'CreateView') schema.views.set(foldName(row.name), { name: row.name, sql: row.sql, statement, database });
      } else if (row.type === 'trigger') {
        attempt(row.name, () => {
          try {
            const statement = parse(row.sql!);
            if (statement.kind !== 'CreateTrigger') throw new SqliteError(`not supported by Tandem yet: ${statement.kind}`);
            schema.triggers.set(foldName(row.name), { name: row.name, tableName: row.tableName, sql: row.sql!, statement, database });
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

  /**
   * The schema the compiler resolves names in when the connection has more than main: every
   * database's objects, the first of temp, main, then attached ones in order winning a name (SQLite's
   * search order). Qualified names go to one database through database().
   */
  static combine(list: readonly DatabaseSchema[], generation: number, first?: number, tempTriggerTargets?: ReadonlyMap<string, string>): Schema {
    const main = list[MAIN_DATABASE]!.schema;
    const combined = new Schema(main.cookie, generation);
    combined.tempTriggerTargets = tempTriggerTargets;
    combined.rows = main.rows;
    combined.databaseList = list;
    const rank = (d: DatabaseSchema) => (d.index === first ? -2 : searchRank(d.seq ?? d.index));
    const order = list.filter((d) => d !== undefined).sort((a, b) => rank(a) - rank(b));
    const merge = <T>(into: Map<string, T>, from: Map<string, T>, skip?: string) => {
      for (const [key, value] of from) if (key !== skip && !into.has(key)) into.set(key, value);
    };
    for (const { schema } of order) {
      merge(combined.tables, schema.tables, schema.database === MAIN_DATABASE ? undefined : 'sqlite_schema');
      merge(combined.indexes, schema.indexes);
      merge(combined.views, schema.views);
      // Temp triggers come first: they fire before main's (SQLite's sqlite3TriggerList).
      merge(combined.triggers, schema.triggers);
      merge(combined.unreadable, schema.unreadable);
      merge(combined.unwritable, schema.unwritable);
      if (schema.tempSchemaTable) combined.tempSchemaTable = schema.tempSchemaTable;
    }
    return combined;
  }

  /**
   * What a non-TEMP trigger's body sees (SQLite's DbFixer): the tables, indexes and views of its
   * own database only, every database's triggers (TEMP triggers fire on main's tables from any
   * body), and qualified names as usual. A schema that is not combined is returned as is.
   */
  only(database: number): Schema {
    if (this.combinedFrom) return this.combinedFrom.only(database);
    const list = this.databaseList;
    if (!list || !list[database]) return this;
    let found = this.restricted.get(database);
    if (!found) {
      const own = list[database]!.schema;
      found = new Schema(this.cookie, this.generation);
      found.rows = own.rows;
      found.database = database;
      found.databaseList = list;
      for (const [key, value] of own.tables) found.tables.set(key, value);
      for (const [key, value] of own.indexes) found.indexes.set(key, value);
      for (const [key, value] of own.views) found.views.set(key, value);
      for (const [key, value] of this.triggers) found.triggers.set(key, value);
      for (const [key, value] of own.unreadable) found.unreadable.set(key, value);
      for (const [key, value] of own.unwritable) found.unwritable.set(key, value);
      found.tempSchemaTable = own.tempSchemaTable;
      found.combinedFrom = this;
      found.tempTriggerTargets = this.tempTriggerTargets;
      this.restricted.set(database, found);
    }
    return found;
  }

  /** The databases of the connection (main alone unless combined), by index; temp may be absent. */
  databases(): readonly DatabaseSchema[] {
    return this.databaseList ?? [{ name: 'main', index: MAIN_DATABASE, schema: this, file: '' }];
  }

  /** The schema of database `name` (main, temp or an attached name), or undefined. */
  databaseNamed(name: string): DatabaseSchema | undefined {
    const folded = foldName(name);
    return this.databases().find((d) => d !== undefined && foldName(d.name) === folded);
  }

  /** A table by name; "sqlite_master" and "sqlite_schema" (and temp variants) name the schema table. */
  table(name: string): TableInfo | undefined {
    const folded = foldName(name);
    if (folded === 'sqlite_master') return this.tables.get('sqlite_schema');
    if (folded === 'sqlite_temp_master' || folded === 'sqlite_temp_schema') return this.tempSchemaTable;
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
    const schemaTable = this.tables.get('sqlite_schema');
    return [...this.tables.values()].filter((t) => t !== schemaTable);
  }

  allIndexes(): IndexInfo[] {
    return [...this.indexes.values()];
  }

  /**
   * The triggers on a table, in creation order. Given the table itself (a combined schema needs it
   * to tell same-named tables of different databases apart): its own database's triggers in
   * creation order, then TEMP triggers on it newest first, so that the reversed list fires temp
   * ones first in creation order (SQLite's sqlite3TriggerList).
   */
  triggersOn(table: string | TableInfo): TriggerInfo[] {
    const tableName = typeof table === 'string' ? table : table.name;
    const folded = foldName(tableName);
    const named = [...this.triggers.values()].filter((t) => foldName(t.tableName) === folded);
    if (typeof table === 'string' || !this.databaseList) return named;
    const db = databaseOfRoot(table.rootPage);
    const own = named.filter((t) => (t.database ?? MAIN_DATABASE) === db);
    if (db === TEMP_DATABASE) return own;
    const temp = named.filter((t) => t.database === TEMP_DATABASE && this.tempTriggerTarget(t) === db);
    return [...own, ...temp.reverse()];
  }

  /** The database a TEMP trigger's table is in: as qualified, else where the name resolves. */
  private tempTriggerTarget(trigger: TriggerInfo): number | undefined {
    const qualifier = trigger.statement.table.schema;
    if (qualifier) return this.databaseNamed(qualifier.text)?.index;
    // SQLite keeps the table found at CREATE: a same-named table made later does not take the trigger over.
    const recorded = this.tempTriggerTargets?.get(foldName(trigger.name));
    if (recorded !== undefined) return this.databaseNamed(recorded)?.index;
    const table = this.table(trigger.tableName);
    return table ? databaseOfRoot(table.rootPage) : undefined;
  }

  /**
   * Throws SQLite's error when `name` is taken in the namespace `kind` lives in. `written` is the
   * name as the statement spells it (quotes kept), which the "table/view ... already exists" messages show.
   */
  assertNameFree(name: string, kind: 'table' | 'index' | 'view' | 'trigger', written = name): void {
    const folded = foldName(name);
    const isTable = this.tables.has(folded) || folded === 'sqlite_master' || (this.database === TEMP_DATABASE && (folded === 'sqlite_temp_master' || folded === 'sqlite_temp_schema'));
    if (kind === 'trigger') {
      if (this.triggers.has(folded)) throw new SqliteError(`trigger ${name} already exists`);
      return;
    }
    if (kind === 'index') {
      if (isTable || this.views.has(folded)) throw new SqliteError(`there is already a table named ${name}`);
      if (this.indexes.has(folded)) throw new SqliteError(`index ${name} already exists`);
      return;
    }
    if (isTable) throw new SqliteError(`table ${written} already exists`);
    if (this.views.has(folded)) throw new SqliteError(`view ${written} already exists`);
    if (this.indexes.has(folded)) throw new SqliteError(`there is already an index named ${name}`);
  }
}

/** SQLite looks a name up in temp first, then main, then attached databases in order. */
function searchRank(index: number): number {
  return index === TEMP_DATABASE ? -1 : index;
}
