// A Connection (engine/types.ts contract) implemented on better-sqlite3, for testing the API layer on
// its own: with SQLite underneath, any difference between `Tandem API over this connection` and
// `better-sqlite3 directly` is a bug of the API layer (binding, row shapes, busy rules, transactions...).
// Values follow the engine's representation: bigint INTEGER, number REAL, Uint8Array BLOB.

import BetterSqlite3 from 'better-sqlite3';
import { SqliteError, type ResultCodeName } from '../../../src/common/errors.js';
import type { SqlValue } from '../../../src/common/values.js';
import { StepResult, type PreparedStatement, type ResultColumn } from '../../../src/engine/prepared.js';
import type { AggregateFunctionDef, Connection, ConnectionOptions, ScalarFunctionDef } from '../../../src/engine/types.js';
import { scanFirstStatement } from './sql-scan.js';

/** Runs `body`, turning better-sqlite3's SqliteError into the engine's (other exceptions pass through). */
function translated<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError) throw new SqliteError(error.message, error.code as ResultCodeName);
    throw error;
  }
}

function withLength<F extends (...args: never[]) => unknown>(fn: F, length: number): F {
  Object.defineProperty(fn, 'length', { value: length });
  return fn;
}

class OraclePrepared implements PreparedStatement {
  readonly returnsRows: boolean;
  readonly readonly: boolean;
  readonly columns: readonly ResultColumn[];
  readonly parameterCount: number;
  private readonly values: SqlValue[];
  private iterator: IterableIterator<SqlValue[]> | null = null;
  private current: SqlValue[] = [];
  private finished = false;

  constructor(
    private readonly connection: OracleConnection,
    private readonly statement: BetterSqlite3.Statement,
    readonly sql: string,
    private readonly names: (string | null)[],
  ) {
    this.returnsRows = statement.reader;
    this.readonly = statement.readonly;
    this.columns = statement.reader ? statement.columns() : [];
    this.parameterCount = names.length;
    this.values = names.map(() => null);
    if (statement.reader) statement.raw(true).safeIntegers(true);
    else statement.safeIntegers(true);
  }

  parameterName(index: number): string | null {
    return this.names[index - 1] ?? null;
  }

  bind(index: number, value: SqlValue): void {
    if (index < 1 || index > this.parameterCount) throw new SqliteError('column index out of range', 'SQLITE_RANGE');
    this.values[index - 1] = value;
  }

  clearBindings(): void {
    this.values.fill(null);
  }

  step(): StepResult {
    if (this.finished) return StepResult.Done;
    if (!this.returnsRows) {
      translated(() => this.statement.run(...this.arguments()));
      this.finished = true;
      return StepResult.Done;
    }
    this.iterator ??= translated(() => this.statement.iterate(...this.arguments()) as IterableIterator<SqlValue[]>);
    const next = translated(() => this.iterator!.next());
    if (next.done) {
      this.iterator = null;
      this.finished = true;
      return StepResult.Done;
    }
    this.current = next.value;
    return StepResult.Row;
  }

  row(): SqlValue[] {
    return this.current;
  }

  reset(): void {
    this.iterator?.return?.();
    this.iterator = null;
    this.finished = false;
  }

  finalize(): void {
    this.reset();
    this.connection.forget(this);
  }

  // better-sqlite3 binds unnamed slots positionally and named slots from one object.
  private arguments(): unknown[] {
    const positional: unknown[] = [];
    const named: Record<string, unknown> = {};
    let hasNamed = false;
    this.names.forEach((name, i) => {
      if (name === null) positional.push(this.values[i]);
      else {
        named[name.slice(1)] = this.values[i];
        hasNamed = true;
      }
    });
    return hasNamed ? [...positional, named] : positional;
  }
}

export class OracleConnection implements Connection {
  readonly memory: boolean;
  readonly readonly: boolean;
  private readonly db: BetterSqlite3.Database;
  private readonly counters: BetterSqlite3.Statement;
  private readonly live = new Set<OraclePrepared>();

  constructor(
    readonly path: string,
    options: ConnectionOptions,
  ) {
    this.memory = path === '' || path === ':memory:';
    this.readonly = options.readonly ?? false;
    // timeout 0: SQLite reports a held write lock at once (the API's own busy wait is not exercised here).
    this.db = translated(() => new BetterSqlite3(path, { readonly: this.readonly, fileMustExist: options.fileMustExist ?? false, timeout: 0 }));
    // Our API enforces the iterator rules itself; the oracle must not enforce them a second time.
    this.db.unsafeMode(true);
    this.counters = translated(() => this.db.prepare('SELECT changes(), total_changes(), last_insert_rowid()').raw(true).safeIntegers(true));
  }

  get isOpen(): boolean {
    return this.db.open;
  }
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }
  get changes(): number {
    return Number(this.readCounters()[0]);
  }
  get totalChanges(): number {
    return Number(this.readCounters()[1]);
  }
  get lastInsertRowid(): bigint {
    return this.readCounters()[2] as bigint;
  }

  prepare(sql: string): { statement: PreparedStatement | null; tail: string } {
    let scanned = scanFirstStatement(sql);
    while (scanned.empty && scanned.tail !== '') scanned = scanFirstStatement(scanned.tail);
    if (scanned.empty) return { statement: null, tail: '' };
    const oracleStatement = translated(() => this.db.prepare(scanned.sql));
    const statement = new OraclePrepared(this, oracleStatement, scanned.sql, scanned.parameterNames);
    this.live.add(statement);
    return { statement, tail: scanned.tail };
  }

  exec(sql: string): void {
    let rest = sql;
    for (;;) {
      const { statement, tail } = this.prepare(rest);
      if (!statement) return;
      try {
        while (statement.step() === StepResult.Row) {
          // discard
        }
      } finally {
        statement.finalize();
      }
      rest = tail;
    }
  }

  createFunction(def: ScalarFunctionDef): void {
    const fn = withLength((...args: SqlValue[]) => def.invoke(args), Math.max(def.argCount, 0));
    translated(() =>
      this.db.function(def.name, { varargs: def.argCount < 0, deterministic: def.deterministic, directOnly: def.directOnly, safeIntegers: true }, fn),
    );
  }

  createAggregate(def: AggregateFunctionDef): void {
    const length = Math.max(def.argCount, 0) + 1;
    const inverse = def.inverse;
    translated(() =>
      this.db.aggregate(def.name, {
        start: () => def.start(),
        step: withLength((state: unknown, ...args: SqlValue[]) => def.step(state, args), length),
        ...(inverse ? { inverse: withLength((state: unknown, ...args: SqlValue[]) => inverse(state, args), length) } : {}),
        result: (state: unknown) => def.result(state),
        varargs: def.argCount < 0,
        deterministic: def.deterministic,
        directOnly: def.directOnly,
        safeIntegers: true,
      } as Parameters<BetterSqlite3.Database['aggregate']>[1]),
    );
  }

  interrupt(): void {
    // better-sqlite3 has no interrupt; the API tests do not use it.
  }

  close(): void {
    for (const statement of this.live) statement.reset();
    this.live.clear();
    this.db.close();
  }

  forget(statement: OraclePrepared): void {
    this.live.delete(statement);
  }

  private readCounters(): SqlValue[] {
    return this.counters.get() as SqlValue[];
  }
}

export function openOracleConnection(path: string, options: ConnectionOptions): Connection {
  return new OracleConnection(path, options);
}
