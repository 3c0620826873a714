// The Connection: owns the transaction state of one database connection (autocommit, the read
// snapshot, the write transaction), the schema it sees, its functions and change counters. It is
// also the VmHost its statements run against. Besides main it holds temp and attached databases
// (attached-databases.ts), whose trees programs address as schema/database-list.ts describes;
// a write statement always holds main's write transaction, whose savepoints number theirs.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { clearTree, createTree, dropTree, formatEmptyDatabase, openIndexCursor, openTableCursor, saveOtherCursors } from '../btree/btree.js';
import type { BtreeCursor, KeyInfo } from '../btree/types.js';
import { compileStatement } from '../compiler/compile.js';
import type { CompileContext } from '../compiler/context.js';
import { builtinFunctions } from '../functions/builtins.js';
import { registerCaseSensitiveLike } from '../functions/like.js';
import { FunctionRegistry } from '../functions/registry.js';
import { memoryVfs } from '../os/memory-vfs.js';
import { nodeVfs } from '../os/node-vfs.js';
import type { Vfs } from '../os/vfs.js';
import type { PageSource, ReadTransaction, WriteTransaction } from '../pager/types.js';
import type { ParsedStatement } from '../parser/ast.js';
import { parseStatement } from '../parser/parser.js';
import { foldName, Schema } from '../schema/schema.js';
import { DATABASE_STRIDE, MAIN_DATABASE, splitAddress, TEMP_DATABASE, type DatabaseSchema } from '../schema/database-list.js';
import { AttachedDatabase } from './attached-databases.js';
import { attachDatabase, detachDatabase } from './attach.js';
import { builtinCollations } from '../values/collation.js';
import type { VmHost } from '../vm/host.js';
import '../vm/ops/index.js';
import type { Program } from '../vm/program.js';
import { commitConcurrent, ConcurrentWriteTransaction } from './concurrent-transaction.js';
import { integrityCheck } from './integrity.js';
import { ForeignKeyState } from './foreign-key-state.js';
import { pragmaBoolean, PragmaSettings, refuseWriteInQueryOnly } from './pragma-settings.js';
import { StepResult, type PreparedStatement } from './prepared.js';
import { loadSchema, readSchemaCookie } from './schema-loader.js';
import { acquireDatabase, releaseDatabase, type SharedDatabase } from './shared-database.js';
import { StatementImpl } from './statement.js';
import { vacuumInPlace, vacuumInto } from './vacuum.js';
import type { AggregateFunctionDef, Connection, ConnectionOptions, ScalarFunctionDef, WriteLockView } from './types.js';
import { treeFactsOf, WriteRecorder, type TreeFacts } from './write-set.js';

let schemaGenerations = 0;

export class ConnectionImpl implements Connection, VmHost {
  readonly memory: boolean;
  readonly readonly: boolean;
  private shared: SharedDatabase | null;
  private readTxn: ReadTransaction | null = null;
  private writeTxn: WriteTransaction | null = null;
  private autocommit = true;
  /** Statements currently holding a share of the transaction (between their Transaction op and finish). */
  private activeStatements = 0;
  private schemaValue: Schema | null = null;
  /** temp (index 1) and attached databases (2+), by index; see attached-databases.ts. */
  readonly others: (AttachedDatabase | undefined)[] = [];
  /** The schema the compiler sees (every database's objects), rebuilt when one of them changes. */
  private combined: { key: (Schema | number | boolean)[]; schema: Schema } | null = null;
  /** Depths of the statement savepoints open now (innermost last): other databases map theirs to them. */
  private statementDepths: number[] = [];
  private readonly nextGeneration = (): number => ++schemaGenerations;
  /** Unqualified TEMP triggers on tables of other databases: the database found at CREATE (Schema.tempTriggerTarget). */
  private readonly tempTriggerTargets = new Map<string, string>();
  /** The schema generation when the write transaction began: a rollback drops the schema only when it was reloaded since. */
  private schemaGenerationAtWrite = -1;
  private readonly functions = new FunctionRegistry(builtinFunctions());
  /** PRAGMA settings kept per connection (busy_timeout, locking_mode, query_only...): see pragma-settings.ts. */
  readonly settings: PragmaSettings;
  private changesValue = 0;
  private totalChangesValue = 0;
  private lastRowid = 0n;
  private interruptRequested = false;
  /** PRAGMA synchronous, per connection as in SQLite: 0 OFF, 1 NORMAL, 2 FULL (default), 3 EXTRA. */
  private safetyLevel = 2;
  /** Savepoint rollbacks so far: page contents went back, so cursors the VM kept open are stale. */
  private rollbacks = 0;
  /** Named savepoints, innermost last. `depth` is the pager savepoint (null until a write began). */
  private savepoints: { name: string; depth: number | null; startedTransaction: boolean }[] = [];
  /** PRAGMA foreign_keys / defer_foreign_keys and the deferred violation counts. */
  readonly foreignKeyCounters = new ForeignKeyState(() => this.autocommit);
  /** BEGIN CONCURRENT is in effect (until COMMIT/ROLLBACK). */
  private concurrent = false;
  /** The commit-log position of readTxn's snapshot. */
  private readSeq = 0;
  /** The position this connection's concurrent transaction is registered at in the commit log, or null. */
  private enteredSeq: number | null = null;
  /** What the (non-concurrent) write transaction writes, for concurrent transactions' conflict checks. */
  private recorder: WriteRecorder | null = null;
  private facts: { generation: number; byRoot: Map<number, TreeFacts> } | null = null;
  private readonly factsOf = (root: number): TreeFacts | undefined => {
    const schema = this.schemaValue;
    if (!schema) return undefined;
    if (this.facts?.generation !== schema.generation) this.facts = { generation: schema.generation, byRoot: treeFactsOf(schema) };
    return this.facts.byRoot.get(root);
  };

