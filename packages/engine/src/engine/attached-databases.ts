// The databases of a connection other than main: temp (index 1, a private in-memory database whose
// pager is made on first write) and ATTACHed ones (index 2+). Each keeps its own snapshot, write
// transaction and schema; the connection drives them in step with main's transaction.
//
// Savepoints: the connection numbers statement savepoints and SAVEPOINTs by main's pager depths
// (every write statement holds main's write transaction). A database that starts writing inside
// them maps every open depth to a savepoint taken when it started, and each later one to its own,
// so ROLLBACK TO and a failed statement undo its changes too.

import { SqliteError } from '../common/errors.js';
import { formatEmptyDatabase, saveOtherCursors } from '../btree/btree.js';
import type { PageSource, ReadTransaction, WriteTransaction } from '../pager/types.js';
import { Schema } from '../schema/schema.js';
import { TEMP_DATABASE } from '../schema/database-list.js';
import { loadSchema, parseSchemaStatement, readSchemaCookie } from './schema-loader.js';
import { releaseDatabase, type SharedDatabase } from './shared-database.js';

let attachments = 0;

export class AttachedDatabase {
  schema: Schema | null = null;
  /** When it was attached: SQLite numbers (and searches) attached databases in that order, gaps closed. */
  readonly order = ++attachments;
  /** Read in the current transaction (DETACH then reports "database is locked"). */
  private read: ReadTransaction | null = null;
  private write: WriteTransaction | null = null;
  /** Connection savepoint depth (main's) -> this database's savepoint depth. */
  private readonly depths = new Map<number, number>();
  /** The schema changed in the current write transaction: a rollback reloads it. */
  private schemaChanged = false;

  constructor(
    readonly name: string,
    readonly index: number,
    /** Made on first use for temp (null until then). */
    private shared: SharedDatabase | null,
    private readonly open: () => SharedDatabase,
    /** The file name PRAGMA database_list reports. */
    readonly file: string,
    readonly readonly: boolean,
    /** Private databases (temp, ":memory:") cannot change behind this connection's back. */
    readonly isPrivate: boolean,
  ) {}

  get inTransaction(): boolean {
    return this.read !== null || this.write !== null;
  }

  /** temp is opened by its first write (PRAGMA database_list lists it from then on). */
  get isOpen(): boolean {
    return this.shared !== null;
  }

  get writing(): boolean {
    return this.write !== null && this.write.active;
  }

  private get database(): SharedDatabase {
    this.shared ??= this.open();
    return this.shared;
  }

  /** The schema as of the snapshot in use (or the latest, outside a transaction). */
  currentSchema(nextGeneration: () => number): Schema {
    if (this.schema && (this.isPrivate || this.inTransaction)) return this.schema;
    if (!this.shared && this.index === TEMP_DATABASE) {
      this.schema ??= Schema.fromRows([], parseSchemaStatement, 0, nextGeneration(), this.index);
      return this.schema;
    }
    const read = this.database.pager.beginRead();
    try {
      this.ensureSchema(read, nextGeneration);
    } finally {
      read.end();
    }
    return this.schema!;
  }

  private ensureSchema(source: PageSource, nextGeneration: () => number): void {
    const cookie = readSchemaCookie(source);
    if (this.schema && this.schema.cookie === cookie) return;
    this.schema = this.loadFrom(source, nextGeneration());
  }

  private loadFrom(source: PageSource, generation: number): Schema {
    return loadSchema(source, generation, this.index);
  }

  /** Starts the snapshot of a transaction (files shared with other connections start it with main's). */
  beginRead(nextGeneration: () => number): void {
    if (this.read) return;
    this.read = this.database.pager.beginRead();
    this.ensureSchema(this.read, nextGeneration);
  }

  /** What reads see now, starting the snapshot on first use (temp before its first write: nothing). */
  source(nextGeneration: () => number): PageSource {
    if (this.write) return this.write;
    if (!this.shared && this.index === TEMP_DATABASE) return EMPTY_SOURCE;
    this.beginRead(nextGeneration);
    return this.read!;
  }

  /** The write transaction, started on first write; `openDepths` are the connection's open savepoints. */
  sink(nextGeneration: () => number, openDepths: readonly number[]): WriteTransaction {
    if (this.write) return this.write;
    if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    this.beginRead(nextGeneration);
    const writer = this.database.pager.tryBeginWrite(this.read!);
    if (!writer) throw new SqliteError('database is locked', 'SQLITE_BUSY');
    if (this.read!.pageCount() === 0) formatEmptyDatabase(writer);
    const start = writer.savepoint();
    for (const depth of openDepths) this.depths.set(depth, start);
    this.write = writer;
    return writer;
  }

  savepoint(depth: number): void {
    if (this.writing) this.depths.set(depth, this.write!.savepoint());
  }

  /** Undoes this database's changes since connection savepoint `depth` (nothing when it wrote none since). */
  rollbackTo(depth: number, nextGeneration: () => number): void {
    const mine = this.depths.get(depth);
    if (!this.writing || mine === undefined) return;
    saveOtherCursors(this.write!, 0, null);
    this.write!.rollbackTo(mine);
    this.ensureSchema(this.write!, nextGeneration);
  }

  /** Forgets connection savepoint `depth` and those after it. */
  release(depth: number): void {
    const mine = this.depths.get(depth);
    if (mine === undefined) return;
    for (const key of [...this.depths.keys()]) if (key >= depth) this.depths.delete(key);
    if (this.writing && ![...this.depths.values()].includes(mine)) this.write!.release(mine);
  }

  reloadSchema(nextGeneration: () => number): void {
    this.schemaChanged = true;
    this.schema = this.loadFrom(this.source(nextGeneration), nextGeneration());
  }

  /**
   * Ends the transaction: commits or rolls back the writes, ends the snapshot. Databases commit one
   * after the other (main first); as with SQLite in WAL mode, a crash between two commits may
   * leave one database committed and not the other.
   */
  end(commit: boolean, synchronous: 'off' | 'normal' | 'full'): void {
    const writer = this.write;
    this.write = null;
    this.depths.clear();
    try {
      if (writer?.active) {
        if (commit) {
          if (!this.isPrivate) this.database.pager.synchronous = synchronous;
          writer.commit();
        } else writer.rollback();
      }
    } finally {
      this.read?.end();
      this.read = null;
      if (writer && !commit && this.schemaChanged) this.schema = null;
      this.schemaChanged = false;
    }
  }

  close(): void {
    this.write?.rollback();
    this.write = null;
    this.read?.end();
    this.read = null;
    if (this.shared) releaseDatabase(this.shared);
    this.shared = null;
  }
}

/** The pages of a temp database that was never written: none. */
const EMPTY_SOURCE: PageSource = {
  pageSize: 4096,
  usableSize: 4096,
  pageCount: () => 0,
  getPage: () => {
    throw new SqliteError('internal error: the temp database has no pages', 'SQLITE_INTERNAL');
  },
};
