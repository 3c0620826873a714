// The Connection: owns the transaction state of one database connection (autocommit, the read
// snapshot, the write transaction), the schema it sees, its functions and change counters. It is
// also the VmHost its statements run against.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { clearTree, createTree, dropTree, formatEmptyDatabase, openIndexCursor, openTableCursor } from '../btree/btree.js';
import type { BtreeCursor, KeyInfo } from '../btree/types.js';
import { compileStatement } from '../compiler/compile.js';
import type { CompileContext } from '../compiler/context.js';
import { builtinFunctions } from '../functions/builtins.js';
import { FunctionRegistry } from '../functions/registry.js';
import { memoryVfs } from '../os/memory-vfs.js';
import { nodeVfs } from '../os/node-vfs.js';
import type { Vfs } from '../os/vfs.js';
import type { PageSource, ReadTransaction, WriteTransaction } from '../pager/types.js';
import type { ParsedStatement } from '../parser/ast.js';
import { parseStatement } from '../parser/parser.js';
import type { Schema } from '../schema/schema.js';
import { builtinCollations } from '../values/collation.js';
import type { VmHost } from '../vm/host.js';
import '../vm/ops/index.js';
import type { Program } from '../vm/program.js';
import { integrityCheck } from './integrity.js';
import { StepResult, type PreparedStatement } from './prepared.js';
import { loadSchema, readSchemaCookie } from './schema-loader.js';
import { acquireDatabase, releaseDatabase, type SharedDatabase } from './shared-database.js';
import { StatementImpl } from './statement.js';
import type { AggregateFunctionDef, Connection, ConnectionOptions, ScalarFunctionDef, WriteLockView } from './types.js';

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
  private readonly functions = new FunctionRegistry(builtinFunctions());
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

  constructor(
    readonly path: string,
    options: ConnectionOptions,
  ) {
    this.memory = path === ':memory:' || path === '';
    this.readonly = options.readonly ?? false;
    const vfs: Vfs = options.vfs ?? (this.memory ? memoryVfs() : nodeVfs());
    if (!this.memory && options.fileMustExist && !vfs.exists(path)) throw new SqliteError('unable to open database file', 'SQLITE_CANTOPEN');
    this.shared = acquireDatabase(vfs, path, { readonly: this.readonly, create: !options.fileMustExist, memory: this.memory });
  }

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
  get interrupted(): boolean {
    return this.interruptRequested;
  }
  get schemaGeneration(): number {
    return this.schemaValue?.generation ?? -1;
  }

  get writeLock(): WriteLockView {
    if (!this.shared) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
    return this.shared.writeLock;
  }
  get holdsWriteLock(): boolean {
    return this.writeTxn !== null && this.writeTxn.active;
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
      schema: this.schemaValue!,
      functions: this.functions,
      sql,
      parameters: parsed.parameters,
      collations: builtinCollations,
      memory: this.memory,
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
    });
  }

  interrupt(): void {
    if (this.activeStatements > 0) this.interruptRequested = true;
  }

  close(): void {
    if (!this.shared) return;
    this.writeTxn?.rollback();
    this.writeTxn = null;
    this.readTxn?.end();
    this.readTxn = null;
    const shared = this.shared;
    this.shared = null;
    releaseDatabase(shared);
  }

  // ---- VmHost: transactions -----------------------------------------------------------------

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

  beginTransaction(write: boolean): boolean {
    if (!this.readTxn) {
      this.readTxn = this.pager.beginRead();
      this.ensureSchema(this.readTxn);
    }
    if (write && !this.writeTxn) {
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
    return this.sink.savepoint();
  }

  endStatementSavepoint(depth: number, success: boolean): void {
    const writer = this.writeTxn;
    if (!writer || !writer.active) return;
    if (!success) {
      this.rollbacks++;
      writer.rollbackTo(depth);
    }
    writer.release(depth);
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
    if (this.autocommit) this.endTransaction(success);
    else if (!success && this.writeTxn && this.schemaValue) {
      // A failed DDL statement may have reloaded the schema from rolled-back rows.
      this.reloadSchemaIfChanged();
    }
  }

  private endTransaction(commit: boolean): void {
    this.savepoints = [];
    const writer = this.writeTxn;
    this.writeTxn = null;
    try {
      if (writer?.active) {
        if (commit) {
          // The pager is shared by the file's connections; each commit syncs as its own connection asks.
          if (!this.memory) this.pager.synchronous = this.safetyLevel === 0 ? 'off' : this.safetyLevel === 1 ? 'normal' : 'full';
          writer.commit();
        }
        else writer.rollback();
      }
    } finally {
      this.readTxn?.end();
      this.readTxn = null;
      if (writer && !commit) this.schemaValue = null;
    }
  }

  private reloadSchemaIfChanged(): void {
    const source = this.source;
    if (readSchemaCookie(source) !== this.schemaValue?.cookie) this.schemaValue = loadSchema(source, ++schemaGenerations);
  }

  private savepointOperation(operation: string, name: string): void {
    if (operation === 'savepoint') {
      const startedTransaction = this.autocommit;
      this.autocommit = false;
      this.savepoints.push({ name, depth: this.writeTxn ? this.writeTxn.savepoint() : null, startedTransaction });
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
        this.autocommit = true;
        this.endTransaction(true);
        return;
      }
      if (writer && target.depth !== null && !this.savepoints.slice(0, index).some((s) => s.depth === target.depth)) writer.release(target.depth);
      this.savepoints.length = index;
      return;
    }
    // ROLLBACK TO: undo everything since the savepoint, keep it (and the transaction) open.
    if (writer && target.depth !== null) {
      this.rollbacks++;
      writer.rollbackTo(target.depth);
      this.reloadSchemaIfChanged();
    }
    this.savepoints.length = index + 1;
  }

  abortTransaction(): void {
    if (this.autocommit) return;
    this.autocommit = true;
    this.endTransaction(false);
  }

  setAutocommit(enable: boolean, rollback: boolean): void {
    if (!enable) {
      if (!this.autocommit) throw new SqliteError('cannot start a transaction within a transaction');
      this.autocommit = false;
      return;
    }
    if (this.autocommit) {
      throw new SqliteError(rollback ? 'cannot rollback - no transaction is active' : 'cannot commit - no transaction is active');
    }
    this.autocommit = true;
    this.endTransaction(!rollback);
  }

  // ---- VmHost: storage ----------------------------------------------------------------------

  openCursor(rootPage: number, keyInfo: KeyInfo | null, write: boolean): BtreeCursor {
    const source = write ? this.sink : this.source;
    if (source.pageCount() === 0) return emptyCursor(rootPage, keyInfo !== null);
    return keyInfo ? openIndexCursor(source, rootPage, keyInfo) : openTableCursor(source, rootPage);
  }

  createTree(isIndex: boolean): number {
    return createTree(this.sink, isIndex ? 'index' : 'table');
  }

  dropTree(rootPage: number): void {
    dropTree(this.sink, rootPage);
  }

  clearTree(rootPage: number): void {
    clearTree(this.sink, rootPage);
  }

  readHeaderField(offset: number): number {
    const source = this.source;
    if (source.pageCount() === 0) return 0;
    const p = source.getPage(1);
    return ((p[offset]! << 24) | (p[offset + 1]! << 16) | (p[offset + 2]! << 8) | p[offset + 3]!) | 0;
  }

  writeHeaderField(offset: number, value: number): void {
    const p = this.sink.getWritable(1);
    p[offset] = (value >>> 24) & 0xff;
    p[offset + 1] = (value >>> 16) & 0xff;
    p[offset + 2] = (value >>> 8) & 0xff;
    p[offset + 3] = value & 0xff;
  }

  reloadSchema(): void {
    this.schemaValue = loadSchema(this.source, ++schemaGenerations);
  }

  countChange(): void {
    // Counted per statement in statementFinished (a rolled-back statement changes nothing).
  }

  setLastInsertRowid(rowid: bigint): void {
    this.lastRowid = rowid;
  }

  call(name: string, args: readonly SqlValue[]): SqlValue | SqlValue[][] {
    const pager = this.pager;
    const arg = args[0] ?? null;
    switch (name) {
      case 'integrity_check':
      case 'quick_check': {
        const limit = typeof arg === 'bigint' && arg > 0n ? Number(arg) : 100;
        return integrityCheck(this.source, this.schemaValue!, limit, name === 'quick_check').map((m) => [m]);
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
      case 'savepoint':
      case 'release':
      case 'rollback_to':
        this.savepointOperation(name, String(arg));
        return null;
      default:
        throw new SqliteError(`internal error: unknown host call ${name}`, 'SQLITE_INTERNAL');
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