  /** Where VACUUM INTO writes its file (a ":memory:" database still writes a real file). */
  private readonly fileVfs: Vfs;

  constructor(
    readonly path: string,
    options: ConnectionOptions,
  ) {
    this.memory = path === ':memory:' || path === '';
    this.readonly = options.readonly ?? false;
    const vfs: Vfs = options.vfs ?? (this.memory ? memoryVfs() : nodeVfs());
    if (!this.memory && options.fileMustExist && !vfs.exists(path)) throw new SqliteError('unable to open database file', 'SQLITE_CANTOPEN');
    this.shared = acquireDatabase(vfs, path, { readonly: this.readonly, create: !options.fileMustExist, memory: this.memory });
    this.fileVfs = options.vfs ?? nodeVfs();
    const connection = this;
    this.settings = new PragmaSettings({
      get pager() {
        return connection.pager;
      },
      file: this.memory ? '' : (options.vfs ?? nodeVfs()).fullPath(path),
      commitSeq: () => this.commitLog.seq,
    });
    this.settings.busyTimeoutMs = options.busyTimeoutMs ?? 0;
    this.foreignKeyCounters.enabled = options.foreignKeys ?? false;
    this.others[TEMP_DATABASE] = this.newTempDatabase();
    this.mainFile = this.memory ? '' : (options.vfs ?? nodeVfs()).fullPath(path);
    this.attachVfs = options.vfs;
  }

  /** The file PRAGMA database_list reports for main. */
  private readonly mainFile: string;
  /** The VFS ATTACH opens files with (the connection's, else node files). */
  readonly attachVfs: Vfs | undefined;

  // ---- Connection contract ------------------------------------------------------------------

  get isOpen(): boolean {
    return this.shared !== null;
  }
  get inTransaction(): boolean {
    return !this.autocommit;
  }
  get changes(): number {
    return this.changesValue;
  }
  get totalChanges(): number {
    return this.totalChangesValue;
  }
  get lastInsertRowid(): bigint {
    return this.lastRowid;
  }
  get busyTimeoutMs(): number {
    return this.settings.busyTimeoutMs;
  }
  get interrupted(): boolean {
    return this.interruptRequested;
  }
  get schemaGeneration(): number {
    return this.schemaValue ? this.visibleSchema().generation : -1;
  }

  /** Every database's schema as one (Schema.combine), for name resolution; main's must be loaded. */
  private visibleSchema(): Schema {
    const main = this.schemaValue!;
    // Every statement start asks (schemaGeneration): while no database's schema or open state
    // changed, the combined schema is reused without allocating (compared by identity).
    const combined = this.combined;
    if (combined !== null && combined.key[0] === main && this.othersUnchanged(combined.key)) return combined.schema;
    const list: DatabaseSchema[] = [{ name: 'main', index: MAIN_DATABASE, schema: main, file: this.mainFile }];
    const key: (Schema | number | boolean)[] = [main];
    const attached = this.others.filter((db) => db !== undefined && db.index !== TEMP_DATABASE).sort((a, b) => a!.order - b!.order);
    for (const db of this.others) {
      if (!db) continue;
      const schema = db.currentSchema(this.nextGeneration);
      const seq = db.index === TEMP_DATABASE ? TEMP_DATABASE : TEMP_DATABASE + 1 + attached.indexOf(db);
      list[db.index] = { name: db.name, index: db.index, schema, file: db.file, open: db.isOpen, seq };
      key.push(db.index, schema, db.isOpen);
    }
    this.combined = { key, schema: Schema.combine(list, ++schemaGenerations, undefined, this.tempTriggerTargets) };
    return this.combined.schema;
  }

  /** Whether the other databases are the ones in `key` (visibleSchema's), with the same schemas and open states. */
  private othersUnchanged(key: readonly (Schema | number | boolean)[]): boolean {
    let k = 1;
    const others = this.others;
    for (let i = 0; i < others.length; i++) {
      const db = others[i];
      if (!db) continue;
      if (key[k] !== db.index || key[k + 1] !== db.currentSchema(this.nextGeneration) || key[k + 2] !== db.isOpen) return false;
      k += 3;
    }
    return k === key.length;
  }

  /** Database `db` other than main (an address's database), or an internal error. */
  private other(db: number): AttachedDatabase {
    const found = this.others[db];
    if (!found) throw new SqliteError(`internal error: no database ${db}`, 'SQLITE_INTERNAL');
    return found;
  }

  /** The connection's open savepoint depths, outermost first (see attached-databases.ts). */
  private openDepths(): number[] {
    const depths: number[] = [];
    for (const s of this.savepoints) if (s.depth !== null) depths.push(s.depth);
    return [...depths, ...this.statementDepths];
  }

  get writeLock(): WriteLockView {
    if (!this.shared) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
    return this.shared.writeLock;
  }
  get holdsWriteLock(): boolean {
    return this.writeTxn !== null && this.writeTxn.active && !(this.writeTxn instanceof ConcurrentWriteTransaction);
  }
  /** true inside BEGIN CONCURRENT: writes need no lock until COMMIT. */
  get inConcurrentTransaction(): boolean {
    return this.concurrent;
  }

  private get pager() {
    if (!this.shared) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
    return this.shared.pager;
  }

  prepare(sql: string): { statement: PreparedStatement | null; tail: string } {
    void this.pager; // throws when closed
    const parsed = parseStatement(sql);
    if (!parsed) return { statement: null, tail: '' };
    const program = this.compile(parsed, sql);
    const text = sql.slice(parsed.statement.start, parsed.statement.end);
    return { statement: new StatementImpl(this, text, parsed, sql, program), tail: sql.slice(parsed.tail) };
  }

  /** Compiles a parsed statement against the current schema (reading it first when needed). */
  compile(parsed: ParsedStatement, sql: string): Program {
    if (!this.readTxn) {
      const read = this.pager.beginRead();
      try {
        this.ensureSchema(read);
      } finally {
        read.end();
      }
    }
    const context: CompileContext = {
      schema: this.visibleSchema(),
      functions: this.functions,
      sql,
      parameters: parsed.parameters,
      collations: builtinCollations,
      memory: this.memory,
      ignoreCheckConstraints: this.settings.ignoreCheckConstraints,
      legacyAlterTable: this.settings.legacyAlterTable,
      countChanges: this.settings.countChanges,
      columnNames: this.settings.fullColumnNames || !this.settings.shortColumnNames ? { full: this.settings.fullColumnNames, short: this.settings.shortColumnNames } : undefined,
      foreignKeys: this.foreignKeyCounters.enabled ? { deferAll: this.foreignKeyCounters.deferAll } : undefined,
    };
    return compileStatement(context, parsed.statement);
  }

  exec(sql: string): void {
    let rest = sql;
    for (;;) {
      const { statement, tail } = this.prepare(rest);
      if (!statement) return;
      try {
        for (;;) {
          const result = statement.step();
          if (result === StepResult.Done) break;
          if (result === StepResult.Busy) throw new SqliteError('database is locked', 'SQLITE_BUSY');
        }
      } finally {
        statement.finalize();
      }
      rest = tail;
    }
  }

  createFunction(def: ScalarFunctionDef): void {
    this.functions.addScalar({ name: def.name, argCount: def.argCount, deterministic: def.deterministic, invoke: (args) => def.invoke(args) });
  }

  createAggregate(def: AggregateFunctionDef): void {
    this.functions.addAggregate({
      name: def.name,
      argCount: def.argCount,
      start: () => def.start(),
      step: (state, args) => def.step(state, args),
      result: (state) => def.result(state),
      ...(def.inverse ? { inverse: (state: unknown, args: readonly SqlValue[]) => def.inverse!(state, args) } : {}),
    });
  }

  interrupt(): void {
    if (this.activeStatements > 0) this.interruptRequested = true;
  }

  close(): void {
    if (!this.shared) return;
    this.settings.release(this.shared);
    this.writeTxn?.rollback();
    this.writeTxn = null;
    this.readTxn?.end();
    this.readTxn = null;
    this.leaveCommitLog();
    this.concurrent = false;
    for (const db of this.others) db?.close();
    this.others.length = 0;
    const shared = this.shared;
    this.shared = null;
    releaseDatabase(shared);
  }

  // ---- VmHost: transactions -----------------------------------------------------------------

  /** VACUUM (into = null) or VACUUM INTO: runs alone, in its own transaction (engine/vacuum.ts). */
  private vacuum(into: SqlValue | undefined): void {
    if (into !== undefined && typeof into !== 'string') throw new SqliteError('non-text filename');
    if (!this.autocommit) throw new SqliteError('cannot VACUUM from within a transaction');
    if (this.activeStatements > 0) throw new SqliteError('cannot VACUUM - SQL statements in progress');
    const read = this.pager.beginRead();
    try {
      this.ensureSchema(read);
      if (into !== undefined) return vacuumInto(read, this.schemaValue!, this.fileVfs, into);
      if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
      if (read.pageCount() === 0) return;
      const writer = this.pager.tryBeginWrite(read);
      if (!writer) throw new SqliteError('database is locked', 'SQLITE_BUSY');
      try {
        vacuumInPlace(writer, this.schemaValue!);
        writer.commit();
      } finally {
        if (writer.active) writer.rollback();
      }
    } finally {
      read.end();
    }
  }

  private ensureSchema(source: PageSource): void {
    const cookie = readSchemaCookie(source);
    if (this.schemaValue && this.schemaValue.cookie === cookie && source.pageCount() > 0) return;
    if (this.schemaValue && source.pageCount() === 0 && this.schemaValue.cookie === 0) return;
    this.schemaValue = loadSchema(source, ++schemaGenerations);
  }

  private get source(): PageSource {
    const source = this.writeTxn ?? this.readTxn;
    if (!source) throw new SqliteError('internal error: no transaction', 'SQLITE_INTERNAL');
    return source;
  }

  private get sink(): WriteTransaction {
    if (!this.writeTxn) throw new SqliteError('internal error: no write transaction', 'SQLITE_INTERNAL');
    return this.writeTxn;
  }

  /** Whether another connection holds the write lock (asked only when taking an exclusive hold). */
  private readonly writerElsewhere = (): boolean => this.shared !== null && this.shared.writeLock.held && !this.holdsWriteLock;

  beginTransaction(write: boolean): boolean {
    if (write) refuseWriteInQueryOnly(this.settings);
    // Held by a connection of this thread, the database cannot be released by waiting: busy at once.
    if (this.shared && !this.settings.acquire(this.shared, this.writerElsewhere)) throw new SqliteError('database is locked', 'SQLITE_BUSY');
    if (!this.readTxn) {
      this.readTxn = this.pager.beginRead();
      this.readSeq = this.commitLog.seq;
      if (this.concurrent) this.enterCommitLog();
      this.ensureSchema(this.readTxn);
      // Files other connections may change start their snapshot with main's (private ones on first use).
      for (const db of this.others) if (db && !db.isPrivate) db.beginRead(this.nextGeneration);
    }
    if (write && this.concurrent && this.others.some((db) => db && db.index !== TEMP_DATABASE)) throw unsupported('BEGIN CONCURRENT with attached databases');
    if (write && !this.writeTxn && this.concurrent) {
      if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
      this.writeTxn = new ConcurrentWriteTransaction(this.pager.beginPrivateWrite(this.readTxn), this.factsOf);
      this.schemaGenerationAtWrite = this.schemaGeneration;
      if (this.savepoints.some((s) => s.depth === null)) {
        const depth = this.writeTxn.savepoint();
        for (const s of this.savepoints) if (s.depth === null) s.depth = depth;
      }
    } else if (write && !this.writeTxn) {
      if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
      const writer = this.pager.tryBeginWrite(this.readTxn);
      if (!writer) {
        if (this.autocommit && this.activeStatements === 0) {
          // Let the retry start from a fresh snapshot (another writer is about to commit).
          this.readTxn.end();
          this.readTxn = null;
        }
        return false;
      }
      this.writeTxn = writer;
      this.schemaGenerationAtWrite = this.schemaGeneration;
      // Rows are tracked only while concurrent transactions exist (they are what needs them).
      this.recorder = new WriteRecorder(this.factsOf, this.commitLog.concurrentLive, null);
      if (this.readTxn.pageCount() === 0) formatEmptyDatabase(writer);
      // Savepoints opened before the first write all roll back to the start of the write.
      if (this.savepoints.some((s) => s.depth === null)) {
        const depth = writer.savepoint();
        for (const s of this.savepoints) if (s.depth === null) s.depth = depth;
      }
    }
    this.activeStatements++;
    return true;
  }

  /**
   * What a btree cursor opened now would read through: the VM may keep a statement's cursors open
   * between runs while this and savepointRollbacks stay the same (same transaction, pages unchanged
   * behind the cursors' backs).
   */
  cursorScope(write: boolean): object | null {
    return write ? this.writeTxn : (this.writeTxn ?? this.readTxn);
  }

  get savepointRollbacks(): number {
    return this.rollbacks;
  }

  statementSavepoint(): number {
    const depth = this.sink.savepoint();
    this.foreignKeyCounters.mark(depth);
    for (const db of this.others) db?.savepoint(depth);
    this.statementDepths.push(depth);
    return depth;
  }

  endStatementSavepoint(depth: number, success: boolean): void {
    const writer = this.writeTxn;
    if (!writer || !writer.active) return;
    const at = this.statementDepths.lastIndexOf(depth);
    if (at >= 0) this.statementDepths.length = at;
    if (!success) {
      this.rollbacks++;
      rollbackPagesTo(writer, depth);
      this.foreignKeyCounters.rollbackTo(depth);
      for (const db of this.others) db?.rollbackTo(depth, this.nextGeneration);
    }
    this.foreignKeyCounters.release(depth);
    writer.release(depth);
    for (const db of this.others) db?.release(depth);
  }

  statementFinished(success: boolean, changes: number | null): void {
    if (this.activeStatements > 0) this.activeStatements--;
    if (changes !== null) {
      // A failed INSERT/UPDATE/DELETE was rolled back: it changed nothing.
      this.changesValue = success ? changes : 0;
      if (success) this.totalChangesValue += changes;
    }
    if (this.activeStatements > 0) return;
    this.interruptRequested = false;
    // A statement reset before its end (and its FkCheck) must not commit deferred violations.
    if (this.autocommit) this.endTransaction(success && this.foreignKeyCounters.committable);
    else if (!success && this.writeTxn && this.schemaValue) {
      // A failed DDL statement may have reloaded the schema from rolled-back rows.
      this.reloadSchemaIfChanged();
    }
  }

  private endTransaction(commit: boolean): void {
    this.savepoints = [];
    this.statementDepths = [];
    this.foreignKeyCounters.transactionEnded();
    const writer = this.writeTxn;
    const recorder = this.recorder;
    this.writeTxn = null;
    this.recorder = null;
    try {
      if (writer?.active) {
        if (commit) {
          // The pager is shared by the file's connections; each commit syncs as its own connection asks.
          if (!this.memory) this.pager.synchronous = this.synchronousMode();
          writer.commit();
          this.commitLog.recordCommit(recorder?.writes ?? null, recorder?.trackKeys ?? false);
          this.settings.noteOwnCommit();
        }
        else writer.rollback();
      }
    } finally {
      // Then every other database, one after the other (see AttachedDatabase.end on atomicity).
      for (const db of this.others) db?.end(commit, this.synchronousMode());
      this.readTxn?.end();
      this.readTxn = null;
      this.leaveCommitLog();
      this.concurrent = false;
      // A schema (re)loaded from the rolled-back pages must go; the one from before the write is still right.
      if (writer && !commit && this.schemaGeneration !== this.schemaGenerationAtWrite) this.schemaValue = null;
    }
  }

  private synchronousMode(): 'off' | 'normal' | 'full' {
    return this.safetyLevel === 0 ? 'off' : this.safetyLevel === 1 ? 'normal' : 'full';
  }

  private get commitLog() {
    if (!this.shared) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
    return this.shared.commitLog;
  }

  private enterCommitLog(): void {
    if (this.enteredSeq !== null) return;
    this.enteredSeq = this.readSeq;
    this.commitLog.enter(this.readSeq);
  }

  private leaveCommitLog(): void {
    if (this.enteredSeq === null || !this.shared) return;
    this.shared.commitLog.leave(this.enteredSeq);
    this.enteredSeq = null;
  }

  /**
   * COMMIT of a BEGIN CONCURRENT transaction: false (nothing changed, still in the transaction) while
   * another connection holds the write lock; a lost conflict rolls the transaction back and throws.
   */
  private commitConcurrentTransaction(): boolean {
    const writer = this.writeTxn;
    if (!(writer instanceof ConcurrentWriteTransaction) || !writer.active) {
      this.autocommit = true;
      this.endTransaction(true);
      return true;
    }
    let committed: boolean;
    try {
      committed = commitConcurrent({
        pager: this.pager,
        log: this.commitLog,
        transaction: writer,
        snapshot: this.readTxn!,
        snapshotSeq: this.readSeq,
        facts: this.factsOf,
        synchronous: this.memory ? 'off' : this.synchronousMode(),
      });
    } catch (error) {
      this.autocommit = true;
      this.endTransaction(false);
      throw error;
    }
    if (!committed) return false;
    this.autocommit = true;
    this.endTransaction(true);
    return true;
  }

  private reloadSchemaIfChanged(): void {
    const source = this.source;
    if (readSchemaCookie(source) !== this.schemaValue?.cookie) this.schemaValue = loadSchema(source, ++schemaGenerations);
  }

  private savepointOperation(operation: string, name: string): void {
    if (operation === 'savepoint') {
      const startedTransaction = this.autocommit;
      this.autocommit = false;
      const entry = { name, depth: this.writeTxn ? this.writeTxn.savepoint() : null, startedTransaction };
      if (entry.depth !== null) for (const db of this.others) db?.savepoint(entry.depth);
      this.savepoints.push(entry);
      this.foreignKeyCounters.mark(entry);
      return;
    }
    const folded = name.toLowerCase();
    let index = -1;
    for (let i = this.savepoints.length - 1; i >= 0; i--) {
      if (this.savepoints[i]!.name.toLowerCase() === folded) {
        index = i;
        break;
      }
    }
    if (index < 0) throw new SqliteError(`no such savepoint: ${name}`);
    const target = this.savepoints[index]!;
    const writer = this.writeTxn;
    if (operation === 'release') {
      if (index === 0 && target.startedTransaction) {
        // Releasing the outermost savepoint commits: refused, as COMMIT is, with deferred FK violations.
        this.foreignKeyCounters.assertCommittable();
        this.autocommit = true;
        this.endTransaction(true);
        return;
      }
      if (writer && target.depth !== null && !this.savepoints.slice(0, index).some((s) => s.depth === target.depth)) {
        writer.release(target.depth);
        for (const db of this.others) db?.release(target.depth);
      }
      this.savepoints.length = index;
      return;
    }
    // ROLLBACK TO: undo everything since the savepoint, keep it (and the transaction) open.
    if (writer && target.depth !== null) {
      this.rollbacks++;
      rollbackPagesTo(writer, target.depth);
      this.reloadSchemaIfChanged();
      for (const db of this.others) db?.rollbackTo(target.depth, this.nextGeneration);
    }
    this.foreignKeyCounters.rollbackTo(target);
    this.savepoints.length = index + 1;
  }

  abortTransaction(): void {
    if (this.autocommit) return;
    this.autocommit = true;
    this.endTransaction(false);
  }

  setAutocommit(enable: boolean, rollback: boolean, mode: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE' | 'CONCURRENT' | null = null): boolean {
    if (!enable) {
      if (!this.autocommit) throw new SqliteError('cannot start a transaction within a transaction');
      this.autocommit = false;
      if (mode === 'CONCURRENT') {
        this.concurrent = true;
        if (this.readTxn) this.enterCommitLog();
      }
      return true;
    }
    if (this.autocommit) {
      // SQLite ends the failed statement as a rollback, which switches defer_foreign_keys off.
      this.foreignKeyCounters.transactionEnded();
      throw new SqliteError(rollback ? 'cannot rollback - no transaction is active' : 'cannot commit - no transaction is active');
    }
    if (!rollback) this.foreignKeyCounters.assertCommittable();
    if (this.concurrent && !rollback) return this.commitConcurrentTransaction();
    this.autocommit = true;
    this.endTransaction(!rollback);
    return true;
  }

  // ---- VmHost: storage ----------------------------------------------------------------------

  openCursor(rootPage: number, keyInfo: KeyInfo | null, write: boolean): BtreeCursor {
    if (rootPage >= DATABASE_STRIDE) return this.openOtherCursor(rootPage, keyInfo, write);
    const source = write ? this.sink : this.source;
    if (source.pageCount() === 0) return emptyCursor(rootPage, keyInfo !== null);
    const cursor = keyInfo ? openIndexCursor(source, rootPage, keyInfo) : openTableCursor(source, rootPage);
    const recorder = write ? this.writeRecorder : null;
    return recorder ? recorder.wrap(cursor, keyInfo) : cursor;
  }

  /** A cursor on a tree of temp or an attached database (rootPage is an address: schema/database-list.ts). */
  private openOtherCursor(rootPage: number, keyInfo: KeyInfo | null, write: boolean): BtreeCursor {
    const { db, n } = splitAddress(rootPage);
    const source = this.otherSource(db, write);
    if (source.pageCount() === 0) return emptyCursor(rootPage, keyInfo !== null);
    return keyInfo ? openIndexCursor(source, n, keyInfo) : openTableCursor(source, n);
  }

  private otherSource(db: number, write: boolean): PageSource {
    const other = this.other(db);
    if (write) {
      void this.sink; // a write statement holds main's write transaction: it numbers the savepoints
      return other.sink(this.nextGeneration, this.openDepths());
    }
    return other.source(this.nextGeneration);
  }

  private get writeRecorder(): WriteRecorder | null {
    const writer = this.writeTxn;
    return writer instanceof ConcurrentWriteTransaction ? writer.recorder : this.recorder;
  }

  /** A concurrent transaction changes rows only: its COMMIT re-applies row operations, never pages of the schema. */
  private refuseInConcurrent(): void {
    if (this.writeTxn instanceof ConcurrentWriteTransaction) throw unsupported('schema or header changes in a BEGIN CONCURRENT transaction');
  }

  createTree(isIndex: boolean, database = MAIN_DATABASE): number {
    this.refuseInConcurrent();
    if (database !== MAIN_DATABASE) return createTree(this.otherSource(database, true) as WriteTransaction, isIndex ? 'index' : 'table');
    return createTree(this.sink, isIndex ? 'index' : 'table');
  }

  dropTree(rootPage: number): void {
    this.refuseInConcurrent();
    const { db, n } = splitAddress(rootPage);
    if (db !== MAIN_DATABASE) return dropTree(this.otherSource(db, true) as WriteTransaction, n);
    dropTree(this.sink, rootPage);
  }

  clearTree(rootPage: number): void {
    const { db, n } = splitAddress(rootPage);
    if (db !== MAIN_DATABASE) return clearTree(this.otherSource(db, true) as WriteTransaction, n);
    const sink = this.sink;
    this.writeRecorder?.treeCleared(rootPage);
    clearTree(sink, rootPage);
  }

  claimRowid(rootPage: number, candidate: bigint): bigint {
    if (rootPage >= DATABASE_STRIDE) return candidate;
    return this.commitLog.claimRowid(rootPage, candidate);
  }

  readHeaderField(address: number): number {
    const { db, n: offset } = splitAddress(address);
    const source = db === MAIN_DATABASE ? this.source : this.otherSource(db, false);
    if (source.pageCount() === 0) return 0;
    const p = source.getPage(1);
    return ((p[offset]! << 24) | (p[offset + 1]! << 16) | (p[offset + 2]! << 8) | p[offset + 3]!) | 0;
  }

  writeHeaderField(address: number, value: number): void {
    this.refuseInConcurrent();
    const { db, n: offset } = splitAddress(address);
    const p = (db === MAIN_DATABASE ? this.sink : (this.otherSource(db, true) as WriteTransaction)).getWritable(1);
    p[offset] = (value >>> 24) & 0xff;
    p[offset + 1] = (value >>> 16) & 0xff;
    p[offset + 2] = (value >>> 8) & 0xff;
    p[offset + 3] = value & 0xff;
  }

  /** pragma_foreign_key_check(): the rows PRAGMA foreign_key_check gives, run as a nested statement. */
  private foreignKeyCheckRows(table: SqlValue): SqlValue[][] {
    const target = table === null ? '' : `("${String(table).replace(/"/g, '""')}")`;
    const { statement } = this.prepare(`PRAGMA foreign_key_check${target}`);
    if (!statement) return [];
    const rows: SqlValue[][] = [];
    try {
      for (;;) {
        const result = statement.step();
        if (result === StepResult.Row) rows.push(statement.row().slice());
        else if (result === StepResult.Done) break;
        else throw new SqliteError('database is locked', 'SQLITE_BUSY');
      }
    } finally {
      statement.finalize();
    }
    return rows;
  }

  /** A setting that changes compiled code changed: prepared statements recompile before their next run (SQLite's OP_Expire). */
  private expireStatements(): void {
    if (this.readTxn || this.writeTxn) this.schemaValue = loadSchema(this.source, ++schemaGenerations);
    else this.schemaValue = null;
  }

  reloadSchema(database = MAIN_DATABASE): void {
    if (database !== MAIN_DATABASE) return this.other(database).reloadSchema(this.nextGeneration);
    this.schemaValue = loadSchema(this.source, ++schemaGenerations);
  }

  countChange(): void {
    // Counted per statement in statementFinished (a rolled-back statement changes nothing).
  }

  setLastInsertRowid(rowid: bigint): void {
    this.lastRowid = rowid;
  }

  setChanges(count: number): void {
    this.changesValue = count;
    this.totalChangesValue += count;
  }

  restoreChanges(count: number): void {
    this.changesValue = count;
  }

  /** A different temp_store discards the temp database, which must not be in a transaction (SQLite's invalidateTempStorage). */
  private changeTempStore(value: SqlValue): SqlValue {
    const before = this.settings.call('temp_store', null) as SqlValue;
    const result = (this.settings.call('temp_store', value) ?? null) as SqlValue;
    const temp = this.others[TEMP_DATABASE];
    if (temp?.isOpen && this.settings.call('temp_store', null) !== before) {
      if (!this.autocommit || temp.inTransaction) {
        this.settings.call('temp_store', before);
        throw new SqliteError('temporary storage cannot be changed from within a transaction');
      }
      temp.close();
      this.tempTriggerTargets.clear();
      this.others[TEMP_DATABASE] = this.newTempDatabase();
    }
    return result;
  }

  private newTempDatabase(): AttachedDatabase {
    return new AttachedDatabase('temp', TEMP_DATABASE, null, () => acquireDatabase(memoryVfs(), ':memory:', { readonly: false, create: true, memory: true }), '', false, true);
  }

  /** PRAGMA recursive_triggers (off by default, as in SQLite). */
  recursiveTriggers = false;

  call(name: string, args: readonly SqlValue[]): SqlValue | SqlValue[][] {
    const pager = this.pager;
    const arg = args[0] ?? null;
    switch (name) {
      case 'integrity_check':
      case 'quick_check': {
        const limit = typeof arg === 'bigint' && arg > 0n ? Number(arg) : 100;
        // args[2]: the database (PRAGMA temp.integrity_check), main by default.
        const db = typeof args[2] === 'bigint' ? Number(args[2]) : MAIN_DATABASE;
        const schema = db === MAIN_DATABASE ? this.schemaValue! : this.other(db).currentSchema(this.nextGeneration);
        const source = db === MAIN_DATABASE ? this.source : this.otherSource(db, false);
        const only = typeof args[1] === 'string' ? schema.table(args[1]) : undefined;
        return integrityCheck(source, schema, limit, name === 'quick_check', only).map((m) => [m]);
      }
      case 'page_size':
        if (arg !== null) {
          const size = Number(arg);
          try {
            pager.setPageSize(size);
          } catch {
            // SQLite ignores a page size it cannot apply (invalid, or the database is not empty).
          }
          return null;
        }
        return BigInt(pager.pageSize);
      case 'page_count':
        return BigInt(this.readTxn || this.writeTxn ? this.source.pageCount() : pager.pageCount);
      case 'cache_size':
        if (arg !== null) {
          pager.setCacheSize(Number(arg));
          return null;
        }
        return BigInt(pager.cacheSize);
      case 'synchronous':
        if (arg === null) return BigInt(this.safetyLevel);
        if (!this.autocommit) throw new SqliteError('Safety level may not be changed inside a transaction');
        this.safetyLevel = safetyLevelOf(String(arg));
        return null;
      case 'journal_mode': {
        if (arg !== null) {
          const mode = String(arg).toLowerCase();
          if (mode !== 'wal' && mode !== pager.journalMode && !(this.memory && mode === 'memory')) {
            throw unsupported(`journal_mode=${mode} (Tandem always uses WAL)`);
          }
        }
        return pager.journalMode;
      }
      case 'foreign_keys':
      case 'defer_foreign_keys': {
        const result = this.foreignKeyCounters.pragma(name, arg === null ? null : arg !== 0n);
        if (typeof result === 'bigint') return result;
        // The setting changes the code statements compile to: prepared ones are compiled again.
        if (result) this.expireStatements();
        return null;
      }
      case 'recursive_triggers':
        if (arg === null) return this.recursiveTriggers ? 1n : 0n;
        this.recursiveTriggers = arg !== 0n;
        return null;
      case 'vacuum':
        this.vacuum(args.length > 0 ? args[0]! : undefined);
        return null;
      case 'savepoint':
      case 'release':
      case 'rollback_to':
        this.savepointOperation(name, String(arg));
        return null;
      case 'foreign_key_check_rows':
        return this.foreignKeyCheckRows(arg);
      case 'temp_store':
        if (arg !== null) return this.changeTempStore(arg);
        return this.settings.call(name, arg) ?? null;
      case 'temp_trigger_target':
        this.tempTriggerTargets.set(foldName(String(arg)), String(args[1]));
        return null;
      case 'attach':
        attachDatabase(this, args[0] ?? null, args[1] ?? null);
        return null;
      case 'detach':
        detachDatabase(this, arg);
        return null;
      case 'case_sensitive_like':
        if (arg !== null) {
          registerCaseSensitiveLike(this.functions, pragmaBoolean(arg));
          this.expireStatements();
        }
        return this.settings.call(name, arg) ?? null;
      default: {
        const result = this.settings.call(name, arg);
        if (result === undefined) throw new SqliteError(`internal error: unknown host call ${name}`, 'SQLITE_INTERNAL');
        if (arg !== null && (name === 'ignore_check_constraints' || name === 'legacy_alter_table')) this.expireStatements();
        return result;
      }
    }
  }
}

/** SQLite's getSafetyLevel: a number as written, OFF/NORMAL/FULL/EXTRA (and on/yes/true, off/no/false), else NORMAL. */
function safetyLevelOf(text: string): number {
  const word = text.trim().toLowerCase();
  if (/^\d/.test(word)) return Number.parseInt(word, 10);
  const named: Record<string, number> = { off: 0, no: 0, false: 0, normal: 1, on: 1, yes: 1, true: 1, full: 2, extra: 3 };
  return named[word] ?? 1;
}

/** A cursor over a tree of a database that has no pages yet: always empty. */
function emptyCursor(rootPage: number, isIndex: boolean): BtreeCursor {
  const none = (): never => {
    throw new SqliteError('internal error: empty database cursor has no entry', 'SQLITE_INTERNAL');
  };
  return {
    rootPage,
    isIndex,
    eof: true,
    first: () => false,
    last: () => false,
    next: () => false,
    prev: () => false,
    seekRowid: () => -1,
    seekIndex: () => -1,
    rowid: none,
    payload: none,
    insert: none,
    insertIndex: none,
    delete: none,
  };
}

/** Opens a connection to the database at `path` (":memory:" or "" for a private in-memory one). */
export function openConnection(path: string, options: ConnectionOptions = {}): Connection {
  return new ConnectionImpl(path, options);
}

/**
 * Puts the pages back as they were at savepoint `depth`. Every cursor still open on the
 * transaction (an iterating statement's, or one kept for reuse by a statement that finished)
 * first saves its key, so it re-seeks afterwards instead of reading a page that changed under it
 * (SQLite saves its cursors before a savepoint rollback the same way).
 */
function rollbackPagesTo(writer: WriteTransaction, depth: number): void {
  saveOtherCursors(writer, 0, null);
  writer.rollbackTo(depth);
}
